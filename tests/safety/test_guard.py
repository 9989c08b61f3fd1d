"""Output guard on model text: blocks harmful content, lets adventure narration through."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from engine.safety.guard import OutputGuard
from engine.safety.phrasebook import load_phrasebook

CASES = yaml.safe_load((Path(__file__).parent / "guard_cases.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def guard() -> OutputGuard:
    return OutputGuard()


@pytest.mark.parametrize("text", CASES["block"])
def test_harmful_output_is_blocked_with_a_reason(guard: OutputGuard, text: str) -> None:
    result = guard.check(text)
    assert not result.ok
    assert result.reason and result.rule


@pytest.mark.parametrize("text", CASES["pass"])
def test_adventure_narration_passes(guard: OutputGuard, text: str) -> None:
    result = guard.check(text)
    assert result.ok, result
    assert result.reason is None and result.rule is None


def test_reasons_name_the_kind_of_harm(guard: OutputGuard) -> None:
    assert guard.check("He slit his wrists.").rule == "method.how_to"
    assert guard.check("You should hurt yourself.").rule == "encourage.self_harm"
    assert guard.check("No one can help you.").rule == "contradict.crisis_care"


def test_harm_hidden_in_a_later_sentence_or_markup_is_still_found(guard: OutputGuard) -> None:
    assert not guard.check("The cave is dark. [bold]You should KILL yourself[/bold].").ok
    assert not guard.check("The fog lifts...\nNo one can help you now.").ok


def test_the_guard_takes_an_injected_phrase_book(tmp_path: Path) -> None:
    book = tmp_path / "guard.yaml"
    book.write_text(
        "version: 1\nrules:\n  - id: x.spoiler\n    level: block\n    about: spoils the ending\n"
        "    patterns: ['the butler did it']\n",
        encoding="utf-8",
    )
    guard = OutputGuard(load_phrasebook(book))
    assert guard.check("Psst: the butler did it!").reason == "spoils the ending"
    assert guard.check("You should hurt yourself.").ok
