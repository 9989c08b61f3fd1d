"""Prompts for choosing among the engine's legal actions: chat messages and a completion prompt in one request."""

from __future__ import annotations

from engine.inference.config import GenParams
from engine.inference.request import ChoiceRequest, Message
from engine.tasks import TaskType

CHOICE_SYSTEM = (
    "You map what a player types in a text adventure to one of the listed actions. "
    "Reply with the action exactly as listed."
)


def choice_request(scene: str, options: list[str], player_input: str, params: GenParams | None = None) -> ChoiceRequest:
    """A request whose answer is one of `options`, for Backend.choose().

    It carries both forms; the backend takes the one its model understands (engine.inference.prompt_form).
    """
    listing = "\n".join(f"- {option}" for option in options)
    body = f'Scene: {scene}\nActions:\n{listing}\nPlayer: "{player_input}"'
    return ChoiceRequest(
        messages=[Message(role="system", content=CHOICE_SYSTEM), Message(role="user", content=body)],
        prompt=f"{body}\nAction:",
        params=params or GenParams(temperature=0.0),
        task=TaskType.TOOL_SELECTION,
        scene=scene,
        player_input=player_input,
    )
