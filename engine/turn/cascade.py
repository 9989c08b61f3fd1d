"""The parse cascade: the deterministic parser first; a model only ranks what the story knows here.

Every action the story knows here is ranked, legal or not: choosing a refused one gives the author's refusal
(`blocked:`, `fail:`), never some other action. A model's reading of a move or of something that loses things
acts only when the player's words ask for it explicitly; otherwise the decision carries it as `unconfirmed`."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from engine.core.actions import Action
from engine.core.game import Game, SceneFacts
from engine.inference.base import Backend, Response
from engine.inference.config import GenParams
from engine.inference.embedder import SentenceEmbedder
from engine.inference.request import ChoiceRequest
from engine.parser import ParseResult, parse
from engine.parser.negation import denied
from engine.parser.wh import information_question
from engine.selector import Selector
from engine.tasks import TaskType
from engine.turn.candidates import (
    Candidate,
    aims_there,
    candidates,
    commands,
    contradicts,
    explicit,
    known_for,
    leads,
    names_its_things,
    onto_a_thing,
    rankable,
    scored,
    suggestions,
)
from engine.turn.confidence import risk_of
from engine.turn.config import TurnConfig
from engine.turn.events import ModelUsed
from engine.turn.model_step import BackendProvider, run_step
from engine.turn.step_prompts import choice_prompt

NONE_OF_THESE = "none of these"
_ONLY_LOOKING = frozenset({"examine", "look", "inventory", "help", "wait"})
_LEADING_VERB = 0.06
"""Similarity added to an action whose own verb leads a command of the sentence. Chosen on the development
stories' lines read as if the rules had found nothing (game/bench/bands_calibration.py, every=True): 0, 0.04,
0.06, 0.08 took right readings that act from 467 to 556, 598 and 632 of 1051, none wrong that changes the state;
0.06 stops short of the largest, as the boost also lifts every action sharing a common verb ("take")."""


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
    ranked: list[Candidate] = field(default_factory=list)
    """Every candidate the models scored, best first, each legal or refused (empty for a rules reading)."""
    unconfirmed: Action | None = None
    """A risky action the models preferred but the words did not ask for explicitly (a "Do you mean" seam)."""


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


def lexical_order(text: str, descriptions: list[str]) -> list[str]:
    """Without any model, order suggestions by shared words with the player's text."""
    words = set(text.lower().split())
    return sorted(descriptions, key=lambda d: -len(words & set(d.lower().split())))


def rules_suggestions(game: Game, text: str, limit: int) -> list[str]:
    """Suggestions on the rules alone: the same preferences as after a model ranking, by shared words."""
    return suggestions(game, text, candidates(game), limit)


class ParseCascade:
    """Rules, then (only if they fail) a model ranking every action the story knows here, with an embedding match."""

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
            return ParseDecision("action", result.action, "rules")
        if result.kind == "question":
            return ParseDecision("question", message=result.question, method="rules")
        return self.model_parse(text, game)

    def reread(self, text: str, game: Game) -> ParseDecision | None:
        """The engine refused the rules' reading as fitting no authored action ("pour the oil into the lamp"):
        a confident model match, or None (then the engine's reason for the rules' reading stands)."""
        if self._matcher is None:
            return None
        second = self.model_parse(text, game)
        # "give the biscuits to Mo" where no deed gives them to Mo: the engine's reason says more than a look at the
        # biscuits would, so only another deed replaces the rules' reading.
        looking = second.action is not None and second.action.verb in _ONLY_LOOKING
        return second if second.kind == "action" and not looking else None

    def model_parse(self, text: str, game: Game) -> ParseDecision:
        """Words the rules did not understand: a model ranks every action the story knows here."""
        ranked = rankable(game, text, candidates(game))
        descriptions = [c.description for c in ranked]
        facts = game.facts()
        options = [*descriptions, NONE_OF_THESE]
        prompt = choice_prompt(facts, text)
        if information_question(text) or denied(text):
            # "what is the dog's name?" asks, "do not go north" denies; a model ranking deeds would pick one
            # (petting the dog, going north) anyway.
            return self._rephrase(text, game, ranked, [], prompt, None)
        method = self._config.parse_method
        llm: list[float] | None = None
        used: list[ModelUsed] = []
        emb = self._embedding(text, ranked) if method != "likelihood" else None
        if method == "cascade" and emb is not None and self._confident(emb, len(ranked)):
            best = max(range(len(emb)), key=emb.__getitem__)
            return self._choose(text, game, ranked, emb, best, "embedding", emb[best], [], prompt)
        if method == "cascade" and emb is not None:
            return self._rerank(text, game, ranked, emb, prompt)
        if method in ("likelihood", "fused", "cascade"):
            llm, used = self._likelihood(text, facts, options, prompt)
        probs = combine(llm, emb)
        if probs is None:
            return self._rephrase(text, game, ranked, used, prompt, None)
        best = max(range(len(options)), key=probs.__getitem__)
        if not self._confident(probs, len(ranked)):
            return self._rephrase(text, game, scored(ranked, probs), used, prompt, probs[best])
        return self._choose(text, game, ranked, probs, best, "model", probs[best], used, prompt)

    def _choose(self, text: str, game: Game, ranked: list[Candidate], scores: list[float], best: int,
                method: Literal["embedding", "model"], confidence: float, used: list[ModelUsed],
                prompt: str) -> ParseDecision:
        """The models' pick, from the engine's own list: a refused one gets its refusal; a risky one needs the
        player's words to ask for it."""
        chosen = ranked[best]
        order = scored(ranked, scores)
        known = known_for(game, chosen.action)
        if known is not None and contradicts(text, known):
            # "switch off the lamp" read as switching it on: the words say the opposite, so nothing is meant.
            return self._rephrase(text, game, order, used, prompt, confidence)
        lasting = chosen.legal and known is not None and risk_of(game, chosen.action) == "irreversible"
        if chosen.legal and known is not None and not explicit(game, text, known, lasting):
            decision = self._rephrase(text, game, order, used, prompt, confidence, first=chosen.description)
            decision.unconfirmed = chosen.action
            return decision
        if onto_a_thing(game, text, chosen.action):
            return self._rephrase(text, game, order, used, prompt, confidence)
        if not names_its_things(game, text, chosen.action):
            # Nothing of the thing is said ("take the chainsaw" -> the ladder): a guess; ask before doing it.
            bars = getattr(self._config.confidence, risk_of(game, chosen.action))
            confidence = min(confidence, (bars.act + bars.confirm) / 2)
        if not aims_there(game, text, chosen.action):
            # "I want to go home": a move whose words name no place here is a guess; ask before walking.
            bars = self._config.confidence.moving
            confidence = min(confidence, (bars.act + bars.confirm) / 2)
        return ParseDecision("action", chosen.action, method, confidence=confidence, used=used, prompt=prompt,
                             ranked=order)

    def _rerank(self, text: str, game: Game, ranked: list[Candidate], emb: list[float],
                prompt: str) -> ParseDecision:
        """The embedding is unsure: the tool-selection model picks among its top few candidates."""
        top = sorted(range(len(ranked)), key=emb.__getitem__, reverse=True)[: self._config.rerank_top]
        # emb[-1] is the virtual "none of these": when it beats every action, nothing here is meant.
        if emb[top[0]] < self._config.rerank_floor or emb[-1] > emb[top[0]]:
            return self._rephrase(text, game, scored(ranked, emb), [], prompt, emb[top[0]])
        shortlist = [ranked[i].description for i in top]
        scores, used = self._likelihood(text, game.facts(), [*shortlist, NONE_OF_THESE], prompt)
        if scores is None:
            return self._rephrase(text, game, scored(ranked, emb), used, prompt, emb[top[0]])
        pick = max(range(len(shortlist)), key=scores.__getitem__)
        return self._choose(text, game, ranked, emb, top[pick], "model", scores[pick], used, prompt)

    def _confident(self, probs: list[float], count: int) -> bool:
        ranked = sorted(range(len(probs)), key=probs.__getitem__, reverse=True)
        margin = probs[ranked[0]] - (probs[ranked[1]] if len(ranked) > 1 else 0.0)
        return (ranked[0] < count and probs[ranked[0]] >= self._config.parse_min_confidence
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

    def _embedding(self, text: str, ranked: list[Candidate]) -> list[float] | None:
        if self._matcher is None or not ranked:
            return None
        try:
            sims = self._matcher.similarities(text, [c.match_text for c in ranked])
        except Exception:  # noqa: BLE001 - the matcher is an aid; the cascade goes on without it
            return None
        parts = commands(text)
        sims = [s + (_LEADING_VERB if any(leads(words, c) for words in parts) else 0.0)
                for s, c in zip(sims, ranked, strict=True)]
        # "none of these" competes as a virtual option at the threshold similarity.
        scores = [*sims, self._config.embedding_none_similarity]
        return softmax([s / self._config.embedding_temperature for s in scores])

    def _rephrase(self, text: str, game: Game, ranked: list[Candidate], used: list[ModelUsed], prompt: str | None,
                  confidence: float | None, first: str | None = None) -> ParseDecision:
        offered = suggestions(game, text, ranked, self._config.suggestions)
        if first is not None:
            offered = [first, *[o for o in offered if o != first]][: max(self._config.suggestions, 1)]
        decision = rephrase(offered, used, prompt, confidence)
        decision.ranked = ranked
        return decision


def rephrase(suggestions: list[str], used: list[ModelUsed] | None = None, prompt: str | None = None,
             confidence: float | None = None) -> ParseDecision:
    """Ask the player to rephrase, offering a few legal actions."""
    message = "I'm not sure what you mean."
    if suggestions:
        message += " You could try: " + "; ".join(suggestions) + "."
    return ParseDecision("rephrase", method="model" if used else "none", message=message,
                         suggestions=suggestions, confidence=confidence, used=list(used or []), prompt=prompt)
