"""The `tta` command line: a click group whose subcommands live in game/commands/, one file each."""

from __future__ import annotations

import click

from game.commands import bench, data, feedback, models, play, safety, story


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="tta")
def main() -> None:
    """TTA: a therapeutic text adventure for the terminal.

    TTA is a game, not a substitute for professional care.
    """


for _module in (play, story, models, bench, safety, data, feedback):
    _module.register(main)
