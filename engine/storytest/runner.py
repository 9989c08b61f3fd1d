"""Runs a story's scripted tests through the players' own turn pipeline (rules only), checking each step."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from pydantic import ValidationError

from engine.core.game import Game
from engine.story.model import Story
from engine.storytest.schema import Expect, StoryTest, TestFile
from engine.turn.events import (
    CrisisShown,
    GroundingDone,
    GroundingStep,
    NarrationDone,
    SystemText,
    TurnDone,
    TurnEvent,
)
from engine.turn.pipeline import TurnPipeline
from engine.yamlpos import Problem, YamlFileError, load_yaml

TESTS_FILE = "tests.yaml"

PipelineFor = Callable[[Game], TurnPipeline]
"""Builds the pipeline a test plays through (game/factory.py's rules_pipelines: the players' loop, no models)."""


@dataclass
class TestResult:
    """One scripted test: passed, or the failures with the step they happened at."""

    name: str
    failures: list[str] = field(default_factory=list)
    turns: int = 0

    @property
    def passed(self) -> bool:
        return not self.failures


def load_tests(story: Story) -> tuple[list[StoryTest], list[Problem]]:
    """The story's tests.yaml (none if absent), or located problems."""
    if story.source_path is None:
        return [], []
    path = story.source_path.parent / TESTS_FILE
    if not path.is_file():
        return [], []
    try:
        doc = load_yaml(path)
    except YamlFileError as exc:
        return [], exc.problems
    try:
        return list(TestFile.model_validate(doc.data).tests), []
    except ValidationError as exc:
        return [], doc.validation_problems(exc)


def run_test(story: Story, test: StoryTest, pipeline_for: PipelineFor) -> TestResult:
    """Play one script through a pipeline and check every expectation."""
    result = TestResult(test.name)
    if test.scene is not None and test.scene not in story.scenes:
        result.failures.append(f"unknown start scene '{test.scene}'")
        return result
    pipeline = pipeline_for(Game.new(story, seed=test.seed, scene=test.scene))
    list(pipeline.opening())
    try:
        for number, step in enumerate(test.steps, start=1):
            text, ok, understood, asked = "", None, None, None
            if step.do is not None:
                events = list(pipeline.run(step.do))
                text = shown_text(events)
                done = next((e for e in reversed(events) if isinstance(e, TurnDone)), None)
                ok = done.advanced if done is not None else None
                understood, asked = signals(events)
                result.turns += 1
            where = f"step {number}" + (f" ({step.do!r})" if step.do else "")
            found = check(pipeline.game, step, text, ok, understood=understood, asked=asked)
            result.failures.extend(f"{where}: {problem}" for problem in found)
            if result.failures:
                break
    finally:
        pipeline.close()
    return result


def shown_text(events: Iterable[TurnEvent]) -> str:
    """Everything a player would read of one turn, as plain text."""
    parts: list[str] = []
    for event in events:
        if isinstance(event, SystemText | NarrationDone | GroundingStep | GroundingDone):
            parts.append(event.text)
        elif isinstance(event, CrisisShown):
            parts.append(event.message)
    return "\n\n".join(part for part in parts if part)


def signals(events: Iterable[TurnEvent]) -> tuple[bool, bool]:
    """(understood, asked) for one turn: did the words become an action, answer or game command; did the game
    ask a question back."""
    shown = list(events)
    done = next((e for e in reversed(shown) if isinstance(e, TurnDone)), None)
    meta = any(isinstance(e, SystemText) and e.kind == "meta" for e in shown)
    asked = any(isinstance(e, SystemText) and e.kind == "question" for e in shown)
    understood = meta or (done is not None and (done.advanced or done.acted is not None or done.quit))
    return understood, asked


def check(game: Game, expect: Expect, text: str, ok: bool | None, *, understood: bool | None = None,
          asked: bool | None = None) -> list[str]:
    """What does not match `expect` after a step."""
    state, problems = game.state, []
    if expect.scene is not None and state.scene != expect.scene:
        problems.append(f"expected scene '{expect.scene}', but in '{state.scene}'")
    problems += [f"expected to have '{i}'" for i in expect.has if i not in state.inventory]
    problems += [f"expected not to have '{i}'" for i in expect.lacks if i in state.inventory]
    problems += [f"expected flag {k}={v}" for k, v in expect.flags.items() if state.flags.get(k, False) != v]
    problems += [f"expected {k}={v}, got {state.vars.get(k)}" for k, v in expect.vars.items()
                 if state.vars.get(k) != v]
    problems += [f"expected the text to contain {s!r}; it was:\n{text}" for s in expect.contains
                 if s.lower() not in text.lower()]
    if expect.ok is not None and ok != expect.ok:
        problems.append(f"expected ok={expect.ok}; the reply was:\n{text}")
    if expect.ending is not None and state.ending != expect.ending:
        problems.append(f"expected ending '{expect.ending}', got {state.ending!r}")
    if expect.mood_log is not None and [m.value for m in state.mood_log] != expect.mood_log:
        problems.append(f"expected mood log {expect.mood_log}, got {[m.value for m in state.mood_log]}")
    if expect.reflections is not None and len(state.reflections) != expect.reflections:
        problems.append(f"expected {expect.reflections} reflections, got {len(state.reflections)}")
    if expect.understood is not None and understood != expect.understood:
        said = "understood" if understood else "not understood"
        problems.append(f"expected understood={expect.understood}, but it was {said}; the reply was:\n{text}")
    if expect.asked is not None and asked != expect.asked:
        problems.append(f"expected asked={expect.asked}; the reply was:\n{text}")
    return problems

