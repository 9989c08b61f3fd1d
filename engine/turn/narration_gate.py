"""The narration gate: which sentences of a retelling may be shown, and whether the whole retelling stands."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from engine.core.game import Game, SceneFacts
from engine.safety import OutputGuard
from engine.turn.claims import claimed_change, wrong_way
from engine.turn.faithfulness import Faithfulness, carries_scene, content_words
from engine.turn.grounding_check import GroundingCheck
from engine.turn.story_words import aliases_here
from engine.turn.tense import tense_drift


def present_for(game: Game, told: str) -> list[str]:
    """What this turn's narration may name: the scene's facts, the outcome's text, the aliases of what is here."""
    facts = game.facts()
    return [*facts.items, *facts.npcs, *facts.exits.values(), *facts.inventory, facts.title,
            facts.description, told, *aliases_here(game)]


def left_out(narration: str, must_mention: Sequence[str]) -> list[str]:
    """Must-mention facts of which the narration names none of the content words."""
    said = set(content_words(narration))
    return [fact for fact in must_mention if content_words(fact) and not said & set(content_words(fact))]


@dataclass
class NarrationGate:
    """Judges one turn's retelling against this turn's outcome and scene only (never earlier narration)."""

    guard: OutputGuard
    grounding: GroundingCheck
    facts: SceneFacts
    authored: str
    present: Sequence[str]
    min_support: float = 0.6
    must_mention: Sequence[str] = ()
    """Facts the author requires this turn (on entering a scene): a retelling without them is withdrawn."""
    entered: bool = False
    """The turn arrived in a new scene: the retelling must carry something of that scene."""
    recent: Sequence[str] = ()
    _faithful: Faithfulness = field(init=False)

    def __post_init__(self) -> None:
        reference = [self.authored, self.facts.title, *self.present, *self.facts.must_mention]
        self._faithful = Faithfulness.of(*reference, min_support=self.min_support, closed=True)

    def sentence_problem(self, sentence: str) -> tuple[str, str] | None:
        """(failure kind, reason) for a sentence that must not be shown, else None."""
        guard = self.guard.check(sentence)
        if not guard.ok:
            return "guard", f"output guard: {guard.reason}"
        grounding = self.grounding.check(sentence, self.present)
        if not grounding.ok:
            return "invalid", "named what is not here: " + ", ".join(grounding.absent)
        unfaithful = self._faithful.problem(sentence)
        if unfaithful:
            return "invalid", unfaithful
        change = claimed_change(sentence, self.authored)
        if change:
            return "invalid", f"claims a change the outcome did not make: {change}"
        way = wrong_way(sentence, self.facts.exits, self.authored)
        if way:
            return "invalid", f"wrong way on: {way}"
        past = tense_drift(sentence, " ".join([self.authored, self.facts.description]))
        if past:
            return "invalid", f"slips into the past tense: {past}"
        return None

    def missing(self, narration: str) -> list[str]:
        """What the whole retelling still lacks (the author's must-mention facts, this scene's own content)."""
        lacking = left_out(narration, self.must_mention)
        # Only the scene just left can be copied under the new title: an older narration of this very scene
        # (coming back to it) must not make its own words count against it.
        if not lacking and self.entered and not carries_scene(narration, self.facts, self.recent[-1:]):
            lacking = [f"anything specific to {self.facts.title}"]
        return lacking

    def judge(self, sentences: Sequence[str]) -> str | None:
        """Why a whole retelling (its complete sentences) is withdrawn, or None when it stands."""
        if not sentences:
            return "no complete sentence"
        for sentence in sentences:
            verdict = self.sentence_problem(sentence)
            if verdict is not None:
                return verdict[1]
        lacking = self.missing(" ".join(sentences))
        return "left out: " + ", ".join(lacking) if lacking else None
