"""Fault 5: on a full disk every failed write says what failed and what is still safe; "saved" only after it is.

ENOSPC is injected at the one write layer (engine/saves/diskio.write_all), after a few bytes really reach
the file, so a write cut mid-record would show.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.saves import SaveStore
from engine.story import load_story
from tests.reliability.helpers import FullDisk, pipeline_for, said, services_for, write_story


def test_save_autosave_note_rate_and_quit_tell_the_truth(tmp_path: Path, tta_home: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    disk = FullDisk(monkeypatch)
    story = write_story(tmp_path / "pond")
    services = services_for(tta_home)
    pipeline, _ = pipeline_for(services, story)
    assert "Saved to slot 'before'" in said(pipeline.run("save before"))
    said(pipeline.run("x stone"))  # narrated, autosaved, journaled
    journal = pipeline.session.log.journal
    assert journal is not None
    disk.full, disk.room = True, 7

    saved = said(pipeline.run("save full"))
    assert "Could not save to slot 'full'" in saved and "No space left on device" in saved
    assert "earlier saves are untouched" in saved and "Saved to slot" not in saved

    autosaved = said(pipeline.run("x reed"))  # an advancing turn: its autosave fails, and the player hears it once
    assert "autosave could not be written (No space left on device)" in autosaved
    assert "autosave could not be written" not in said(pipeline.run("x stone"))

    noted = said(pipeline.run("note: the reed scene felt slow"))
    assert "Note saved." not in noted  # before: "Note saved." while the transcript stayed as it was
    assert "Could not save the note" in noted and "No space left on device" in noted

    rated = said(pipeline.run("rate 4"))  # before: the OSError escaped from the ratings write
    assert "Could not save the rating" in rated and "Thank you" not in rated

    farewell = said(pipeline.run("quit"))
    assert "Your game is saved." not in farewell  # before: said although the autosave failed
    assert "could NOT be saved" in farewell and "No space left on device" in farewell
    assert "autosave from turn 1 is still safe" in farewell
    assert disk.refused >= 5

    # Nothing was cut mid-record: every line of the transcript is whole JSON, and the saves are intact.
    raw = journal.path.read_bytes()
    assert raw.endswith(b"\n") and all(json.loads(line) for line in raw.splitlines())
    store = SaveStore(tta_home / "saves")
    assert {info.slot for info in store.list("pond")} == {"before", "auto"}
    assert store.load(load_story(story), "auto").state.turn == 1
    disk.full = False
    services.close()


def test_note_and_rating_are_confirmed_only_once_written(tmp_path: Path, tta_home: Path) -> None:
    services = services_for(tta_home)
    pipeline, _ = pipeline_for(services, write_story(tmp_path / "pond"))
    said(pipeline.run("x stone"))
    assert "Note saved." in said(pipeline.run("note: fine"))
    assert "Thank you" in said(pipeline.run("rate 5"))
    journal = pipeline.session.log.journal
    assert journal is not None
    kinds = [entry["type"] for entry in journal.entries()]
    assert "noted" in kinds and "rated" in kinds
    ratings = services.selector.stats()
    assert any(row.ratings == 1 for row in ratings)
    services.close()
