"""One session log: undo, replay and the transcript derive from it; the journal on disk is append-only and typed."""

from __future__ import annotations

from engine.inference.backends.scripted import ScriptedBackend
from engine.turn.events import SystemText
from tests.turn.conftest import Build, make_settings, play, scripted_model

UPDATES = ['{"calm": 2}', '{"calm": 3, "memory": "met Ana"}', '{"calm": 4}', '{"calm": 1}', '{"calm": 3}']


def test_every_update_and_rating_is_its_own_journal_entry_in_order(build: Build) -> None:
    jsoner = ScriptedBackend("jsoner", list(UPDATES))
    pipeline, _ = build(make_settings({"jsoner": scripted_model(structured_output=True)}, state_update=True),
                        {"jsoner": jsoner})
    play(pipeline, "take key")
    play(pipeline, "unlock door with key")
    # Five turns in the hut (a new place, then Ana is there): each one asks for a background state update.
    for number, line in enumerate(["in", "talk to ana", "x ana", "talk to ana", "look"], start=1):
        play(pipeline, line)
        pipeline.session.drain()  # as while a player reads: the update lands before the next input
        if number in (2, 4):
            pipeline.session.rate(number, f"turn {number}")
    pipeline.close()
    assert len(jsoner.requests) == 5
    journal = pipeline.session.log.journal
    assert journal is not None
    entries = journal.entries()
    kinds = [e["type"] for e in entries]
    assert kinds == ["started", "turn", "turn",
                     "turn", "update_applied", "turn", "update_applied", "rated",
                     "turn", "update_applied", "turn", "update_applied", "rated",
                     "turn", "update_applied"]
    turns = [e for e in entries if e["type"] == "turn"]
    updates = [e for e in entries if e["type"] == "update_applied"]
    # Each update names the turn it was proposed for, the turn it follows on disk.
    assert [u["turn_id"] for u in updates] == [t["turn_id"] for t in turns[2:]]
    assert updates[0]["accepted"] == {"calm": 2} and updates[1]["accepted"] == {"calm": 3, "memory": "met Ana"}
    assert "calm" in updates[3]["rejected"] and updates[4]["accepted"] == {"calm": 3}
    assert pipeline.game.state.vars["calm"] == 3
    rated = [e for e in entries if e["type"] == "rated"]
    assert [(r["turn_id"], r["rating"], r["note"]) for r in rated] == [
        (turns[3]["turn_id"], 2, "turn 2"), (turns[5]["turn_id"], 4, "turn 4")]
    # A turn is written once, when it is played: never again by a later rating or update.
    assert len({t["turn_id"] for t in turns}) == len(turns) == 7
    assert all("rating" not in t and "state_update" not in t for t in turns)


def test_undo_goes_back_at_least_twenty_turns(build: Build) -> None:
    pipeline, _ = build(make_settings({}))
    play(pipeline, "take key")
    play(pipeline, "unlock door with key")
    start = pipeline.game.state.model_dump()
    for index in range(24):
        play(pipeline, "in" if index % 2 == 0 else "out")
    assert pipeline.game.state.turn == start["turn"] + 24
    for _ in range(24):
        assert [e.text for e in play(pipeline, "undo") if isinstance(e, SystemText)][0].startswith("Undone.")
    assert pipeline.game.state.model_dump() == start
    assert [t.input for t in pipeline.session.turns] == ["take key", "unlock door with key"]


def test_transcript_and_replay_follow_undo_and_load(build: Build) -> None:
    pipeline, _ = build(make_settings({}))
    for line in ["take key", "x shell", "take shell"]:
        play(pipeline, line)
    play(pipeline, "undo")
    log = pipeline.session.log
    assert [t.input for t in pipeline.session.turns] == ["take key", "x shell"]
    transcript = [e.text for e in play(pipeline, "transcript") if isinstance(e, SystemText)][0]
    assert "> x shell" in transcript and "take shell" not in transcript
    start, moves = log.replay()
    assert start.turn == 0 and [m.action.key() for m in moves if m.action] == ["take key", "examine shell"]
    play(pipeline, "save here")
    play(pipeline, "north")
    play(pipeline, "load here")
    # Play starts again from the load: replay begins there, and undo cannot reach back past it.
    assert log.replay()[1] == []
    assert [e.text for e in play(pipeline, "undo") if isinstance(e, SystemText)] == ["There is nothing to undo."]
    # The transcript is the session's: it keeps the turns played before the load.
    assert [t.input for t in pipeline.session.turns] == ["take key", "x shell", "north"]
    kinds = [e["type"] for e in log.journal.entries()] if log.journal else []
    assert kinds.count("undone") == 1 and kinds.count("started") == 2
