"""The `tta` command line: a click group whose subcommands live in game/commands/, one file each."""

from __future__ import annotations

import click

from engine.paths import cache_home, data_home
from game.commands import bench, data, feedback, models, play, safety, story


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="tta")
def main() -> None:
    """TTA: a therapeutic text adventure for the terminal.

    TTA is a game, not a substitute for professional care.
    """
    _usable_folders()


def _usable_folders() -> None:
    """A data or cache folder that cannot be made (e.g. $TTA_HOME names a file) is a clear error, not a traceback."""
    for variable, what, folder in (("TTA_HOME", "data", data_home), ("TTA_CACHE", "cache", cache_home)):
        try:
            folder()
        except OSError as exc:
            why = "a file is in the way" if isinstance(exc, FileExistsError | NotADirectoryError) else exc.strerror
            raise click.ClickException(f"cannot use {exc.filename} as the {what} folder ({why or exc}); "
                                       f"set ${variable} to a folder TTA may create and write") from None


for _module in (play, story, models, bench, safety, data, feedback):
    _module.register(main)
