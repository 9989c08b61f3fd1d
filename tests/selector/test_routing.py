"""The selector's routing config: built from settings plus each backend's own declaration of what it can do."""

from __future__ import annotations

import dataclasses

import pytest

from engine.inference.backends import kinds
from engine.inference.backends.scripted import ScriptedBackend
from engine.selector import Routing, RoutingModel, TaskRoute
from engine.tasks import TaskType
from game.routing import routing_from

NARRATION, TOOLS, JSON = TaskType.NARRATIVE_GENERATION, TaskType.TOOL_SELECTION, TaskType.STRUCTURED_OUTPUT
PHI, GEMMA, QWEN = "phi-4-mini-instruct", "gemma-3-1b-it", "qwen2.5-0.5b"


class TextOnly(ScriptedBackend):
    """A backend kind that can only write text, all at once."""

    can_stream = False
    supports_json = False
    supports_choice = False


def test_the_seed_profile_as_routing_sees_it(project_settings) -> None:
    routing = routing_from(project_settings.model_copy(update={"profile": "seed"}))
    assert routing.tier_names() == [[PHI, GEMMA, QWEN]]
    phi = routing.models()[PHI]
    assert (phi.supports_streaming, phi.memory_mb, phi.fallback) == (False, 4000, (GEMMA, QWEN))
    assert phi.fit(TOOLS) == TaskRoute(True, 0.95, 0.5)
    assert not phi.fit(JSON).suitable  # the seed: phi's JSON is unreliable
    assert routing.memory_budget_mb == project_settings.memory_budget_mb
    assert routing.tuning == project_settings.selector


def test_routing_is_frozen(project_settings) -> None:
    routing = routing_from(project_settings)
    with pytest.raises(dataclasses.FrozenInstanceError):
        routing.memory_budget_mb = 1  # type: ignore[misc]
    model = next(iter(routing.models().values()))
    with pytest.raises(dataclasses.FrozenInstanceError):
        model.supports_streaming = False  # type: ignore[misc]


def test_what_a_backend_cannot_do_is_never_routed_to_it(tiny_settings, make_selector,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(kinds.BACKENDS, "scripted", TextOnly)
    fit = {"suitable": True, "quality_score": 0.9, "speed_score": 0.5}
    settings = tiny_settings({
        "plain": {"backend": "scripted", "task_mapping": {NARRATION: fit, TOOLS: fit, JSON: fit}},
        "full": {"task_mapping": {NARRATION: {**fit, "quality_score": 0.2}, TOOLS: fit, JSON: fit}},
    })
    plain = routing_from(settings).models()["plain"]
    assert not plain.supports_streaming  # the config allows streaming; the backend cannot
    assert plain.fit(TOOLS) == TaskRoute(False, 0.9, 0.5, "its backend cannot choose among options")
    selector = make_selector(settings, adaptive=False)
    assert selector.select(NARRATION).model == "plain"  # it writes text well
    reasons = {task: {c.model: c.reasons for c in selector.select(task, **flags).candidates}["plain"]
               for task, flags in ((NARRATION, {"streaming": True}), (TOOLS, {}), (JSON, {}))}
    assert reasons == {NARRATION: ["cannot stream"], TOOLS: ["its backend cannot choose among options"],
                       JSON: ["its backend cannot write schema-constrained JSON"]}
    for task, flags in ((NARRATION, {"streaming": True}), (TOOLS, {}), (JSON, {})):
        assert selector.select(task, **flags).chain == ["full"]


def test_an_unknown_backend_lists_the_known_ones() -> None:
    with pytest.raises(kinds.UnknownBackendError) as raised:
        kinds.backend_class("nope")
    assert str(raised.value) == f"unknown backend 'nope'; known: {', '.join(sorted(kinds.BACKENDS))}"
    assert {"scripted", "transformers"} <= set(kinds.BACKENDS)


def test_the_chain_can_be_capped_to_what_the_caller_tries(project_settings, make_selector) -> None:
    selector = make_selector(project_settings, profile="seed", adaptive=False)
    assert selector.select(NARRATION).chain == [PHI, GEMMA, QWEN]
    capped = selector.select(NARRATION, limit=1)
    assert capped.chain == [PHI] and capped.explain().splitlines()[1] == f"  chain: {PHI} → rules"


def test_a_hand_built_routing_needs_no_settings(make_selector_for_routing) -> None:
    solo = RoutingModel("solo", {NARRATION: TaskRoute(True, 0.7, 0.5)}, memory_mb=10)
    selector = make_selector_for_routing(Routing(tiers=((solo,),)))
    assert selector.select(NARRATION).chain == ["solo"]
    assert selector.select(TOOLS).model is None
