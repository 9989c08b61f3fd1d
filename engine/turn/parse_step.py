"""The parse step: the deterministic parser once per input, then the models' cascade only where it fails."""

from __future__ import annotations

from engine.core.game import Game
from engine.parser import ParseResult, parse
from engine.turn.cascade import ParseCascade, ParseDecision, rephrase, rules_suggestions


class ParseStep:
    """Rules first (an open disambiguation question carries over to the next input); a model only after them."""

    def __init__(self, cascade: ParseCascade | None, suggestions: int) -> None:
        self._cascade = cascade
        self._suggestions = suggestions
        self._question: ParseResult | None = None

    def rules(self, text: str, game: Game) -> ParseResult:
        """The rules' reading of `text` (done once per input, also while a beat waits for an answer)."""
        result = parse(text, game, self._question)
        self._question = result if result.kind == "question" else None
        return result

    def decide(self, text: str, game: Game, result: ParseResult) -> ParseDecision:
        """An action, a question, or a request to rephrase, from the rules' reading (and the models')."""
        if result.kind == "empty":
            return ParseDecision("empty")
        if result.kind == "action" and result.action is not None:
            return ParseDecision("action", result.action, "rules")
        if result.kind == "question":
            return ParseDecision("question", message=result.question, method="rules")
        if self._cascade is not None:
            return self._cascade.model_parse(text, game)
        # On the rules alone, suggest the closest legal actions by shared words (things here and the way back first).
        return rephrase(rules_suggestions(game, text, self._suggestions))

    def reread(self, text: str, game: Game) -> ParseDecision | None:
        """The engine refused the rules' reading as unmatched: a confident model reading, if there is one."""
        return self._cascade.reread(text, game) if self._cascade is not None else None
