"""Safety flags persist across restarts and never store the player's words."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.safety.flags import OPENING_CHECKIN, SafetyFlags


def test_fresh_install_needs_no_checkin(tmp_path: Path) -> None:
    flags = SafetyFlags(tmp_path / "safety.json")
    assert not flags.needs_checkin()
    assert flags.opening_checkin() is None
    assert not (tmp_path / "safety.json").exists()  # asking creates nothing


def test_crisis_flag_survives_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "safety.json"
    SafetyFlags(path).record_crisis("crisis")
    restarted = SafetyFlags(path)
    assert restarted.needs_checkin()
    assert restarted.opening_checkin() == OPENING_CHECKIN


def test_clearing_is_remembered_too(tmp_path: Path) -> None:
    path = tmp_path / "safety.json"
    SafetyFlags(path).record_crisis("check-in")
    SafetyFlags(path).clear_checkin()
    assert not SafetyFlags(path).needs_checkin()
    SafetyFlags(path).record_crisis("crisis")
    assert SafetyFlags(path).needs_checkin()


def test_events_hold_level_and_time_only(tmp_path: Path) -> None:
    path = tmp_path / "safety.json"
    flags = SafetyFlags(path)
    flags.record_crisis("crisis")
    flags.record_crisis("check-in")
    flags.record_crisis("imminent")
    events = SafetyFlags(path).events()
    assert [event["level"] for event in events] == ["crisis", "check-in", "imminent"]
    assert all(set(event) == {"level", "at"} for event in events)


def test_unknown_level_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="none"):
        SafetyFlags(tmp_path / "safety.json").record_crisis("none")
