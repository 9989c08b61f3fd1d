"""`tta play`: line-mode play on stdin/stdout (for scripts, pipes and screen readers)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import click

from engine.game import Game, GameError
from engine.paths import data_home
from engine.plain_loop import CommandRunner, play_lines
from engine.saves import SaveStore
from engine.story import StoryError, discover_stories, load_story
from engine.story.loader import bundled_stories_root


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
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise click.ClickException(f"cannot read script {path}: {exc.strerror or exc}") from exc
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


@click.command()
@click.argument("story", required=False)
@click.option("--plain", is_flag=True, help="Line-mode play on stdin/stdout.")
@click.option("--script", "script", type=click.Path(path_type=Path, dir_okay=False), help="Read commands from FILE.")
@click.option("--scene", help="Start at this scene (for authors).")
@click.option("--seed", type=int, help="Random seed, for repeatable play.")
def play(story: str | None, plain: bool, script: Path | None, scene: str | None, seed: int | None) -> None:
    """Play STORY (a folder or a story id; default: the bundled story)."""
    try:
        loaded = load_story(pick_story(story))
        game = Game.new(loaded, seed=seed, scene=scene)
    except StoryError as exc:
        raise click.ClickException(f"the story has errors:\n{exc}") from exc
    except GameError as exc:
        raise click.ClickException(str(exc)) from exc
    runner = CommandRunner(game, SaveStore(data_home() / "saves"))
    interactive = script is None and sys.stdin.isatty()
    lines = script_lines(script) if script is not None else typed_lines() if interactive else sys.stdin
    play_lines(runner, lines, click.echo, echo=not interactive)


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
