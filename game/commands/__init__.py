"""One module per group of `tta` subcommands."""
