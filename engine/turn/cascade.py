"""The parse cascade: the deterministic parser first; a model only ranks the engine's legal actions."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from engine.core.actions import Action
from engine.core.game import Game, SceneFacts
from engine.inference.embedder import SentenceEmbedder
from engine.inference.base import Backend, Response
from engine.inference.request import ChoiceRequest
from engine.parser import ParseResult, parse
from engine.selector import Selector
from engine.inference.config import GenParams
from engine.tasks import TaskType
from engine.turn.config import TurnConfig
from engine.turn.events import ModelUsed
from engine.turn.model_step import BackendProvider, run_step
from engine.turn.step_prompts import choice_prompt

NONE_OF_THESE = "none of these"


@dataclass
class ParseDecision:
    """What the cascade concluded about the player's words."""

    kind: Literal["action", "question", "rephrase", "empty"]
    action: Action | None = None
    method: Literal["rules", "embedding", "model", "none"] = "none"
    message: str | None = None
    suggestions: list[str] = field(default_factory=list)
    confidence: float | None = None
    used: list[ModelUsed] = field(default_factory=list)
    prompt: str | None = None


def softmax(scores: Sequence[float]) -> list[float]:
    """Probabilities from log-likelihood scores."""
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]


def combine(llm: list[float] | None, emb: list[float] | None) -> list[float] | None:
    """Average the probability vectors that exist (both include "none of these" last)."""
    present = [p for p in (llm, emb) if p is not None]
    if not present:
        return None
    return [sum(values) / len(present) for values in zip(*present, strict=True)]


def misread(game: Game, action: Action) -> bool:
    """Whether the engine would refuse `action` as fitting no authored action (tried on a copy)."""
    trial = Game.from_state(game.story, game.state.model_copy(deep=True))
    return "unmatched" in trial.perform(action).events


def match_text(game: Game, action: Action) -> str:
    """An action described with the story's own aliases, so "the old woman" can find "Mara"."""
    text = game.describe(action)
    extra: list[str] = []
    for ref in (action.obj, action.target):
        thing = game.story.items.get(ref) or game.story.npcs.get(ref) if ref else None
        if thing is not None:
            extra.extend([*thing.adjectives, *thing.aliases])
    return f"{text} ({', '.join(dict.fromkeys(extra))})" if extra else text


def lexical_order(text: str, descriptions: list[str]) -> list[str]:
    """Without any model, order suggestions by shared words with the player's text."""
    words = set(text.lower().split())
    return sorted(descriptions, key=lambda d: -len(words & set(d.lower().split())))


class ParseCascade:
    """Rules, then (only if they fail) a model ranking the engine's legal actions, with an embedding match."""

    def __init__(self, selector: Selector, backends: BackendProvider, config: TurnConfig,
                 matcher: SentenceEmbedder | None = None) -> None:
        self._selector = selector
        self._backends = backends
        self._config = config
        self._matcher = matcher
        # A disambiguation question stays open so "the red one" can answer it next turn.
        self._question: ParseResult | None = None

    def parse(self, text: str, game: Game) -> ParseDecision:
        """Resolve `text` to a legal action, a question, or a request to rephrase."""
        result = parse(text, game, self._question)
        self._question = result if result.kind == "question" else None
        if result.kind == "empty":
            return ParseDecision("empty")
        if result.kind == "action" and result.action is not None:
            if self._matcher is None or not misread(game, result.action):
                return ParseDecision("action", result.action, "rules")
            # The rules found a story verb but objects no authored action fits ("pour the oil into the lamp"):
            # a confident model match wins; else the engine gives its reason for the rules' reading.
            second = self._model_parse(text, game)
            return second if second.kind == "action" else ParseDecision("action", result.action, "rules")
        if result.kind == "question":
            return ParseDecision("question", message=result.question, method="rules")
        return self._model_parse(text, game)

    def _model_parse(self, text: str, game: Game) -> ParseDecision:
        legal = game.legal_actions()
        descriptions = [game.describe(a) for a in legal]
        facts = game.facts()
        options = [*descriptions, NONE_OF_THESE]
        prompt = choice_prompt(facts, text)
        method = self._config.parse_method
        llm: list[float] | None = None
        used: list[ModelUsed] = []
        emb = self._embedding(text, [match_text(game, a) for a in legal]) if method != "likelihood" else None
        if method == "cascade" and emb is not None and self._confident(emb, len(legal)):
            best = max(range(len(emb)), key=emb.__getitem__)
            return ParseDecision("action", legal[best], "embedding", confidence=emb[best], prompt=prompt)
        if method == "cascade" and emb is not None:
            return self._rerank(text, game, legal, descriptions, emb, prompt)
        if method in ("likelihood", "fused", "cascade"):
            llm, used = self._likelihood(text, facts, options, prompt)
        probs = combine(llm, emb)
        if probs is None:
            return self._rephrase(lexical_order(text, descriptions), used, prompt, None)
        ranked = sorted(range(len(options)), key=lambda i: probs[i], reverse=True)
        best = ranked[0]
        if not self._confident(probs, len(legal)):
            ordered = [descriptions[i] for i in ranked if i < len(legal)]
            return self._rephrase(ordered, used, prompt, probs[best])
        # The choice came from the engine's own list, so the action is legal by construction.
        return ParseDecision("action", legal[best], "model", confidence=probs[best], used=used, prompt=prompt)

    def _rerank(self, text: str, game: Game, legal: list[Action], descriptions: list[str], emb: list[float],
                prompt: str) -> ParseDecision:
        """The embedding is unsure: the tool-selection model picks among its top few candidates."""
        top = sorted(range(len(legal)), key=emb.__getitem__, reverse=True)[: self._config.rerank_top]
        # emb[-1] is the virtual "none of these": when it beats every action, nothing here is meant.
        if emb[top[0]] < self._config.rerank_floor or emb[-1] > emb[top[0]]:
            return self._rephrase([descriptions[i] for i in top], [], prompt, emb[top[0]])
        candidates = [descriptions[i] for i in top]
        scores, used = self._likelihood(text, game.facts(), [*candidates, NONE_OF_THESE], prompt)
        if scores is None:
            return self._rephrase(candidates, used, prompt, emb[top[0]])
        pick = max(range(len(candidates)), key=scores.__getitem__)
        return ParseDecision("action", legal[top[pick]], "model", confidence=scores[pick], used=used, prompt=prompt)

    def _confident(self, probs: list[float], legal_count: int) -> bool:
        ranked = sorted(range(len(probs)), key=probs.__getitem__, reverse=True)
        margin = probs[ranked[0]] - (probs[ranked[1]] if len(ranked) > 1 else 0.0)
        return (ranked[0] < legal_count and probs[ranked[0]] >= self._config.parse_min_confidence
                and margin >= self._config.parse_min_margin)

    def _likelihood(self, text: str, facts: SceneFacts, options: list[str],
                    prompt: str) -> tuple[list[float] | None, list[ModelUsed]]:
        def call(backend: Backend, params: GenParams) -> Response:
            # A ChoiceRequest lets the backend score "how likely are the player's words if they meant this
            # option" (channel scoring), which small models do far better than ranking the options.
            request = ChoiceRequest(
                prompt=prompt, params=params, timeout_s=self._config.parse_timeout_s,
                task=TaskType.TOOL_SELECTION, scene=facts.description, player_input=text,
            )
            return backend.choose(request, options)

        def judge(response: Response) -> str | None:
            choice = response.choice
            valid = choice is not None and len(choice.scores) == len(options) and 0 <= choice.index < len(options)
            return None if valid else "invalid"

        step = run_step(self._selector, self._backends, TaskType.TOOL_SELECTION, call, judge)
        if step.response is None or step.response.choice is None:
            return None, step.used
        return softmax(step.response.choice.scores), step.used

    def _embedding(self, text: str, descriptions: list[str]) -> list[float] | None:
        if self._matcher is None or not descriptions:
            return None
        try:
            sims = self._matcher.similarities(text, descriptions)
        except Exception:  # noqa: BLE001 - the matcher is an aid; the cascade goes on without it
            return None
        # "none of these" competes as a virtual option at the threshold similarity.
        scores = [*sims, self._config.embedding_none_similarity]
        return softmax([s / self._config.embedding_temperature for s in scores])

    def _rephrase(self, ordered: list[str], used: list[ModelUsed], prompt: str | None,
                  confidence: float | None) -> ParseDecision:
        suggestions = ordered[: self._config.suggestions]
        message = "I'm not sure what you mean."
        if suggestions:
            message += " You could try: " + "; ".join(suggestions) + "."
        return ParseDecision("rephrase", method="model" if used else "none", message=message,
                             suggestions=suggestions, confidence=confidence, used=used, prompt=prompt)
