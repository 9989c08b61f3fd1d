"""Phrase books: the packaged ones load and are versioned; broken files give located errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.safety.phrasebook import GUARD_PHRASES, load_packaged, load_phrasebook
from engine.yamlpos import YamlFileError


def test_packaged_books_load_with_versions() -> None:
    crisis = load_phrasebook()
    guard = load_packaged(GUARD_PHRASES)
    assert crisis.version >= 1 and guard.version >= 1
    assert {rule.level for rule in crisis.rules} == {"imminent", "crisis", "check-in"}
    assert {rule.level for rule in guard.rules} == {"block"}


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "book.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _error(path: Path) -> str:
    with pytest.raises(YamlFileError) as caught:
        load_phrasebook(path)
    return str(caught.value)


RULE_HEAD = "version: 1\nrules:\n  - id: r.one\n    level: crisis\n    about: x\n    patterns:\n"


def test_bad_regex_is_reported_at_its_line(tmp_path: Path) -> None:
    path = _write(tmp_path, RULE_HEAD + "      - 'fine'\n      - 'broken ('\n")
    message = _error(path)
    assert message.startswith(f"{path}:8:9: error: ")
    assert "bad pattern" in message


def test_unknown_macro_is_reported_with_the_known_ones(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "version: 1\nmacros: {me: 'myself'}\n" + RULE_HEAD.removeprefix("version: 1\n") + "      - 'hurt {you}'\n",
    )
    message = _error(path)
    assert ":8:9: error: unknown macro {you}" in message
    assert "['me']" in message


def test_missing_version_and_bad_level_are_reported(tmp_path: Path) -> None:
    path = _write(tmp_path, "rules:\n  - id: r.one\n    level: panic\n    about: x\n    patterns: ['a']\n")
    message = _error(path)
    assert "version: Field required" in message
    assert f"{path}:3:12: error: rules.0.level" in message


def test_duplicate_rule_ids_are_reported(tmp_path: Path) -> None:
    path = _write(
        tmp_path, RULE_HEAD + "      - 'a'\n  - id: r.one\n    level: check-in\n    about: y\n    patterns: ['b']\n"
    )
    assert ":8:9: error: duplicate rule id 'r.one'" in _error(path)


def test_yaml_syntax_error_is_located(tmp_path: Path) -> None:
    path = _write(tmp_path, "version: 1\nrules: [\n")
    assert _error(path).startswith(f"{path}:3:1: error: YAML syntax")


def test_unless_keeps_a_rule_from_firing_and_says_it_excused_the_text(tmp_path: Path) -> None:
    book = load_phrasebook(_write(tmp_path, "version: 1\nrules:\n  - id: r\n    level: crisis\n    about: t\n"
                                  "    patterns: ['kill myself']\n    unless: ['to respawn']\n"))
    rule = book.rules[0]
    assert rule.search("i kill myself") and not rule.excuses("i kill myself")
    assert rule.search("kill myself to respawn") is None and rule.excuses("kill myself to respawn")
    assert not rule.excuses("go north to respawn")  # nothing to excuse: the rule would not fire anyway


def test_a_bad_unless_pattern_is_located(tmp_path: Path) -> None:
    path = _write(tmp_path, "version: 1\nrules:\n  - id: r\n    level: crisis\n    about: t\n"
                            "    patterns: ['a']\n    unless: ['(']\n")
    assert "bad pattern" in _error(path) and f"{path}:7:" in _error(path)
