"""`tta bench`: engine turns/s, selector latency and learning, model speed and validity, whole-turn figures."""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path
from typing import Any

import click

from engine.story.loader import bundled_stories_root
from game.commands.common import services_or_exit

SAMPLE = bundled_stories_root() / "lantern_house"


@click.command()
@click.option("--engine", "do_engine", is_flag=True, help="Headless walkthrough turns per second, no model.")
@click.option("--selector", "do_selector", is_flag=True, help="select() latency and the rating simulation.")
@click.option("--models", "do_models", is_flag=True, help="Load, TTFT, tok/s, RSS, JSON validity, choice accuracy.")
@click.option("--turns", "do_turns", is_flag=True, help="The walkthrough through the pipeline + paraphrases.")
@click.option("--play", "do_play", is_flag=True,
              help="Paraphrase and off-script sets through the pipeline: bands, replies, NPCs, latency.")
@click.option("--startup", "do_startup", is_flag=True,
              help="A real `tta play`: time to the title and the opening, a 4-command script (warm and cold "
                   "cache), peak RSS.")
@click.option("--profile", help="Model profile for --models/--turns/--play/--startup (default: settings).")
@click.option("--settings", "settings_path", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--story", type=click.Path(path_type=Path, file_okay=False), default=SAMPLE, show_default=False)
@click.option("--n-json", default=20, show_default=True, help="Schema-constrained calls per model.")
@click.option("--out", type=click.Path(path_type=Path), default=Path("bench-results"), show_default=True,
              help="Folder for the JSON results.")
def bench(do_engine: bool, do_selector: bool, do_models: bool, do_turns: bool, do_play: bool, do_startup: bool,
          profile: str | None, settings_path: Path | None, story: Path, n_json: int, out: Path) -> None:
    """Measure and print; figures are written as JSON too. With no flag, runs --engine and --selector."""
    if not any((do_engine, do_selector, do_models, do_turns, do_play, do_startup)):
        do_engine = do_selector = True
    results: dict[str, Any] = {"when": time.strftime("%Y-%m-%dT%H:%M:%S")}
    if do_engine:
        from game.bench.engine_bench import run_engine_bench

        results["engine"] = run_engine_bench(story, turns=4000)
        click.echo(f"Engine: {results['engine']['turns_per_s']:,.0f} turns/s "
                   f"({results['engine']['turns']} turns in {results['engine']['seconds']:.2f} s)")
    if do_selector:
        from game.bench.selector_bench import format_bench, run_selector_bench

        results["selector"] = run_selector_bench()
        click.echo(format_bench(results["selector"]))
    if do_startup:
        from game.bench.startup_bench import format_startup, run_startup_bench

        results["startup"] = run_startup_bench(story, profile or "embedded")
        click.echo(format_startup(results["startup"]))
    if do_play:
        from game.bench.play_bench import format_play, run_play_bench

        # The sample stories, or the one given; each story's own paraphrase and off-script sets.
        stories = [story] if story != SAMPLE else sorted(p.parent for p in SAMPLE.parent.glob("*/story.yaml"))
        played = services_or_exit(settings_path, profile or "embedded")
        try:
            results["play"] = run_play_bench(played, stories)
        finally:
            played.close()
        click.echo(format_play(results["play"]))
    if do_models or do_turns:
        services = services_or_exit(settings_path, profile or "embedded")
        try:
            if do_models:
                from game.bench.models_bench import format_table, run_model_bench

                names = [n for n in services.settings.active_models() if services.manager.is_available(n)]
                results["models"] = run_model_bench(services.manager, names, n_json=n_json)
                click.echo(format_table(results["models"]))
            if do_turns:
                results["turns"] = _turns(services, story)
        finally:
            services.close()
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"bench-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")
    click.echo(f"\nWritten: {path}")


def _turns(services: Any, story: Path) -> dict[str, Any]:
    from game.bench.turns_bench import format_turns, run_paraphrase_bench, run_turn_bench, walkthrough_commands
    from game.factory import build_pipeline, build_services

    click.echo("Loading models...", err=True)
    services.warm()
    result = run_turn_bench(build_pipeline(services, story, seed=1), walkthrough_commands(story))
    click.echo(format_turns(result))
    # A fresh selector (and data folder) for the second run, so it does not start from the first run's learning.
    with tempfile.TemporaryDirectory() as home:
        fresh = build_services(settings=services.settings, data_dir=Path(home), rng_seed=1)
        try:
            fresh.warm()
            settled = run_turn_bench(build_pipeline(fresh, story, seed=1), walkthrough_commands(story), settle=True)
        finally:
            fresh.close()
    click.echo(format_turns(settled))
    result["settled"] = settled
    cases = story / "paraphrases.yaml"
    if cases.exists():
        paraphrases = run_paraphrase_bench(build_pipeline(services, story, seed=1), cases, services.matcher)
        for method, figures in paraphrases.items():
            click.echo(f"  paraphrases [{method:10}] {figures['right']}/{figures['total']} = "
                       f"{figures['accuracy']:.0%}, {figures['seconds_per_case'] * 1000:.0f} ms/case")
        result["paraphrases"] = paraphrases
    return result


def register(cli: click.Group) -> None:
    """Attach `tta bench` to the root group."""
    cli.add_command(bench)
