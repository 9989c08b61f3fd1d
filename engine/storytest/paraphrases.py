"""Held-out paraphrase evaluation: how often the parse cascade maps everyday words to the right action."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from engine.core.actions import Action
from engine.core.game import Game
from engine.parser import parse
from engine.story import Story
from engine.turn.cascade import ParseCascade
from engine.turn.conversation import Conversation


@dataclass(frozen=True)
class Case:
    """One paraphrase, the moves that lead to its situation, and the acceptable action keys."""

    setup: tuple[str, ...]
    say: str
    expect: frozenset[str]


@dataclass
class EvalResult:
    """Accuracy of one method over the cases, with the misses for reading."""

    method: str
    total: int = 0
    right: int = 0
    by_rules: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        """Share of cases resolved to an expected action."""
        return self.right / self.total if self.total else 0.0


def load_cases(path: Path) -> list[Case]:
    """Read a paraphrases.yaml file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        Case(tuple(str(s) for s in group["setup"]), str(case["say"]), frozenset(case["expect"]))
        for group in data["groups"]
        for case in group["cases"]
    ]


def replay(story: Story, setup: tuple[str, ...], seed: int = 1) -> Game:
    """A game brought to a case's situation with the deterministic parser."""
    game = Game.new(story, seed=seed)
    for command in setup:
        if game.pending is not None and game.answer(command).ok:
            continue
        # Words for a character go to its topics first, as in the players' loop ("ask tomas about the cat").
        heard = Conversation(None).hear(command, game)
        if heard is not None and heard.npc is not None and heard.topic is not None and game.discuss(
                heard.npc, heard.topic.id).ok:
            continue
        result = parse(command, game)
        if result.action is None or not game.perform(result.action).ok:
            raise ValueError(f"setup command {command!r} does not play")
    return game


def same_effect(game: Game, action: Action, expected: frozenset[str]) -> bool:
    """Whether `action` does what one of the expected actions does (synonyms have other keys)."""
    if action.key() in expected:
        return True
    got = _try(game, action)
    if got is None:
        return False
    return any(_try(game, other) == got for other in game.legal_actions() if other.key() in expected)


def _try(game: Game, action: Action) -> tuple[str, str] | None:
    copy = Game.from_state(game.story, game.state.model_copy(deep=True))
    outcome = copy.perform(action)
    return (outcome.text, copy.state.model_dump_json()) if outcome.ok else None


def _unmatched(game: Game, action: Action) -> bool:
    """Whether the engine refuses `action` as fitting no authored action (cases share a game: tried on a copy)."""
    return Game.from_state(game.story, game.state.model_copy(deep=True)).perform(action).refusal == "unmatched"


def evaluate(story: Story, cases: list[Case], cascade: ParseCascade, method: str) -> EvalResult:
    """Run every case through the cascade; an action counts when its key is expected."""
    result = EvalResult(method)
    games: dict[tuple[str, ...], Game] = {}
    for case in cases:
        if case.setup not in games:
            games[case.setup] = replay(story, case.setup)
        game = games[case.setup]
        decision = cascade.parse(case.say, game)
        # As in the pipeline: a rules reading the engine refuses as unmatched is read again by the models.
        if decision.method == "rules" and decision.action is not None and _unmatched(game, decision.action):
            decision = cascade.reread(case.say, game) or decision
        result.total += 1
        key = decision.action.key() if decision.action is not None else None
        if decision.action is not None and same_effect(game, decision.action, case.expect):
            result.right += 1
            result.by_rules += decision.method == "rules"
        else:
            result.misses.append(f"{case.say!r} -> {key or decision.kind}")
    return result
