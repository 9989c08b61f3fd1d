"""Each tier's crisis screen: imminent shows the emergency line first and apart; crisis and check-in their words."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Static

from engine.safety.config import SafetyConfig
from engine.safety.detector import Classification
from engine.safety.response import CHECK_IN_MESSAGE, CRISIS_MESSAGE, IMMINENT_MESSAGE, crisis_response
from engine.turn.crisis_flow import CrisisFlow, crisis_shown
from game.screens.crisis import CrisisScreen


class _Host(App[None]):
    def __init__(self, screen: CrisisScreen) -> None:
        super().__init__()
        self._screen = screen

    def compose(self) -> ComposeResult:
        yield Static("the story")

    def on_mount(self) -> None:
        self.push_screen(self._screen)


def _screen(level: str) -> CrisisScreen:
    response = crisis_response(Classification(level), SafetyConfig())  # type: ignore[arg-type]
    return CrisisScreen(crisis_shown(response, CrisisFlow(response)), lambda line: None)


@pytest.mark.parametrize(("level", "message"), [
    ("imminent", IMMINENT_MESSAGE), ("crisis", CRISIS_MESSAGE), ("check-in", CHECK_IN_MESSAGE)])
async def test_each_tier_shows_its_own_screen(level: str, message: str) -> None:
    screen = _screen(level)
    async with _Host(screen).run_test() as pilot:
        await pilot.pause()
        body = screen.query_one("#crisis-body")
        assert body.has_class(f"tier-{level}")
        shown = str(screen.query_one("#crisis-message", Static).render())
        assert shown.startswith(message.splitlines()[0])
        emergency = screen.query("#crisis-emergency")
        if level == "imminent":
            first = body.children[0]
            assert first.id == "crisis-emergency"  # before the message, the options and the resources
            assert "emergency number now" in str(emergency.first(Static).render())
        else:
            assert len(emergency) == 0
        assert len(screen.query("#crisis-options Button")) == 3
