"""An item's id typed as it is written in the story file ("take cocoa_tin") reads as its name."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.parser.inline_play import inline_game, key

KITCHEN = """\
format: 1
id: kitchen
title: The Kitchen
version: "1"
author: Test
start: kitchen
items:
  mug:
    name: spotty mug
    aliases: [mug, cup]
    description: A spotty mug.
    location: kitchen
  cocoa_tin:
    name: cocoa tin
    aliases: [cocoa, tin]
    description: A dented tin of cocoa.
    location: kitchen
scenes:
  kitchen:
    title: The Kitchen
    text: A small kitchen.
    exits: {out: yard}
  yard:
    title: The Yard
    text: A yard.
    exits: {in: kitchen}
"""


@pytest.mark.parametrize(("text", "expected"), [
    ("take cocoa_tin", "take cocoa_tin"),
    ("examine cocoa_tin", "examine cocoa_tin"),
    ("take the cocoa tin", "take cocoa_tin"),
    ("take mug", "take mug"),
])
def test_an_id_with_an_underscore_names_its_item(tmp_path: Path, text: str, expected: str) -> None:
    assert key(text, inline_game(tmp_path, KITCHEN)) == expected
