"""Snapshots for front ends, built on the turn's thread: the side panel's view, save and model rows."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from engine.core.game import Game
from engine.saves import SaveInfo
from engine.turn.events import SceneView

MOODS_SHOWN = 8


@dataclass(frozen=True)
class SaveRow:
    """One save slot as a list shows it."""

    slot: str
    scene_title: str
    turn: int
    saved_at: float


@dataclass(frozen=True)
class LoadedModel:
    """A loaded model and the memory it holds."""

    name: str
    memory_mb: float | None = None


def scene_view(game: Game) -> SceneView:
    """Place, exits, inventory and the latest mood check-ins, as plain text."""
    facts = game.facts()
    scenes = game.story.scenes
    moods = tuple(f"{scenes[m.scene].title if m.scene in scenes else m.scene}: {m.value}/5"
                  for m in game.state.mood_log[-MOODS_SHOWN:])
    return SceneView(facts.title, tuple(facts.exits.items()), tuple(facts.inventory), moods)


def save_rows(game: Game, infos: Iterable[SaveInfo]) -> list[SaveRow]:
    """Saves with their scene's title (the scene id when the story no longer has it)."""
    scenes = game.story.scenes
    return [SaveRow(info.slot, scenes[info.scene].title if info.scene in scenes else info.scene, info.turn,
                    info.saved_at) for info in infos]
