"""`tta data`: export or delete everything TTA keeps about you (saves, ratings, notes, stats, safety flags)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from engine.paths import data_home
from engine.safety.userdata import (
    Inventory,
    UserDataError,
    check_deletable,
    delete_data,
    export_data,
    inventory,
)


def register(cli: click.Group) -> None:
    """Attach this module's commands to the root group."""
    cli.add_command(data)


@click.group()
def data() -> None:
    """Your data stays on this computer, under $TTA_HOME. Export it or delete it here."""


@data.command()
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Zip file to write (default: tta-data-<date>-<time>.zip in this folder).",
)
def export(out: Path | None) -> None:
    """Write all your TTA data into one zip file."""
    root = data_home()
    target = out or Path(f"tta-data-{datetime.now():%Y%m%d-%H%M%S}.zip")
    try:
        found = export_data(root, target)
    except UserDataError as err:
        raise click.ClickException(str(err)) from err
    click.echo(f"Exported {_describe(found)} from {root} to {target}")


@data.command()
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def delete(yes: bool) -> None:
    """Delete all your TTA data: saves, ratings, notes, stats and safety flags."""
    root = data_home()
    try:
        check_deletable(root)
    except UserDataError as err:
        raise click.ClickException(str(err)) from err
    found = inventory(root)
    if not found.files:
        click.echo(f"Nothing to delete: {root} is empty.")
        return
    click.echo(f"This permanently deletes {_describe(found)} in {root}:")
    for name, count in found.groups().items():
        click.echo(f"  {name} ({count} file{'s' if count != 1 else ''})")
    if not yes:
        click.confirm("Delete all of it?", abort=True)
    try:
        delete_data(root)
    except UserDataError as err:
        raise click.ClickException(str(err)) from err
    click.echo("Deleted.")


def _describe(found: Inventory) -> str:
    count = len(found.files)
    return f"{count} file{'s' if count != 1 else ''} ({found.total_bytes:,} bytes)"
