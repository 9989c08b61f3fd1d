"""`tta models add NAME PATH.gguf`: a model entry for a GGUF the player owns, written into settings.yaml."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import click

from engine.inference.sources.gguf import GGUFError, check_gguf

FIT = "{{suitable: {suitable}, quality_score: {quality}, speed_score: 0.5}}"
"""Task fit of an added model: modest scores, so the selector trusts it only as it proves itself."""


def gguf_has_chat_template(path: Path) -> bool:
    """Whether the GGUF's metadata carries a chat template (else it is a base model: completion only)."""
    from gguf import GGUFReader

    return "tokenizer.chat_template" in GGUFReader(str(path), "r").fields


def model_entry(name: str, path: Path, chat: bool) -> str:
    """The YAML block (indented under `models:`) for a local GGUF."""
    size_mb = path.stat().st_size / 2**20
    # Weights are memory-mapped whole; KV cache and compute buffers add roughly a third for small models.
    memory = int(size_mb * 1.35) + 64
    talk = FIT.format(suitable="true" if chat else "false", quality=0.4)
    pick = FIT.format(suitable="true", quality=0.4)
    lines = [
        f"  {name}:  # added by `tta models add`; raise the scores once it proves itself",
        f"    model_id: {path}",
        "    source: local",
        "    backend: auto",
        f"    memory_requirement: {memory}",
        "    task_mapping:",
        *(f"      {task}: {talk}" for task in ("narrative_generation", "creative_writing", "simple_question")),
        *(f"      {task}: {pick}" for task in ("structured_output", "tool_selection")),
        f"      knowledge_reasoning: {FIT.format(suitable='false', quality=0.3)}",
    ]
    if not chat:
        lines.insert(2, "    # no chat template in this GGUF: a base model, given plain completion prompts")
    return "\n".join(lines) + "\n"


def insert_model(text: str, entry: str) -> str:
    """`text` (a settings file) with `entry` appended at the end of its `models:` section, comments kept."""
    lines = text.splitlines(keepends=True)
    try:
        start = next(i for i, line in enumerate(lines) if line.rstrip() == "models:")
    except StopIteration:
        return text + ("" if text.endswith("\n") or not text else "\n") + "models:\n" + entry
    end = next((i for i in range(start + 1, len(lines)) if lines[i][:1] not in ("", " ", "\n", "#")), len(lines))
    # Comments and blank lines just above the next section belong to it.
    while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
        end -= 1
    return "".join([*lines[:end], "\n", entry, *lines[end:]])


@click.command()
@click.argument("name")
@click.argument("path", type=click.Path(path_type=Path, dir_okay=False))
def add(name: str, path: Path) -> None:
    """Add model NAME for the GGUF file PATH to settings.yaml (llama.cpp runs it, no conversion)."""
    from engine.settings import SettingsError, default_settings_path, load_settings

    path = path.expanduser().resolve()
    try:
        check_gguf(path)
    except GGUFError as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    target = default_settings_path()
    try:
        settings = load_settings(target)
    except SettingsError as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    if name in settings.models:
        click.echo(f"{target}: a model named {name!r} exists already; pick another name", err=True)
        sys.exit(1)
    updated = insert_model(target.read_text(encoding="utf-8"), model_entry(name, path, gguf_has_chat_template(path)))
    handle, temp = tempfile.mkstemp(prefix=".settings-", suffix=".yaml", dir=target.parent)
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(updated)
    try:
        load_settings(Path(temp))  # never leave a settings file the game cannot read
    except SettingsError as error:
        os.unlink(temp)
        click.echo(f"not added, the result would not load:\n{error}", err=True)
        sys.exit(1)
    os.replace(temp, target)
    click.echo(f"{name}: added to {target} (source {path}).")
    click.echo(f"To play with it, list it in a profile, e.g. profiles: {{mine: [{name}, embedded]}}, "
               f"then `tta play --profile mine`.")
