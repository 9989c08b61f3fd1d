"""The seed design's routing examples, on the seed, embedded, auto and rules profiles."""

from __future__ import annotations

from collections import Counter

import pytest

from engine.selector import StaticAvailability
from engine.tasks import TaskType

PHI, GEMMA, QWEN = "phi-4-mini-instruct", "gemma-3-1b-it", "qwen2.5-0.5b"
SMOL, GEMMA3 = "smollm2-135m", "gemma3-270m"


@pytest.mark.parametrize(
    ("task", "flags", "expected"),
    [
        (TaskType.NARRATIVE_GENERATION, {"response_time_priority": True}, QWEN),
        (TaskType.KNOWLEDGE_REASONING, {"response_time_priority": True}, QWEN),
        (TaskType.NARRATIVE_GENERATION, {"structured_output": True}, GEMMA),
        (TaskType.TOOL_SELECTION, {"structured_output": True}, GEMMA),
        (TaskType.STRUCTURED_OUTPUT, {}, GEMMA),
        (TaskType.TOOL_SELECTION, {}, PHI),
        (TaskType.KNOWLEDGE_REASONING, {}, PHI),
        (TaskType.CREATIVE_WRITING, {}, PHI),
        (TaskType.NARRATIVE_GENERATION, {"streaming": True}, GEMMA),
        (TaskType.SIMPLE_QUESTION, {}, QWEN),
        (TaskType.NARRATIVE_GENERATION, {}, PHI),
    ],
)
def test_seed_examples_on_posterior_means(project_settings, make_selector, task, flags, expected) -> None:
    selector = make_selector(project_settings, profile="seed", adaptive=False)
    assert selector.select(task, **flags).model == expected


@pytest.mark.parametrize(
    ("task", "flags", "allowed", "majority"),
    [
        (TaskType.NARRATIVE_GENERATION, {"streaming": True}, {GEMMA, QWEN}, None),
        (TaskType.TOOL_SELECTION, {}, {PHI}, PHI),
        (TaskType.NARRATIVE_GENERATION, {"structured_output": True}, {GEMMA}, GEMMA),
        (TaskType.SIMPLE_QUESTION, {"response_time_priority": True}, {QWEN}, QWEN),
    ],
)
def test_seed_examples_while_exploring(project_settings, make_selector, task, flags, allowed, majority) -> None:
    selector = make_selector(project_settings, profile="seed", seed=3)
    picks = Counter(selector.select(task, **flags).model for _ in range(300))
    assert set(picks) <= allowed
    if majority:
        assert picks.most_common(1)[0][0] == majority


def test_embedded_routing(project_settings, make_selector) -> None:
    selector = make_selector(project_settings, profile="embedded", adaptive=False)
    assert selector.select(TaskType.NARRATIVE_GENERATION, streaming=True).model == SMOL
    assert selector.select(TaskType.STRUCTURED_OUTPUT).model == GEMMA3
    assert selector.select(TaskType.TOOL_SELECTION).model in {SMOL, GEMMA3}
    assert selector.select(TaskType.KNOWLEDGE_REASONING).model is None


def test_embedded_prefers_gemma3_for_json_while_exploring(project_settings, make_selector) -> None:
    selector = make_selector(project_settings, profile="embedded", seed=5)
    picks = Counter(selector.select(TaskType.STRUCTURED_OUTPUT).model for _ in range(300))
    assert picks[GEMMA3] > 0.75 * 300


def test_auto_uses_seed_models_when_available(project_settings, make_selector) -> None:
    selector = make_selector(project_settings, adaptive=False)
    assert selector.select(TaskType.TOOL_SELECTION).model == PHI
    assert selector.select(TaskType.NARRATIVE_GENERATION, streaming=True).model == GEMMA


def test_auto_falls_back_to_embedded_tier(project_settings, make_selector) -> None:
    selector = make_selector(project_settings, adaptive=False, availability=StaticAvailability([SMOL, GEMMA3]))
    decision = selector.select(TaskType.NARRATIVE_GENERATION, streaming=True)
    assert decision.model == SMOL
    assert decision.chain == [SMOL]
    assert selector.select(TaskType.STRUCTURED_OUTPUT).model == GEMMA3


def test_auto_fills_a_task_the_seed_tier_cannot_serve(project_settings, make_selector) -> None:
    # Only phi of the seed models is installed: JSON goes to the embedded tier, narration stays on phi.
    available = StaticAvailability([PHI, SMOL, GEMMA3])
    selector = make_selector(project_settings, adaptive=False, availability=available)
    assert selector.select(TaskType.STRUCTURED_OUTPUT).model == GEMMA3
    assert selector.select(TaskType.NARRATIVE_GENERATION).model == PHI
    assert selector.select(TaskType.NARRATIVE_GENERATION).chain[:2] == [PHI, SMOL]


def test_auto_with_nothing_installed_is_rules(project_settings, make_selector) -> None:
    selector = make_selector(project_settings, availability=StaticAvailability([]))
    for task in TaskType:
        decision = selector.select(task)
        assert (decision.model, decision.chain) == (None, [])


def test_rules_profile_never_picks_a_model(project_settings, make_selector) -> None:
    selector = make_selector(project_settings, profile="rules")
    assert selector.models() == {}
    assert selector.select(TaskType.NARRATIVE_GENERATION).model is None
