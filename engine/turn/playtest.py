"""Playtester feedback: a rating on a turn reaches the selector for each model that served it."""

from __future__ import annotations

from engine.selector import Selector
from engine.tasks import TaskType
from engine.turn.records import TurnRecord


def rate_models(selector: Selector | None, turn: TurnRecord, rating: int, note: str = "") -> list[str]:
    """Feed the rating to the narration (and parse) models of `turn`; returns who was rated."""
    if selector is None:
        return []
    rated: list[str] = []
    model = turn.narration_model()
    if model is not None:
        selector.rate(model, TaskType.NARRATIVE_GENERATION, rating, note, turn.turn_id)
        rated.append(model)
    for used in turn.models:
        if used.task == TaskType.TOOL_SELECTION and used.model and used.outcome == "ok":
            selector.rate(used.model, TaskType.TOOL_SELECTION, rating, note, turn.turn_id)
            rated.append(used.model)
    return list(dict.fromkeys(rated))


def rated_text(rating: int, rated: list[str]) -> str:
    """The confirmation a player sees."""
    return f"Rated {rating}/5 ({', '.join(rated) if rated else 'the authored text'}). Thank you."
