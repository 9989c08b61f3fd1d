"""Playtester feedback: a rating on a turn reaches the selector for each model that served it."""

from __future__ import annotations

from engine.selector import Selector
from engine.tasks import TaskType
from engine.turn.records import TurnRecord


def rate_turn(selector: Selector, turn: TurnRecord, rating: int, note: str = "") -> str:
    """Record the rating on the turn and feed the narration (and parse) models; returns a confirmation."""
    turn.rating = rating
    if note:
        turn.notes.append(note)
    rated: list[str] = []
    model = turn.narration_model()
    if model is not None:
        selector.rate(model, TaskType.NARRATIVE_GENERATION, rating, note, turn.turn_id)
        rated.append(model)
    for used in turn.models:
        if used.task == TaskType.TOOL_SELECTION and used.model and used.outcome == "ok":
            selector.rate(used.model, TaskType.TOOL_SELECTION, rating, note, turn.turn_id)
            rated.append(used.model)
    who = ", ".join(dict.fromkeys(rated)) if rated else "the authored text"
    return f"Rated {rating}/5 ({who}). Thank you."
