"""Faults 6, 7 and 10 at scale: >= 150 story mutants and >= 50 settings mutants, generated here from the shipped
files; none may give a traceback or hang, every rejection is located, and no duplicate key slips through."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from engine.story import discover_stories
from engine.story.loader import bundled_stories_root
from tests.reliability.campaign import (
    SETTINGS_LOCATED,
    STORY_LOCATED,
    run,
    settings_errors,
    story_errors,
)
from tests.reliability.mutants import mutants

ROOT = Path(__file__).resolve().parents[2]
STORY_MUTANTS = 160
SETTINGS_MUTANTS = 64


def test_story_mutants_never_crash_or_hang(tmp_path: Path) -> None:
    source = discover_stories(bundled_stories_root())[0] / "story.yaml"
    original = source.read_bytes()
    made = list(mutants(original.decode("utf-8"), STORY_MUTANTS, seed=12))
    assert len(made) >= 150
    target = tmp_path / "story.yaml"
    report = run(made, original, target, story_errors, STORY_LOCATED)
    print(report.line(f"stories ({source.parent.name})"), dict(report.by_operator))
    assert report.tracebacks == [] and report.hangs == 0
    assert report.unlocated == []
    assert report.clean + report.accepted_same + report.accepted_changed == report.tried
    # The mistakes the issue found accepted silently are all rejected now.
    for mutant in made:
        if mutant.operator == "duplicate-key":
            target.write_bytes(mutant.data)
            assert any("duplicate key" in line for line in story_errors(target)), mutant.data[:80]


def test_settings_mutants_never_crash_or_hang(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [key for key in os.environ if key.startswith("TTA_") and key != "TTA_HOME"]:
        monkeypatch.delenv(name)
    original = (ROOT / "settings.yaml").read_bytes()
    made = list(mutants(original.decode("utf-8"), SETTINGS_MUTANTS, seed=7))
    assert len(made) >= 50
    target = tmp_path / "settings.yaml"
    report = run(made, original, target, settings_errors, SETTINGS_LOCATED)
    print(report.line("settings"), dict(report.by_operator))
    assert report.tracebacks == [] and report.hangs == 0
    assert report.unlocated == []
    for mutant in made:
        if mutant.operator == "duplicate-key":
            target.write_bytes(mutant.data)
            assert any("duplicate key" in line for line in settings_errors(target)), mutant.data[:80]
