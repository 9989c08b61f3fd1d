"""`tta safety`: check text against the crisis phrase lists, and score them on a test set."""

from __future__ import annotations

from pathlib import Path

import click

from engine.safety.detector import CrisisDetector
from engine.safety.evaluation import evaluate, load_cases
from engine.safety.phrasebook import PhraseBook, load_phrasebook
from engine.safety.rendering import sanitize_text
from engine.yamlpos import YamlFileError

DEFAULT_CASES = Path("tests/safety/crisis_cases.yaml")
_PHRASES_HELP = "Phrase book to use instead of the packaged one (for authors editing the lists)."


def register(cli: click.Group) -> None:
    """Attach this module's commands to the root group."""
    cli.add_command(safety)


@click.group()
def safety() -> None:
    """Crisis detection tools for authors and reviewers."""


@safety.command()
@click.argument("text", required=False)
@click.option(
    "--file",
    "file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Check every non-empty line of this file.",
)
@click.option("--phrases", type=click.Path(exists=True, dir_okay=False, path_type=Path), help=_PHRASES_HELP)
def check(text: str | None, file: Path | None, phrases: Path | None) -> None:
    """Classify TEXT (or each line of --file) as crisis, check-in or none, with the rule that matched."""
    if text is not None and file is None:
        inputs = [text]
    elif file is not None and text is None:
        inputs = _lines(file)
    else:
        raise click.UsageError("give TEXT or --file (exactly one of them)")
    detector = CrisisDetector(_phrasebook(phrases))
    for item in inputs:
        result = detector.classify(item)
        click.echo(f"{result.level}\t{result.rule or '-'}\t{sanitize_text(item)}")


@safety.command(name="eval")
@click.argument("cases", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--phrases", type=click.Path(exists=True, dir_okay=False, path_type=Path), help=_PHRASES_HELP)
def eval_command(cases: Path | None, phrases: Path | None) -> None:
    """Score the phrase lists on a labelled test set (default: tests/safety/crisis_cases.yaml)."""
    path = cases or DEFAULT_CASES
    if not path.exists():
        raise click.UsageError(f"no test set at {path}; pass the path of one")
    try:
        case_set = load_cases(path)
    except YamlFileError as err:
        raise click.ClickException(str(err)) from err
    report = evaluate(CrisisDetector(_phrasebook(phrases)), case_set)
    for label, failures in (
        ("missed", report.missed),
        ("only check-in", report.too_weak),
        ("false positive", report.false_positives),
    ):
        for item, result in failures:
            click.echo(f"{label}\t{result.level}\t{result.rule or '-'}\t{sanitize_text(item)}")
    click.echo(report.summary())


def _lines(file: Path) -> list[str]:
    try:
        content = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise click.ClickException(f"{file}: cannot read: {err}") from err
    return [line for line in content.splitlines() if line.strip()]


def _phrasebook(path: Path | None) -> PhraseBook | None:
    if path is None:
        return None
    try:
        return load_phrasebook(path)
    except YamlFileError as err:
        raise click.ClickException(str(err)) from err
