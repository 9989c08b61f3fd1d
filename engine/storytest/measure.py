"""`tta test --paraphrases` / `--offscript`: how well the players' own turn pipeline understands a story.

Each group's `setup` is replayed from the start; each case is then tried once, on a copy of that situation,
through a fresh pipeline. The figures are measurements, not tests: they never fail a run."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError

from engine.core.actions import Action
from engine.core.game import Game
from engine.core.rules.known import known_actions
from engine.core.rules.topics import open_topics
from engine.core.rules.world import in_scope
from engine.story.logic import as_list
from engine.story.model import Story
from engine.storytest.paraphrases import replay
from engine.turn.confidence import CONFIRM_OPENING
from engine.turn.events import SystemText, TurnDone, TurnEvent
from engine.turn.pipeline import TurnPipeline
from engine.yamlpos import Problem, YamlFileError, load_yaml

PipelineFor = Callable[[Game], TurnPipeline]


class CaseSpec(BaseModel):
    """One thing a player might say; paraphrase cases also list the action keys that would be right."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    say: str
    expect: Annotated[list[str], BeforeValidator(as_list)] = []


class GroupSpec(BaseModel):
    """Moves that lead to a situation, and what is tried there."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    setup: Annotated[list[str], BeforeValidator(as_list)] = []
    cases: list[CaseSpec]


class CaseFile(BaseModel):
    """A paraphrase or off-script file: groups of `setup` + `cases`."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    groups: list[GroupSpec]


def load_groups(path: Path, need_expect: bool) -> tuple[list[GroupSpec], list[Problem]]:
    """The file's groups, or located problems (a paraphrase case without `expect` is one)."""
    try:
        doc = load_yaml(path)
    except YamlFileError as exc:
        return [], exc.problems
    try:
        groups = list(CaseFile.model_validate(doc.data).groups)
    except ValidationError as exc:
        return [], doc.validation_problems(exc)
    if need_expect:
        missing = [doc.problem(("groups", g, "cases", c), "a paraphrase case needs `expect` (action keys)")
                   for g, group in enumerate(groups) for c, case in enumerate(group.cases) if not case.expect]
        if missing:
            return [], missing
    return groups, []


def _facts(game: Game) -> tuple[object, ...]:
    """What the engine alone decides, and a case may change: scene, whereabouts, flags, vars, ending."""
    state = game.state
    engine_vars = {k: v for k, v in state.vars.items() if k not in game.story.model_updates.vars}
    return state.scene, tuple(sorted(state.locations.items(), key=lambda kv: kv[0])), tuple(sorted(
        state.flags.items())), tuple(sorted(engine_vars.items())), state.ending


@dataclass
class Tried:
    """One case played: what the engine was asked to do, whether the facts changed, and what was shown."""

    acted: str | None
    after: tuple[object, ...]
    changed: bool
    in_world: bool
    reply: str
    confirmed: Tried | None = None
    """When the game asked "Do you mean ...?": what answering yes then did (the confirm band)."""


def _asked(events: list[TurnEvent]) -> bool:
    return any(isinstance(e, SystemText) and e.kind == "question" and e.text.startswith(CONFIRM_OPENING)
               for e in events)


def _play(pipeline: TurnPipeline, say: str, before: tuple[object, ...]) -> tuple[Tried, bool]:
    events: list[TurnEvent] = list(pipeline.run(say))
    done = next((e for e in reversed(events) if isinstance(e, TurnDone)), None)
    after = _facts(pipeline.game)
    rephrased = any(isinstance(e, SystemText) and e.kind == "rephrase" for e in events)
    shown = [getattr(e, "text", "") for e in events if isinstance(e, SystemText) or hasattr(e, "source")]
    tried = Tried(done.acted if done else None, after, after != before, not rephrased,
                  " ".join(t for t in shown if t))
    return tried, _asked(events) and after == before


def try_case(base: Game, pipeline_for: PipelineFor, say: str) -> Tried:
    """Play `say` once on a copy of `base` through a fresh pipeline; a "Do you mean ...?" is answered yes once,
    to learn what confirming would have done (the first reading is what counts as acting)."""
    game = Game.from_state(base.story, base.state.model_copy(deep=True))
    before = _facts(game)
    pipeline = pipeline_for(game)
    try:
        tried, asked = _play(pipeline, say, before)
        if asked:
            tried.confirmed, _ = _play(pipeline, "yes", before)
    finally:
        pipeline.close()
    return tried


def _expected(base: Game, expect: list[str]) -> list[tuple[tuple[object, ...], str]]:
    """(facts after, text said) for each expected action the engine would perform here."""
    by_key = {k.action.key(): k.action for k in known_actions(base.story, base.state)}
    found = []
    for key in expect:
        action: Action | None = by_key.get(key)
        if action is None:
            continue
        trial = Game.from_state(base.story, base.state.model_copy(deep=True))
        outcome = trial.perform(action)
        if outcome.ok:
            found.append((_facts(trial), outcome.text.strip()))
    return found


def _topic_of(base: Game, reply: str) -> set[str]:
    """The characters here whose open topic's words were said in `reply`."""
    story, state = base.story, base.state
    return {npc for npc in story.npcs if in_scope(state, npc)
            for topic in open_topics(story, state, npc) if topic.text.strip() and topic.text.strip() in reply}


def _right(base: Game, tried: Tried, expect: list[str]) -> bool:
    """The expected action ran (or was refused in the author's words), or the same change or answer came about
    another way (a synonym's key, the game answering "what's in my pockets" itself)."""
    if tried.acted in expect:
        return True
    if tried.acted == "topic" and _topic_of(base, tried.reply) & {k.split()[-1] for k in expect
                                                                 if k.split()[0] in ("talk", "ask")}:
        return True  # "ask Wren about her husband": her topic said, where `talk wren` (or `ask wren`) is expected
    for facts, text in _expected(base, expect):
        if tried.changed and tried.after == facts:
            return True
        if not tried.changed and tried.acted is None and text and text in tried.reply:
            return True
    return False


@dataclass
class ParaphraseReport:
    """R/N right, and W cases where a different, state-changing action ran."""

    total: int = 0
    right: int = 0
    wrong_changes: int = 0
    confirmed_right: int = 0
    """Cases that acted on nothing but asked "Do you mean ...?" about a right action: no wrong change, but not
    understood either, so they are not in `right`."""
    misses: list[str] = field(default_factory=list)

    @property
    def summary(self) -> str:
        """The one line scripts read: acted right, wrong changes, then asked-to-confirm right and both together."""
        return (f"paraphrases: {self.right}/{self.total} right, {self.wrong_changes} wrong state changes,"
                f" {self.confirmed_right} confirmed right ({self.right + self.confirmed_right}/{self.total}"
                f" acted or confirmed right)")


@dataclass
class OffscriptReport:
    """N inputs, C that changed the state, R that got an in-world reply."""

    total: int = 0
    changed: int = 0
    in_world: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def summary(self) -> str:
        """The one line scripts read."""
        return (f"offscript: {self.total} inputs, {self.changed} changed the state,"
                f" {self.in_world} got an in-world reply")


def _situations(story: Story, groups: list[GroupSpec], notes: list[str]) -> list[tuple[GroupSpec, Game]]:
    played = []
    for group in groups:
        try:
            played.append((group, replay(story, tuple(group.setup))))
        except ValueError as exc:
            notes.append(f"setup {group.setup!r}: {exc}; its {len(group.cases)} cases were skipped")
    return played


def measure_paraphrases(story: Story, groups: list[GroupSpec], pipeline_for: PipelineFor) -> ParaphraseReport:
    """Right when the engine did (or refused in the author's words) one of the expected actions."""
    report = ParaphraseReport()
    for group, base in _situations(story, groups, report.misses):
        for case in group.cases:
            tried = try_case(base, pipeline_for, case.say)
            report.total += 1
            if _right(base, tried, case.expect):
                report.right += 1
                continue
            wrong = tried.changed
            report.wrong_changes += wrong
            confirmed = tried.confirmed is not None and _right(base, tried.confirmed, case.expect)
            report.confirmed_right += confirmed
            got = tried.acted or ("(no action) " + " ".join(tried.reply.split())[:90])
            label = "WRONG CHANGE " if wrong else "CONFIRMED RIGHT " if confirmed else ""
            report.misses.append(f"{label}{case.say!r} -> {got} (expected {', '.join(case.expect)})")
    return report


def measure_offscript(story: Story, groups: list[GroupSpec], pipeline_for: PipelineFor) -> OffscriptReport:
    """Off-script input should change nothing and get an in-world reply rather than "I'm not sure"."""
    report = OffscriptReport()
    for group, base in _situations(story, groups, report.misses):
        for case in group.cases:
            tried = try_case(base, pipeline_for, case.say)
            report.total += 1
            report.changed += tried.changed
            report.in_world += tried.in_world
            if tried.changed or not tried.in_world:
                what = f"changed the state ({tried.acted})" if tried.changed else "no in-world reply"
                report.misses.append(f"{case.say!r}: {what}: {' '.join(tried.reply.split())[:100]}")
    return report
