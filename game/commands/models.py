"""`tta models`: list configured models (served ones with reachability); `prepare`, `pull`, `check NAME`, `add`."""

from __future__ import annotations

import sys

import click

from engine.inference.backends.openai_health import ServerHealth
from engine.inference.backends.openai_report import check_model, format_check, format_served, served_rows
from engine.inference.backends.resolve import SHOWN, explain_backend
from engine.inference.catalog import format_rows, model_rows
from engine.inference.config import ModelConfig
from engine.inference.manager import ModelManager
from engine.inference.sources.hub import HubError, pull
from engine.inference.sources.prepare import preparable, prepare_model
from engine.paths import cache_home


def _settings():
    from engine.settings import SettingsError, load_settings

    try:
        return load_settings()
    except SettingsError as error:
        click.echo(str(error), err=True)
        sys.exit(1)


def register(cli: click.Group) -> None:
    """Attach this module's commands to the root group."""
    from game.commands.models_add import add

    models.add_command(add)
    cli.add_command(models)


@click.group(invoke_without_command=True)
@click.pass_context
def models(ctx: click.Context) -> None:
    """List every configured model: source, available, cached, loaded, memory."""
    if ctx.invoked_subcommand is not None:
        return
    settings = _settings()
    manager = ModelManager(settings.models, settings.memory_budget_mb, cache_home())
    click.echo(format_rows(model_rows(manager), settings.memory_budget_mb))
    click.echo("\n" + format_backends(settings.models))
    served = served_rows(settings.models, manager.health)
    if served:
        click.echo("\n" + format_served(served))


def format_backends(configs: dict[str, ModelConfig]) -> str:
    """Which backend runs each model here, and why (`backend: auto` resolved on this machine)."""
    from engine.inference.backends.llama_constraints import json_engine

    rows = []
    for name, config in configs.items():
        kind, why = explain_backend(config)
        if kind == "llama_cpp":
            why += f"; JSON: {json_engine() or 'no grammar engine installed (pip install llguidance)'}"
        rows.append((name, SHOWN.get(kind, kind), why))
    width = max([len("model"), *(len(r[0]) for r in rows)])
    kinds = max([len("backend"), *(len(r[1]) for r in rows)])
    lines = [f"{'model'.ljust(width)}  {'backend'.ljust(kinds)}  why"]
    lines += [f"{n.ljust(width)}  {k.ljust(kinds)}  {w}" for n, k, w in rows]
    return "\n".join(lines)


@models.command()
@click.argument("name")
def check(name: str) -> None:
    """One round trip to served model NAME: a fresh health probe, then one short streamed reply."""
    configs = _settings().models
    config = configs.get(name)
    if config is None or config.backend != "openai":
        known = ", ".join(n for n, c in configs.items() if c.backend == "openai") or "none"
        click.echo(f"{name!r} is not a served model (backend: openai); served models configured: {known}", err=True)
        sys.exit(1)
    result = check_model(name, config, ServerHealth())
    click.echo(format_check(name, result))
    if result.outcome != "ok":
        sys.exit(1)


@models.command()
def prepare() -> None:
    """Make the embedded (and local GGUF) models loadable: on llama.cpp a quick check, no conversion.

    Without llama-cpp-python, embedded models run on transformers and are converted once into the cache.
    """
    cache = cache_home()
    failed = False
    for name, config in preparable(_settings().models).items():
        try:
            result = prepare_model(name, config, cache, report=lambda message: click.echo(f"  {message}"))
        except KeyboardInterrupt:
            click.echo(f"\n{name}: interrupted; nothing half-written was kept", err=True)
            sys.exit(130)
        click.echo(result.line, err=result.failed or result.skipped)
        failed = failed or result.failed
    if failed:
        sys.exit(1)


@models.command(name="pull")
@click.argument("name")
@click.option("--timeout", default=10.0, show_default=True, help="Seconds to wait for the hub to answer.")
def pull_command(name: str, timeout: float) -> None:
    """Download model NAME (a configured name or a hub repo id) into the Hugging Face cache."""
    configs = _settings().models
    if name in configs:
        config = configs[name]
        if config.source != "hub":
            click.echo(f"{name} comes from {config.source!r}, not the hub; nothing to pull", err=True)
            sys.exit(1)
        repo_id = config.model_id
    elif "/" in name:
        repo_id = name
    else:
        known = ", ".join(n for n, c in configs.items() if c.source == "hub") or "none"
        click.echo(f"unknown model {name!r}; hub models configured: {known}", err=True)
        sys.exit(1)
    try:
        folder = pull(repo_id, timeout_s=timeout)
    except HubError as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    click.echo(f"{repo_id}: ready in {folder}")
