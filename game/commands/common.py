"""Helpers shared by subcommands: building services with settings errors shown, never a traceback."""

from __future__ import annotations

from pathlib import Path

import click

from engine.settings import SettingsError
from game.factory import Services, build_services


def services_or_exit(settings_path: Path | None, profile: str | None, **options: object) -> Services:
    """Build the services; bad settings print `settings.yaml:LINE: message` and exit 2."""
    try:
        return build_services(settings_path, profile, **options)  # type: ignore[arg-type]
    except SettingsError as exc:
        click.echo(str(exc), err=True)
        raise SystemExit(2) from None
