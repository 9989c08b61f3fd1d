"""`tta test STORY --paraphrases FILE | --offscript FILE [--profile P]`: measured understanding, one line each."""

from __future__ import annotations

import tempfile
from pathlib import Path

import click

from engine.story import StoryError, load_story
from engine.storytest.measure import load_groups, measure_offscript, measure_paraphrases
from game.commands.common import services_or_exit
from game.factory import Services, measuring_pipelines, rules_pipelines


def _resolve(path: Path, story_dir: Path) -> Path:
    """A file as given, or inside the story's folder ("--paraphrases paraphrases.yaml")."""
    return path if path.exists() or path.is_absolute() else story_dir / path


def measure_command(stories: list[Path], paraphrases: Path | None, offscript: Path | None,
                    profile: str | None) -> None:
    """Replay each group's setup, try each case through the players' pipeline, list the misses, summarise."""
    if len(stories) != 1:
        raise click.UsageError("--paraphrases and --offscript measure one story: give its folder.")
    try:
        story = load_story(stories[0])
    except StoryError as exc:
        click.echo(str(exc))
        return
    folder = story.source_path.parent if story.source_path else stories[0]
    services: Services | None = None
    with tempfile.TemporaryDirectory() as home:
        if profile is None or profile == "rules":
            pipeline_for = rules_pipelines()
        else:
            # A throwaway data folder: a measurement must not teach the player's selector anything.
            services = services_or_exit(None, profile, data_dir=Path(home), rng_seed=1)
            click.echo(f"Loading the {profile} models...", err=True)
            services.warm()
            pipeline_for = measuring_pipelines(services)
        try:
            click.echo(f"{story.title} ({story.id} {story.version}), profile {profile or 'rules'}")
            for path, need_expect in ((paraphrases, True), (offscript, False)):
                if path is None:
                    continue
                groups, problems = load_groups(_resolve(path, folder), need_expect)
                for problem in problems:
                    click.echo(str(problem))
                if need_expect:
                    report = measure_paraphrases(story, groups, pipeline_for)
                else:
                    report = measure_offscript(story, groups, pipeline_for)
                for line in report.misses:
                    click.echo(f"  miss: {line}")
                click.echo(report.summary)
        finally:
            if services is not None:
                services.close()
