"""`tta feedback`: export every rated or noted turn for pooling, and import other testers' exports."""

from __future__ import annotations

import re
import sys
import time
from datetime import datetime
from pathlib import Path

import click

from engine.paths import data_home
from engine.saves.notices import Notices
from engine.selector import FeedbackStore, PerformanceTracker, Selector, StaticAvailability
from engine.selector.feedback_merge import merge_ratings
from engine.turn.feedback_export import ExportFormatError, FeedbackRow, collect_rows, dump_rows, load_rows

_SPAN = re.compile(r"(\d+(?:\.\d+)?)([dhm])")
_UNIT_S = {"d": 86400.0, "h": 3600.0, "m": 60.0}


def register(cli: click.Group) -> None:
    """Attach this module's commands to the root group."""
    cli.add_command(feedback)


@click.group()
def feedback() -> None:
    """Playtest ratings and notes: export them to pool a group's feedback, import others' to learn from it."""


def parse_since(text: str, now: float | None = None) -> float:
    """A Unix time from `7d` / `12h` / `30m` (that long ago) or an ISO date or date-time (local time)."""
    span = _SPAN.fullmatch(text.strip())
    if span:
        return (now if now is not None else time.time()) - float(span.group(1)) * _UNIT_S[span.group(2)]
    try:
        return datetime.fromisoformat(text.strip()).timestamp()
    except ValueError:
        raise click.BadParameter(f"{text!r}: give a date (2026-11-30), a date-time, or a span (7d, 12h, 30m)") from None


@feedback.command()
@click.option("--since", help="Only ratings and notes from then on: a date (2026-11-30) or a span (7d, 12h).")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="File to write (default stdout).")
def export(since: str | None, fmt: str, output: Path | None) -> None:
    """Write every rated or noted turn: turn id, story, scene, task, model, prompt, output, rating, note, timings."""
    root = data_home()
    notices = Notices()
    store = FeedbackStore(root / "ratings.json", notices=notices)
    try:
        ratings = store.ratings()
    finally:
        store.close()
    for line in notices.drain():  # e.g. a damaged ratings file was moved aside
        click.echo(line, err=True)
    rows = collect_rows(root / "transcripts", ratings, parse_since(since) if since else None)
    text = dump_rows(rows, "csv" if fmt == "csv" else "jsonl")
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
    click.echo(f"{len(rows)} rows ({sum(r.rating is not None for r in rows)} ratings)", err=True)


@feedback.command(name="import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_command(files: tuple[Path, ...]) -> None:
    """Merge exports into this machine's selector and tracker; importing a file twice changes nothing."""
    rows: list[FeedbackRow] = []
    for path in files:
        try:
            rows += load_rows(path)
        except (ExportFormatError, UnicodeDecodeError, OSError) as error:
            click.echo(str(error), err=True)
            sys.exit(1)
    selector, tracker, store = _open_selector(data_home())
    try:
        report = merge_ratings(selector, tracker, store, sorted(rows, key=lambda row: row.time))
    finally:
        selector.close()
    click.echo(f"added {report.added} ratings; {report.duplicates} already here; "
               f"{report.unrated} notes without a rating (nothing to learn)")
    for line in report.conflicts:
        click.echo(f"conflict: {line}", err=True)


def _open_selector(root: Path) -> tuple[Selector, PerformanceTracker, FeedbackStore]:
    """A selector on this machine's learnt state, routed by the settings (their tuning sets how ratings count)."""
    from engine.settings import SettingsError, load_settings
    from game.factory import routing_from

    try:
        settings = load_settings()
    except SettingsError as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    tracker = PerformanceTracker(root / "stats.json")
    store = FeedbackStore(root / "ratings.json")
    return Selector(routing_from(settings), tracker, store, StaticAvailability()), tracker, store
