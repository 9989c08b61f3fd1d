"""UI test fixtures: the real pipeline from the factory, with scripted models in place of the embedded ones."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from engine.inference.backends.scripted import ScriptedBackend
from engine.inference.base import Backend
from engine.settings import Settings, load_settings
from game.app import TTAApp
from game.factory import Services, build_pipeline, build_services
from game.screens.title import StoryInfo

STORY = Path(__file__).resolve().parents[2] / "stories" / "lantern_house"
# Narration is checked sentence by sentence against the authored outcome, so the scripted retellings stay
# close to the story's own words: one for "e" (to the tide pools), one for "take stone".
TIDE_POOLS = ("Between the black rocks the sea has left small, perfect worlds. Anemones are folded shut. "
              "A crab is deciding whether you are weather. Everything here moves slowly.")
TAKE_STONE = "You pick up the smooth stone. It settles into your hand like it belongs there."


def scripted_settings() -> Settings:
    """The embedded profile, without the background state-update call (its output would vary per turn)."""
    settings = load_settings(profile="embedded")
    return settings.model_copy(update={"turn": settings.turn.model_copy(update={"state_update": False})})


def make_services(data_dir: Path, narrations: list[str], chunk_delay_s: float = 0.0) -> Services:
    """Services whose every model is a scripted backend that returns `narrations` in turn."""
    settings = scripted_settings()
    backends: dict[str, Backend] = {name: ScriptedBackend(name, narrations, chunk_delay_s=chunk_delay_s)
                                    for name in settings.active_models()}
    return build_services(settings=settings, backends=backends, rng_seed=7, use_matcher=False, data_dir=data_dir)


AppMaker = Callable[..., tuple[TTAApp, Services]]


@pytest.fixture
def make_app(tta_home: Path) -> AppMaker:
    """Builds the app the way the CLI does, on the sample story, with scripted models."""

    def make(*, chunk_delay_s: float = 0.0, author: bool = False, story: Path = STORY,
             has_save: bool = False, narrations: tuple[str, ...] = (TIDE_POOLS, TAKE_STONE),
             ) -> tuple[TTAApp, Services]:
        services = make_services(tta_home, list(narrations), chunk_delay_s)
        info = StoryInfo(story, "The Lantern House", "lantern_house", has_save=has_save)
        app = TTAApp(lambda path: build_pipeline(services, path, seed=1), [info], author=author,
                     settings_info={"profile": "embedded (scripted in tests)"})
        return app, services

    return make
