"""`tta models`: list configured models; `prepare` converts the embedded ones; `pull` fetches from the hub."""

from __future__ import annotations

import sys
import time

import click

from engine.inference.catalog import format_rows, model_rows
from engine.inference.sources.convert import convert_embedded, is_converted
from engine.inference.sources.embedded import EMBEDDED, EmbeddedModelError
from engine.inference.sources.hub import HubError, pull
from engine.inference.manager import ModelManager
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


@models.command()
def prepare() -> None:
    """Convert the embedded models once into the cache (fast no-op when already done)."""
    cache = cache_home()
    failed = False
    for name, embedded in EMBEDDED.items():
        if is_converted(cache, name):
            click.echo(f"{name}: cached")
            continue
        if not embedded.installed():
            click.echo(f"{name}: package {embedded.package} not installed; skipped (run `make setup`)", err=True)
            continue
        started = time.perf_counter()
        try:
            convert_embedded(name, cache, report=lambda message: click.echo(f"  {message}"))
        except (EmbeddedModelError, OSError, ValueError) as error:
            click.echo(f"{name}: conversion failed: {error}", err=True)
            failed = True
        except KeyboardInterrupt:
            click.echo(f"\n{name}: interrupted; nothing half-written was kept", err=True)
            sys.exit(130)
        else:
            click.echo(f"{name}: converted in {time.perf_counter() - started:.1f} s")
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
