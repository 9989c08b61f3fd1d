"""`tta safety`: check text against the crisis detector, score it on the development and held-out sets,
calibrate the semantic stage on the development set, and time it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from engine.safety.context import CrisisContext
from engine.safety.detector import CrisisDetector
from engine.safety.eval_text import format_report
from engine.safety.evaluation import EvalReport, evaluate, load_cases
from engine.safety.exemplars import load_bank
from engine.safety.phrasebook import PhraseBook, load_phrasebook
from engine.safety.rendering import sanitize_text
from engine.safety.semantic import SemanticStage
from engine.safety.training import TRAINING, Settings

if TYPE_CHECKING:
    from engine.safety.crossval import Material
from engine.yamlpos import YamlFileError

CASES_DIR = Path(__file__).resolve().parents[2] / "tests" / "safety"
DEV_SETS = tuple(CASES_DIR / f"{name}.yaml" for name in ("crisis_cases", "crisis_dev", "crisis_dev2", "crisis_dev3",
                                                         "crisis_dev4", "crisis_spent_v4", "crisis_dev5",
                                                         "crisis_probe_fa", "crisis_dev6a", "crisis_dev6b",
                                                         "crisis_spent_v6", "crisis_dev7", "crisis_dev8a",
                                                         "crisis_dev8b", "crisis_dev8c", "crisis_dev8d",
                                                         "crisis_spent_v7", "crisis_spent_v8"))
HELDOUT_SET = CASES_DIR / "crisis_heldout_v9.yaml"
"""Sealed: written by someone who never tunes the detector; evaluated once, by the lead."""
_PHRASES_HELP = "Phrase book to use instead of the packaged one (for authors editing the lists)."
_EXEMPLARS_HELP = "Exemplar bank to use instead of the packaged one."
_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


def register(cli: click.Group) -> None:
    """Attach this module's commands to the root group."""
    from game.commands import safety_tune

    safety_tune.register(safety)
    cli.add_command(safety)


@click.group()
def safety() -> None:
    """Crisis detection tools for authors and reviewers."""


def _detector_options(command: click.decorators.FC) -> click.decorators.FC:
    command = click.option("--phrases", type=_FILE, help=_PHRASES_HELP)(command)
    command = click.option("--exemplars", type=_FILE, help=_EXEMPLARS_HELP)(command)
    return click.option("--rules-only", is_flag=True, help="Phrase rules alone, without the semantic stage.")(command)


@safety.command()
@click.argument("text", required=False)
@click.option("--file", "file", type=_FILE, help="Check every non-empty line of this file.")
@click.option("--session", is_flag=True, help="Treat the lines as one session (each sees the ones before).")
@_detector_options
def check(text: str | None, file: Path | None, session: bool, phrases: Path | None, exemplars: Path | None,
          rules_only: bool) -> None:
    """Print tier, rule or category, score and TEXT (or each line of --file)."""
    if text is not None and file is None:
        inputs = [text]
    elif file is not None and text is None:
        inputs = _lines(file)
    else:
        raise click.UsageError("give TEXT or --file (exactly one of them)")
    detector = _detector(phrases, exemplars, rules_only)
    context = CrisisContext() if session else None
    for item in inputs:
        result = detector.classify(item, context=context)
        score = "-" if result.score is None else f"{result.score:.2f}"
        click.echo(f"{result.level}\t{result.source}\t{score}\t{sanitize_text(item)}")


@safety.command(name="eval")
@click.argument("cases", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--bench", is_flag=True, help="Also time classify (p50/p95) with the semantic stage warm.")
@click.option("--heldout", type=click.Path(dir_okay=False, path_type=Path), default=HELDOUT_SET, show_default=True,
              help="The never-tuned set reported after the development set.")
@_detector_options
def eval_command(cases: tuple[Path, ...], bench: bool, heldout: Path, phrases: Path | None, exemplars: Path | None,
                 rules_only: bool) -> None:
    """Report per category and tier on CASES, or on the development set and, separately, the held-out set."""
    sets = [(", ".join(str(c) for c in cases), cases)] if cases else [("development set (calibrated on)", DEV_SETS)]
    if not cases and heldout.exists():
        sets.append(("held-out set (never tuned on)", (heldout,)))
    detector = _detector(phrases, exemplars, rules_only)
    stage = detector.semantic
    if stage is None or not detector.warm():
        reason = stage.error if stage is not None and stage.error else "not used"
        click.echo(f"semantic stage: unavailable ({reason}); phrase rules only")
    else:
        click.echo(f"semantic stage: exemplar bank v{stage.bank.version} ({stage.bank.model}), "
                   f"phrase rules v{detector.version}")
    for title, paths in sets:
        missing = [p for p in paths if not p.exists()]
        if missing:
            raise click.UsageError(f"no test set at {missing[0]}; pass the path of one")
        try:
            case_set = load_cases(*paths)
        except YamlFileError as err:
            raise click.ClickException(str(err)) from err
        click.echo(format_report(title, evaluate(detector, case_set)))
    if not cases and not heldout.exists():
        click.echo(f"== held-out set (never tuned on): not written yet ({heldout})")
    if bench:
        from game.bench.safety_bench import format_safety_bench, run_safety_bench

        click.echo(format_safety_bench(run_safety_bench(detector)))


@safety.command()
@click.option("--phrases", type=_FILE, help=_PHRASES_HELP)
@click.option("--exemplars", type=_FILE, help=_EXEMPLARS_HELP)
def calibrate(phrases: Path | None, exemplars: Path | None) -> None:
    """Search the semantic stage's thresholds on the DEVELOPMENT set and print them for the data file."""
    from engine.safety.calibration import calibrate as search
    from engine.safety.calibration import thresholds_yaml

    detector = _detector(phrases, exemplars, rules_only=False)
    stage = detector.semantic
    if stage is None or not stage.warm():
        raise click.ClickException("the semantic stage is unavailable: install the `models` extra")
    result = search(stage, load_cases(*DEV_SETS), detector_phrases(phrases))
    click.echo(thresholds_yaml(result.bank))
    click.echo(f"development set: {result.report.summary()}")


@safety.command()
@click.option("--leave-one-out", "by_set", is_flag=True, help="Also hold out each development file in turn.")
@click.option("--token-channels", type=click.IntRange(0, 16), default=None,
              help="Train heads with this many max-pooled token channels instead (needs torch; round 7's experiment).")
def cv(by_set: bool, token_channels: int | None) -> None:
    """Cross-validate the trained head on the bank and the DEVELOPMENT sets (grouped k-fold)."""
    from dataclasses import replace

    from engine.safety.crossval import cross_validate, leave_one_set_out
    from game.bench.token_training import fit_tokens

    stage, material, settings = training_material()
    if token_channels is not None:
        settings = replace(settings, token_channels=token_channels)
    report = cross_validate(stage, material, settings, fit_with=fit_tokens)
    click.echo(format_report("cross-validated (grouped 5-fold) on the development sets", report))
    if by_set:
        parts = leave_one_set_out(stage, material, settings, fit_with=fit_tokens)
        for name, part in parts.items():
            click.echo(f"held out {name}: {part.summary()}")
        pooled = EvalReport([scored for part in parts.values() for scored in part.scored])
        click.echo(f"leave-one-file-out, pooled: {pooled.summary()}")
    stage.encoder.save()  # type: ignore[attr-defined]


@safety.command()
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Where to write the head (the shipped one is engine/safety/data/crisis_head.json).")
def train(out: Path) -> None:
    """Train the head on the bank and every DEVELOPMENT set and write it (never on the held-out set)."""
    from engine.safety.crossval import train_all

    stage, material, settings = training_material()
    from game.bench.token_training import fit_tokens

    out.write_text(train_all(stage, material, settings, fit_tokens).to_json(), encoding="utf-8")
    click.echo(f"wrote {out} (trained on {len(material.examples)} texts)")
    # The bank's vectors ship beside the head, so a first start does not spend seconds embedding them.
    from engine.safety.bank_vectors import shipped_path

    count = stage.write_bank_vectors(shipped_path())
    click.echo(f"wrote {shipped_path()} ({count} bank vectors)")


def training_material() -> tuple[SemanticStage, Material, Settings]:
    from engine.inference.embedder import locate_minilm
    from engine.paths import cache_home
    from engine.safety.crossval import CachedEncoder, gather

    folder = locate_minilm()
    if folder is None:
        raise click.ClickException("the semantic stage is unavailable: install the `models` extra")
    encoder = CachedEncoder(folder, cache_home() / "safety" / "cv-vectors.npz")
    stage = SemanticStage(encoder, load_bank(), cache_home() / "safety")
    if not stage.warm():
        raise click.ClickException(f"the sentence model cannot load: {stage.error}")
    material = gather(stage, DEV_SETS)
    encoder.save()
    return stage, material, TRAINING


def detector_phrases(path: Path | None) -> PhraseBook | None:
    """The phrase book at `path` (None: the packaged one); located errors as a click error."""
    if path is None:
        return None
    try:
        return load_phrasebook(path)
    except YamlFileError as err:
        raise click.ClickException(str(err)) from err


def _detector(phrases: Path | None, exemplars: Path | None, rules_only: bool) -> CrisisDetector:
    book = detector_phrases(phrases)
    if rules_only:
        return CrisisDetector(book, semantic=False)
    if exemplars is None:
        return CrisisDetector(book)
    try:
        bank = load_bank(exemplars)
    except YamlFileError as err:
        raise click.ClickException(str(err)) from err
    stage = SemanticStage.packaged(bank)
    return CrisisDetector(book, semantic=stage if stage is not None else False)


def _lines(file: Path) -> list[str]:
    try:
        content = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise click.ClickException(f"{file}: cannot read: {err}") from err
    return [line for line in content.splitlines() if line.strip()]
