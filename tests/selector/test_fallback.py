"""Suitability checks, fallback chains, memory and loaded-model preference, explanations and parameters."""

from __future__ import annotations

import pytest

from engine.selector import FixedResources, StaticAvailability
from engine.tasks import TaskType

PHI, GEMMA, QWEN = "phi-4-mini-instruct", "gemma-3-1b-it", "qwen2.5-0.5b"
NARRATION = TaskType.NARRATIVE_GENERATION


def test_preferred_model_then_its_own_fallback_chain(project_settings, make_selector) -> None:
    selector = make_selector(project_settings, profile="seed", adaptive=False)
    decision = selector.select(NARRATION)
    assert decision.chain == [PHI, GEMMA, QWEN]  # phi's configured fallback order
    unavailable = make_selector(project_settings, profile="seed", adaptive=False,
                                availability=StaticAvailability([GEMMA, QWEN]))
    assert unavailable.select(NARRATION).model == GEMMA


def test_fallback_order_comes_from_the_config_not_the_score(tiny_settings, make_selector) -> None:
    fit = {"suitable": True, "speed_score": 0.5}
    settings = tiny_settings({
        "best": {"task_mapping": {NARRATION: {**fit, "quality_score": 0.9}}, "fallback": ["weak"]},
        "middle": {"task_mapping": {NARRATION: {**fit, "quality_score": 0.7}}},
        "weak": {"task_mapping": {NARRATION: {**fit, "quality_score": 0.3}}},
    })
    selector = make_selector(settings, adaptive=False)
    assert selector.select(NARRATION).chain == ["best", "weak", "middle"]


def test_exclude_walks_the_chain_down_to_rules(project_settings, make_selector) -> None:
    selector = make_selector(project_settings, profile="seed", adaptive=False)
    tried: set[str] = set()
    seen = []
    while (model := selector.select(NARRATION, exclude=frozenset(tried)).model) is not None:
        seen.append(model)
        tried.add(model)
    assert seen == [PHI, GEMMA, QWEN]
    last = selector.select(NARRATION, exclude=frozenset(tried))
    assert "rules (no model)" in last.explain()
    assert all("excluded for this call" in c.reasons for c in last.candidates)


def test_streaming_rules_out_non_streaming_models(project_settings, make_selector) -> None:
    decision = make_selector(project_settings, profile="seed").select(NARRATION, streaming=True)
    phi = next(c for c in decision.candidates if c.model == PHI)
    assert (phi.eligible, phi.score, phi.reasons) == (False, None, ["cannot stream"])
    assert PHI not in decision.chain


def test_memory_decides_what_fits(project_settings, make_selector) -> None:
    # 1500 MB free: phi (4000) and gemma (2000) do not fit, qwen (1000) does.
    selector = make_selector(project_settings, profile="seed", adaptive=False, resources=FixedResources(1500))
    decision = selector.select(NARRATION)
    assert decision.model == QWEN
    reasons = {c.model: c.reasons for c in decision.candidates}
    assert reasons[PHI] == ["needs 4000 MB, only 1500 MB can be freed"]


def test_memory_of_loaded_models_counts_as_reclaimable(project_settings, make_selector) -> None:
    # qwen is loaded (1000 MB): unloading it would leave 2500 MB, enough for gemma.
    selector = make_selector(
        project_settings, profile="seed", adaptive=False, resources=FixedResources(1500),
        availability=StaticAvailability(loaded=[QWEN]),
    )
    assert selector.select(NARRATION).chain == [GEMMA, QWEN]


def test_vram_counts_when_present(project_settings, make_selector) -> None:
    selector = make_selector(project_settings, profile="seed", adaptive=False,
                             resources=FixedResources(ram_mb=500, vram_mb=8000))
    assert selector.select(NARRATION).model == PHI


def test_budget_rules_out_models_that_can_never_fit(project_settings, make_selector) -> None:
    settings = project_settings.model_copy(update={"memory_budget_mb": 3000})
    decision = make_selector(settings, profile="seed", adaptive=False).select(NARRATION)
    assert decision.model == GEMMA
    phi = next(c for c in decision.candidates if c.model == PHI)
    assert phi.reasons == ["needs 4000 MB, over the 3000 MB budget"]


def test_a_loaded_model_that_fits_beats_an_equal_cold_one(tiny_settings, make_selector) -> None:
    fit = {NARRATION: {"suitable": True, "quality_score": 0.6, "speed_score": 0.5}}
    settings = tiny_settings({"cold": {"task_mapping": fit}, "warm": {"task_mapping": fit}})
    selector = make_selector(settings, adaptive=False, availability=StaticAvailability(loaded=["warm"]))
    decision = selector.select(NARRATION)
    assert decision.model == "warm"
    scores = {c.model: c.score for c in decision.candidates}
    assert scores["warm"] - scores["cold"] == pytest.approx(settings.selector.cold_penalty)


def test_loaded_entries_may_be_objects_with_a_name(tiny_settings, make_selector) -> None:
    class Info:
        def __init__(self, name: str) -> None:
            self.name = name

    class Manager(StaticAvailability):
        def loaded(self) -> list:
            return [Info("warm")]

    fit = {NARRATION: {"suitable": True}}
    settings = tiny_settings({"cold": {"task_mapping": fit}, "warm": {"task_mapping": fit}})
    assert make_selector(settings, adaptive=False, availability=Manager()).select(NARRATION).model == "warm"


def test_explanation_lists_every_candidate(project_settings, make_selector) -> None:
    selector = make_selector(project_settings, profile="seed", availability=StaticAvailability([GEMMA, QWEN]))
    decision = selector.select(TaskType.TOOL_SELECTION)
    assert decision.model is None
    assert [c.model for c in decision.candidates] == [PHI, GEMMA, QWEN]
    text = decision.explain()
    assert "tool_selection → rules (no model)" in text
    assert "not available (model files missing)" in text
    assert text.count("not suited to tool_selection") == 2

    chosen = make_selector(project_settings, profile="seed").select(NARRATION, streaming=True)
    lines = chosen.explain().splitlines()
    assert lines[0] == f"narrative_generation [streaming] → {chosen.model}"
    assert lines[1].startswith("  chain: ") and lines[1].endswith("→ rules")
    assert any("quality" in line and "reliability" in line for line in lines)
    assert lines[-1].startswith(("  ✓ ", "  ✗ "))  # parameters are the model's, shown by the turn's row


def test_task_specific_parameters(project_settings, make_selector) -> None:
    # Parameters are the chosen model's own (its config), for the task the selector judged the call as.
    def params(selector, task, **flags):
        decision = selector.select(task, **flags)
        return project_settings.models[decision.model].params_for(decision.task)

    selector = make_selector(project_settings, adaptive=False)
    json_params = params(selector, NARRATION, structured_output=True)
    assert (json_params.temperature, json_params.top_p, json_params.max_tokens) == (0.1, 0.8, 1024)
    fast = params(selector, NARRATION, response_time_priority=True)
    assert (fast.temperature, fast.top_p, fast.max_tokens) == (0.9, 0.95, 256)
    tool = params(selector, TaskType.TOOL_SELECTION)  # phi has no table entry: its defaults
    assert (tool.temperature, tool.max_tokens) == (0.7, 512)
    embedded = make_selector(project_settings, profile="embedded", adaptive=False)
    narration = params(embedded, NARRATION)
    assert (narration.temperature, narration.repetition_penalty, narration.max_tokens) == (0.3, 1.1, 80)
