"""Fault 1: a full disk must never stop the crisis response; the flag is kept in memory and written later."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.safety.flags import SafetyFlags
from engine.turn.events import CrisisShown, TurnDone
from tests.reliability.helpers import FullDisk, pipeline_for, services_for, write_story

CRISIS = "i want to kill myself"


@pytest.mark.parametrize("room", [0, 4096])
def test_crisis_response_comes_first_and_survives_enospc(tmp_path: Path, tta_home: Path,
                                                         monkeypatch: pytest.MonkeyPatch, room: int) -> None:
    disk = FullDisk(monkeypatch)
    services = services_for(tta_home)
    pipeline, _ = pipeline_for(services, write_story(tmp_path / "pond"))
    disk.full, disk.room = True, room
    events = list(pipeline.run(CRISIS))  # before the fix: OSError [Errno 28] escaped from record_crisis
    assert isinstance(events[1] if len(events) > 1 else None, CrisisShown) or any(
        isinstance(e, CrisisShown) for e in events)
    assert isinstance(events[-1], TurnDone)
    assert disk.refused >= 1, "the write was really attempted on the full disk"
    assert services.flags.unwritten and services.flags.needs_checkin()  # remembered in memory
    safety = tta_home / "safety.json"
    assert not safety.exists(), "nothing half-written (before: cut at 4096 bytes)"
    # The disk has room again: the next write (here the exit) stores it, and the next start checks in.
    disk.full = False
    services.close()
    assert json.loads(safety.read_text())["events"]
    assert SafetyFlags(safety).needs_checkin()


def test_a_cut_safety_file_never_stops_the_next_start(tmp_path: Path, tta_home: Path) -> None:
    (tta_home / "safety.json").write_bytes(b'{"events": {"1": {"level": "crisis", "at": "2026')
    services = services_for(tta_home)
    pipeline, opening = pipeline_for(services, write_story(tmp_path / "pond"))
    assert any("safety check-in file could not be read" in getattr(e, "text", "") for e in opening)
    assert list((tta_home).glob("safety.json.corrupt-*"))
    events = list(pipeline.run(CRISIS))
    assert any(isinstance(e, CrisisShown) for e in events)
    services.close()
    assert SafetyFlags(tta_home / "safety.json").needs_checkin()


def test_flags_write_every_event_once_after_retries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    disk = FullDisk(monkeypatch)
    flags = SafetyFlags(tmp_path / "safety.json")
    disk.full = True
    flags.record_crisis("crisis")
    flags.record_crisis("check-in")
    assert not flags.flush() and flags.unwritten == 3  # two events and the check-in state
    disk.full = False
    assert flags.flush() and flags.unwritten == 0
    flags.flush()
    assert [e["level"] for e in SafetyFlags(tmp_path / "safety.json").events()] == ["crisis", "check-in"]
