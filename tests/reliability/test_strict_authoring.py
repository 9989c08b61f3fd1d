"""Faults 6, 7, 8 and 10 for authors: strict YAML (duplicate keys, bad bytes, runaway nesting), size limits,
ranges, empty prompts, escape codes in authored text, and settings that fail loudly and name their source."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.safety.rendering import wrap_plain
from engine.settings import SettingsError, load_settings
from engine.story import validate_story
from engine.turn.events import NarrationDone, SystemText
from game.cli import main
from game.plain import PlainRenderer
from tests.reliability.helpers import STORY

TALK = """\
npcs:
  ana:
    name: Ana
    description: Ana mends a net.
    location: bank
    talk:
      - when: [has stone]
        text: Ana nods at the stone.
      - when: [not has stone]
        text: Ana hums.
"""
LOCATED = re.compile(r"^\S+:\d+:\d+: error: ")


def _problems(tmp_path: Path, text: str | bytes) -> list[str]:
    folder = tmp_path / "story"
    folder.mkdir(exist_ok=True)
    path = folder / "story.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return [str(p) for p in validate_story(folder) if p.severity == "error"]


def test_a_deleted_list_dash_is_a_duplicate_key_with_both_lines(tmp_path: Path) -> None:
    story = STORY + TALK
    assert _problems(tmp_path, story) == []
    merged = story.replace("      - when: [not has stone]", "        when: [not has stone]")
    first = story.splitlines().index("      - when: [has stone]") + 1
    errors = _problems(tmp_path, merged)  # before: accepted, the last `when` silently won
    assert f"duplicate key 'when' (first at line {first})" in errors[0] and LOCATED.match(errors[0])


def test_duplicate_keys_in_settings_name_both_lines(tmp_path: Path) -> None:
    path = tmp_path / "settings.yaml"
    path.write_text("profile: rules\nprofiles: {rules: []}\nprofile: auto\n")
    duplicate = r"settings.yaml:3:1: error: duplicate key 'profile' \(first at line 1\)"
    with pytest.raises(SettingsError, match=duplicate):
        load_settings(path)  # before: the second `profile:` silently switched profile


def test_non_utf8_and_deep_documents_are_located_errors(tmp_path: Path) -> None:
    bad = STORY.encode().replace(b"The Pond", b"The P\xe9nd", 1)
    errors = _problems(tmp_path, bad)  # before: UnicodeDecodeError traceback
    assert errors and LOCATED.match(errors[0]) and ":3:13: error: the file is not UTF-8 text (byte 0xe9" in errors[0]
    deep = STORY + "extra: " + "[" * 3000 + "]" * 3000 + "\n"
    errors = _problems(tmp_path, deep)  # before: RecursionError
    assert errors and LOCATED.match(errors[0]) and "nest" in errors[0]
    block = STORY + "extra:\n" + "".join("  " * i + f"- k{i}:\n" for i in range(1, 200))
    assert "nested more than 64 levels" in _problems(tmp_path, block)[0]
    settings = tmp_path / "settings.yaml"
    settings.write_bytes(b"profile: r\xffles\n")
    with pytest.raises(SettingsError, match=r"settings.yaml:1:11: error: the file is not UTF-8"):
        load_settings(settings)
    assert _problems(tmp_path, STORY) == []
    script = tmp_path / "script.txt"
    script.write_bytes(b"look\nn\xf6rth\n")
    result = CliRunner().invoke(main, ["play", str(tmp_path / "story"), "--plain", "--profile", "rules", "--script",
                                       str(script)])
    assert result.exit_code == 1 and "script.txt:2:2: error: the file is not UTF-8" in result.output


def test_sizes_ranges_and_empty_prompts(tmp_path: Path) -> None:
    huge = STORY.replace("title: The Pond", "title: " + "x" * 5_000_000, 1)
    started = time.perf_counter()
    errors = _problems(tmp_path, huge)
    assert "`title` is 5,000,000 characters long; the limit is 200" in errors[0]
    assert time.perf_counter() - started < 10
    ranged = STORY.replace("start: bank", "start: bank\nvars:\n  calm: {initial: 9, min: 5, max: 0}", 1)
    assert any("var 'calm': min 5 is greater than max 0" in e for e in _problems(tmp_path, ranged))
    above = STORY.replace("start: bank", "start: bank\nvars:\n  calm: {initial: 9, min: 0, max: 5}", 1)
    assert any("var 'calm': initial 9 is above max 5" in e for e in _problems(tmp_path, above))
    beat = STORY.replace("    exits: {north: path}", "    exits: {north: path}\n    beat: {kind: reflection, "
                                                     "prompt: '  '}", 1)
    assert any("beat's `prompt` is empty" in e for e in _problems(tmp_path, beat))


def test_escape_codes_in_authored_text_are_rejected_and_stripped(tmp_path: Path) -> None:
    hostile = STORY.replace("text: A quiet pond", 'text: "\\e[31mA \\e]0;pwned\\a quiet\\x07 pond', 1)
    hostile = hostile.replace("on its bank.\n", 'on its bank."\n', 1)
    errors = _problems(tmp_path, hostile)  # before: `validate` said ok
    assert any("contains U+001B (ESCAPE)" in e and "could drive the player's terminal" in e for e in errors)
    assert all(LOCATED.match(e) for e in errors)
    # Render time strips them anyway, whatever reaches the renderer.
    out = _Capture()
    PlainRenderer(out).render([NarrationDone("\x1b[31mred\x1b]0;title\x07 text\x07", "authored"),
                               SystemText("\x1b[2Jclear", "info")])
    assert "\x1b" not in out.text and "\x07" not in out.text and "red text" in out.text


def test_a_five_megabyte_line_wraps_in_linear_time() -> None:
    started = time.perf_counter()
    wrapped = wrap_plain("x" * 5_000_000, 78)  # before: textwrap's long-word loop, 86 s in `play`
    assert time.perf_counter() - started < 10
    assert max(len(line) for line in wrapped.splitlines()) == 78


def test_safety_locale_and_environment_errors_are_loud_and_named(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "settings.yaml"
    path.write_text("profile: rules\nprofiles: {rules: []}\nsafety:\n  locale: xx\n")
    located = r"settings.yaml:4:11: error: .*unknown safety.locale 'xx' \(known: international"
    with pytest.raises(SettingsError, match=located):
        load_settings(path)  # before: silently fell back to the international list
    path.write_text("profile: rules\nprofiles: {rules: []}\n")
    monkeypatch.setenv("TTA_PROFILE", "nope")
    with pytest.raises(SettingsError, match=r"^environment: TTA_PROFILE: unknown profile 'nope'"):
        load_settings(path)  # before: blamed on the settings file's line 1
    monkeypatch.delenv("TTA_PROFILE")
    monkeypatch.setenv("TTA_PROFILES", "{not json")
    with pytest.raises(SettingsError, match=r"^environment: TTA_PROFILES: not valid JSON"):
        load_settings(path)  # before: pydantic-settings' own error escaped as a traceback


class _Capture:
    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> int:
        self.text += text
        return len(text)

    def flush(self) -> None:
        pass
