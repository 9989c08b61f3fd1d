"""Selector test helpers: the project's settings, inline settings, and a selector on a fake clock."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from engine.selector import (
    FeedbackStore,
    FixedResources,
    PerformanceTracker,
    ResourceProbe,
    Routing,
    Selector,
    StaticAvailability,
)
from engine.settings import Settings, load_settings, settings_from
from game.routing import routing_from

PROJECT_SETTINGS = Path(__file__).resolve().parents[2] / "settings.yaml"


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def project_settings() -> Settings:
    """The shipped settings.yaml."""
    return load_settings(PROJECT_SETTINGS)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


MakeSelector = Callable[..., Selector]


@pytest.fixture
def make_selector(tmp_path: Path, clock: FakeClock) -> MakeSelector:
    """Build a Selector on files in tmp_path; keyword arguments override the defaults."""

    def make(
        settings: Settings,
        *,
        profile: str | None = None,
        availability: StaticAvailability | None = None,
        resources: ResourceProbe | None = None,
        seed: int = 0,
        adaptive: bool | None = None,
    ) -> Selector:
        update: dict[str, Any] = {}
        if profile is not None:
            update["profile"] = profile
        if adaptive is not None:
            tuning = settings.selector.model_copy(
                update={"adaptive": settings.selector.adaptive.model_copy(update={"enabled": adaptive})}
            )
            update["selector"] = tuning
        chosen = settings.model_copy(update=update) if update else settings
        return Selector(
            routing_from(chosen),
            PerformanceTracker(tmp_path / "stats.json"),
            FeedbackStore(tmp_path / "ratings.json"),
            availability or StaticAvailability(),
            resources or FixedResources(ram_mb=64_000),
            rng_seed=seed,
            clock=clock,
        )

    return make


@pytest.fixture
def make_selector_for_routing(tmp_path: Path, clock: FakeClock) -> Callable[[Routing], Selector]:
    """Build a Selector straight from a Routing (no settings involved)."""

    def make(routing: Routing) -> Selector:
        return Selector(routing, PerformanceTracker(tmp_path / "stats.json"), FeedbackStore(tmp_path / "ratings.json"),
                        StaticAvailability(), FixedResources(ram_mb=64_000), rng_seed=0, clock=clock)

    return make


def _tiny_settings(models: dict[str, dict[str, Any]], **extra: Any) -> Settings:
    data: dict[str, Any] = {
        "profile": "p",
        "profiles": {"p": list(models)},
        "models": {name: {"model_id": f"test/{name}", **spec} for name, spec in models.items()},
        **extra,
    }
    return settings_from(data)


@pytest.fixture
def tiny_settings() -> Callable[..., Settings]:
    """Inline settings: `tiny_settings({name: ModelConfig mapping}, **other sections)`, profile `p` = those models."""
    return _tiny_settings
