"""`tta play`: the terminal UI, or line-mode play on stdin/stdout (for scripts, pipes and screen readers)."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import click

from engine.core.game import Game, GameError
from engine.saves import SaveError
from engine.story import StoryError, discover_stories, load_story
from engine.story.loader import bundled_stories_root
from engine.yamlstrict import YamlFindings, decode_utf8
from game.commands.common import services_or_exit
from game.factory import Services, build_pipeline
from game.plain import PlainRenderer, play_lines


def pick_story(name: str | None) -> Path:
    """A story folder from a path, a story id under stories/, or the first bundled story."""
    if name is not None:
        given = Path(name)
        if given.exists():
            return given
        for root in (Path.cwd() / "stories", bundled_stories_root()):
            if (root / name).is_dir():
                return root / name
        raise click.ClickException(f"no story called '{name}' (give a story folder or an id under stories/)")
    found = discover_stories(Path.cwd() / "stories") or discover_stories(bundled_stories_root())
    if not found:
        raise click.ClickException("no stories found; pass a story folder")
    return found[0]


def script_lines(path: Path) -> list[str]:
    """Commands from a script file: one per line; blank lines and `#` comments are skipped."""
    try:
        text = decode_utf8(path.read_bytes())
    except OSError as exc:
        raise click.ClickException(f"cannot read script {path}: {exc.strerror or exc}") from exc
    except YamlFindings as exc:
        line, col, message = exc.findings[0]
        raise click.ClickException(f"{path}:{line}:{col}: error: {message}") from None
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


@click.command()
@click.argument("story", required=False)
@click.option("--plain", is_flag=True, help="Line-mode play on stdin/stdout (scripts, pipes, screen readers).")
@click.option("--script", "script", type=click.Path(path_type=Path, dir_okay=False), help="Read commands from FILE.")
@click.option("--scene", help="Start at this scene (for authors).")
@click.option("--seed", type=int, help="Random seed, for repeatable play.")
@click.option("--profile", help="Model profile: seed, embedded, rules or auto (overrides settings.yaml).")
@click.option("--settings", "settings_path", type=click.Path(path_type=Path, dir_okay=False),
              help="Settings file (default: settings.yaml, or $TTA_SETTINGS).")
@click.option("--author", is_flag=True, help="Author mode: state inspector, jump, set, hot reload.")
@click.option("--continue", "resume", is_flag=True, help="Continue from the autosave.")
@click.option("-v", "--verbose", is_flag=True, help="Line mode: show which model served each step.")
def play(story: str | None, plain: bool, script: Path | None, scene: str | None, seed: int | None,
         profile: str | None, settings_path: Path | None, author: bool, resume: bool, verbose: bool) -> None:
    """Play STORY (a folder or a story id; default: the bundled story)."""
    path = pick_story(story)
    line_mode = plain or script is not None or scene is not None
    if line_mode or story is not None:  # the title screen loads (and lists) the stories itself: not twice
        try:
            loaded = load_story(path)
            Game.new(loaded, seed=seed, scene=scene)  # fail early on a bad --scene, before any model loads
        except StoryError as exc:
            raise click.ClickException(f"the story has errors:\n{exc}") from exc
        except GameError as exc:
            raise click.ClickException(str(exc)) from exc
    if line_mode:
        _play_plain(path, script, scene, seed, profile, settings_path, resume, verbose)
    else:
        _play_tui(path if story else None, seed, profile, settings_path, author)


def _play_plain(path: Path, script: Path | None, scene: str | None, seed: int | None, profile: str | None,
                settings_path: Path | None, resume: bool, verbose: bool) -> None:
    # The opening shows at once (authored text) while models warm in the background; the first command
    # waits for them, so which turns have models does not depend on timing.
    services = services_or_exit(settings_path, profile, defer_models=True)
    warming = BackgroundWarmup(services) if services.settings.active_models() else None
    try:
        try:
            pipeline = build_pipeline(services, path, seed=seed, scene=scene, resume=resume)
        except SaveError as exc:
            raise click.ClickException(f"cannot continue: {exc}. Nothing was changed; play without --continue "
                                       "to start a new game.") from exc
        interactive = script is None and sys.stdin.isatty()
        lines = iter(script_lines(script)) if script is not None else typed_lines() if interactive else sys.stdin
        renderer = PlainRenderer(sys.stdout, verbose=verbose, echo=not interactive)
        play_lines(pipeline, warming.then(iter(lines)) if warming else iter(lines), renderer)
    finally:
        if warming is not None:
            warming.join()  # never close a model that is still loading
        services.close()


class BackgroundWarmup:
    """`services.warm()` on a worker thread, started at once; `then(lines)` waits for it before the first line."""

    def __init__(self, services: Services) -> None:
        self._failures: list[str] = []
        self._thread = threading.Thread(target=lambda: self._failures.extend(services.warm()), name="tta-warm")
        self._thread.start()

    def join(self) -> None:
        """Wait for the models; print what failed to load, once."""
        if self._thread.is_alive() or self._failures:
            self._thread.join()
            for failure in self._failures:
                click.echo(f"warning: {failure}", err=True)
            self._failures = []

    def then(self, lines: Iterator[str]) -> Iterator[str]:
        """`lines`, once the models are ready (or failed)."""
        first = True
        for line in lines:
            if first:
                self.join()
                first = False
            yield line


def _play_tui(story: Path | None, seed: int | None, profile: str | None, settings_path: Path | None,
              author: bool) -> None:
    from game.factory import build_app  # Textual loads only for the terminal UI

    services = services_or_exit(settings_path, profile, defer_models=True)
    try:
        build_app(services, story=story, author=author, seed=seed).run()
    finally:
        services.close()


def typed_lines() -> Iterator[str]:
    """Lines typed at a `> ` prompt, until end of input."""
    while True:
        try:
            yield input("> ")
        except (EOFError, KeyboardInterrupt):
            click.echo()
            return


def register(cli: click.Group) -> None:
    """Attach `tta play` to the root group."""
    cli.add_command(play)
