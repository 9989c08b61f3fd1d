"""Saves: round trip, clear errors when incompatible or corrupt, atomic writes that survive SIGKILL."""

from __future__ import annotations

import json
import multiprocessing
import random
import time
from pathlib import Path

import pytest

from engine.core.actions import Action
from engine.core.game import Game
from engine.saves import AtomicJSONStorage, SaveError, SaveStore
from engine.story import Story


def test_round_trip(tmp_path: Path, game: Game, tiny: Story) -> None:
    store = SaveStore(tmp_path / "saves")
    game.perform(Action(verb="take", obj="red_key"))
    store.save(game)
    store.save(game, "second")
    loaded = store.load(tiny)
    assert loaded.state == game.state and loaded.state.inventory == ["red_key"]
    assert loaded.perform(Action(verb="unlock", obj="door", target="red_key")).ok
    assert {info.slot for info in store.list("tiny")} == {"auto", "second"}
    assert store.list("other") == []
    record = json.loads((tmp_path / "saves" / "saves.json").read_text())["_default"]["1"]
    assert record["save_format"] == 1 and record["story_version"] == "1" and record["seed"] == 7


def test_missing_slot(tmp_path: Path, tiny: Story) -> None:
    with pytest.raises(SaveError, match="no save called 'nope'"):
        SaveStore(tmp_path).load(tiny, "nope")


def test_other_story_version_is_refused(tmp_path: Path, game: Game, tiny: Story) -> None:
    store = SaveStore(tmp_path)
    store.save(game)
    newer = tiny.model_copy(update={"version": "2"})
    with pytest.raises(SaveError, match="version 1 of 'Tiny', but version 2 is installed"):
        store.load(newer)


def test_other_save_format_is_refused(tmp_path: Path, game: Game, tiny: Story) -> None:
    store = SaveStore(tmp_path)
    store.save(game)
    data = json.loads(store.path.read_text())
    data["_default"]["1"]["save_format"] = 99
    store.path.write_text(json.dumps(data))
    with pytest.raises(SaveError, match="save format 99"):
        store.load(tiny)


def test_corrupt_file_is_a_clear_error(tmp_path: Path, tiny: Story) -> None:
    store = SaveStore(tmp_path)
    store.path.write_text('{"_default": {"1": {"sto')
    with pytest.raises(SaveError, match="cannot be read"):
        store.load(tiny)


def test_damaged_state_is_a_clear_error(tmp_path: Path, game: Game, tiny: Story) -> None:
    store = SaveStore(tmp_path)
    store.save(game)
    data = json.loads(store.path.read_text())
    data["_default"]["1"]["state"]["scene"] = "nowhere"
    store.path.write_text(json.dumps(data))
    with pytest.raises(SaveError, match="damaged"):
        store.load(tiny)


def test_unserialisable_data_never_touches_disk(tmp_path: Path) -> None:
    folder = tmp_path / "db"
    storage = AtomicJSONStorage(folder / "db.json")
    storage.write({"_default": {"1": {"ok": 1}}})
    before = (folder / "db.json").read_bytes()
    for bad in (object(), float("nan")):
        with pytest.raises((TypeError, ValueError)):
            storage.write({"_default": {"1": {"bad": bad}}})
    assert (folder / "db.json").read_bytes() == before
    assert [p.name for p in folder.iterdir()] == ["db.json"]


def _save_forever(root: str, story: Story, seed: int) -> None:
    game = Game.new(story, seed=seed)
    store = SaveStore(Path(root))
    turn = 0
    while True:
        game.state.memory = "x" * (turn % 997)  # vary the size so each write differs
        store.save(game, f"slot{turn % 40}")
        turn += 1


def test_sigkill_while_saving_never_leaves_an_unloadable_file(tmp_path: Path, tiny: Story) -> None:
    store = SaveStore(tmp_path)
    store.save(Game.new(tiny, seed=1), "base")
    context = multiprocessing.get_context("fork")
    rng = random.Random(2)
    for attempt in range(200):
        child = context.Process(target=_save_forever, args=(str(tmp_path), tiny, attempt), daemon=True)
        child.start()
        time.sleep(rng.uniform(0.002, 0.03))
        child.kill()  # SIGKILL
        child.join()
        assert store.load(tiny, "base").state.seed == 1, f"attempt {attempt}"
        assert store.list("tiny")
    assert len(store.list("tiny")) > 1, "the children did manage to save between kills"
