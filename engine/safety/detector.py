"""Crisis detection on player input: phrase rules first, then a semantic stage, with the session's context.

How a level is decided, for one input:
1. Every sentence goes through the phrase rules (crisis_phrases.yaml); the strongest rule that fires
   decides that sentence. Rules decide whenever they fire: the semantic stage never lowers them and
   never raises a rule's check-in (the rules' deliberate decisions on negation, fiction and jokes stand).
   The one exception: a rule's crisis becomes imminent when the semantic stage scores the same
   sentence as imminent (an overdose already taken, being at the place now), or fires at all on an
   input that speaks of the present moment (lexical.present: "rn", "kicking in", "in my hand").
2. Sentences no rule fired on, the whole input, and the clauses of long sentences (clauses.py: risk in
   one clause of a rambling sentence) are scored by the semantic stage (semantic.py) in one batch.
   A semantic level stands only with the lexical cue it needs in the input (cues.py): an overdose tier
   a sign of excess or harm, a grey-zone check-in distress about oneself or harm words.
3. With a `CrisisContext`, the input is also judged joined with the last inputs of the session. A joint
   judgement counts only when it is stronger than what was already shown and the joining itself added
   something: a rule that matches only across the inputs, or a category score higher than any part
   scored alone. So a split statement ("I can't keep doing this." … "Tonight I'm ending it.") is caught,
   while an earlier crisis, or a negation the rules kept at check-in, does not fire again on every later
   input.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from engine.safety.clauses import clauses
from engine.safety.context import CrisisContext, Evidence
from engine.safety.cues import gate
from engine.safety.lexical import present
from engine.safety.normalize import normalize, sentences
from engine.safety.phrasebook import PhraseBook, load_phrasebook
from engine.safety.semantic import SemanticResult, SemanticStage, is_command
from engine.safety.tiers import Tier, rank

CrisisLevel = Tier
Stage = Literal["rules", "semantic"]
CONTEXT_GAIN = 0.01
CONTEXT_FLOOR = 0.05
"""A joined window is scored only when some input of it came this close to a category's check-in alone."""
"""How much a joined window's category score must beat every part's own score to count."""


@dataclass(frozen=True)
class Classification:
    """What the detector decided about one input, and why (never shown in transcripts)."""

    level: Tier
    rule: str | None = None
    """Id of the phrase rule that decided the level (None when no rule did)."""
    matched: str | None = None
    """The normalised words the rule matched."""
    category: str | None = None
    """Exemplar category the semantic stage scored highest (set whenever the stage ran)."""
    score: float | None = None
    """That category's similarity."""
    stage: Stage | None = None
    """Which stage decided the level (None for level none)."""
    from_context: bool = False
    """True when the level came from this input joined with earlier ones."""

    @property
    def source(self) -> str:
        """Rule id or `semantic:<category>`, with `+context` when earlier inputs decided it; `-` for none."""
        if self.stage is None:
            return "-"
        name = self.rule if self.stage == "rules" and self.rule else f"semantic:{self.category}"
        return name + ("+context" if self.from_context else "")


@dataclass(frozen=True)
class _Judged:
    shown: Classification
    evidence: Evidence


class CrisisDetector:
    """Classifies player text as imminent, crisis, check-in or none.

    `semantic=True` uses the shipped sentence model when it is installed (rules only otherwise);
    `False` is rules only; a `SemanticStage` is used as given.
    """

    def __init__(self, phrases: PhraseBook | None = None, semantic: SemanticStage | bool = True) -> None:
        self._phrases = phrases or load_phrasebook()
        if isinstance(semantic, SemanticStage):
            self._semantic: SemanticStage | None = semantic
        else:
            self._semantic = SemanticStage.packaged() if semantic else None

    @property
    def version(self) -> int:
        """Version of the phrase lists in force."""
        return self._phrases.version

    @property
    def _headed(self) -> bool:
        """True when a head alone decides (with `agree`, the bank's similarities say what joining added)."""
        head = self._semantic.head if self._semantic is not None else None
        return head is not None and not head.agree

    @property
    def semantic(self) -> SemanticStage | None:
        """The semantic stage, if this detector has one."""
        return self._semantic

    def warm(self) -> bool:
        """Load the semantic stage now (the factory calls this in the background); False if it cannot."""
        return self._semantic is None or self._semantic.warm()

    def classify(self, text: str, context: CrisisContext | None = None) -> Classification:
        """Classify one player input; with `context`, also joined with the last inputs, which it then remembers."""
        windows = context.windows(text) if context is not None else []
        # Why the gate: a joined window is long, and every text embedded costs time. A window is embedded
        # only when an earlier input of it showed some signal of its own (what the current input says
        # alone is judged anyway); the rules, which are cheap, always see it. One batch, one forward pass:
        # the pass reads all the model's weights, so its cost hardly grows with the batch.
        # A game command ("go north", "take the key") ends no split statement, so its windows go to the rules only.
        command = self._semantic is not None and is_command(self._semantic.bank, self._normalise(text))
        signal = [True, *(self._signal(w.parts) and not command for w in windows)]
        judged = self._judge([text, *(w.text for w in windows)], joined=[False, *(True for _ in windows)],
                             semantic=signal)
        alone = judged[0]
        best = alone.shown
        for window, joint in zip(windows, judged[1:], strict=True):
            if rank(joint.shown.level) > max(rank(best.level), window.shown) and _adds_up(
                    joint, window.parts.joined(alone.evidence), self._headed):
                best = replace(joint.shown, from_context=True)
        if context is not None:
            context.remember(text, best.level, alone.evidence)
        return best

    def _signal(self, evidence: Evidence) -> bool:
        """True when evidence is near enough to some category's check-in to make a joined window worth scoring."""
        if evidence.rule != "none" or self._semantic is None:
            return True
        return self._semantic.near(dict(evidence.scores), CONTEXT_FLOOR)

    def _judge(self, texts: list[str], joined: list[bool], semantic: list[bool] | None = None) -> list[_Judged]:
        """Rules per sentence (or over a whole joined window), then one batch through the semantic stage
        (only for the texts `semantic` marks, when given)."""
        plans: list[tuple[list[tuple[str, Classification]], list[str]]] = []
        units: list[str] = []
        for text, window in zip(texts, joined, strict=True):
            pieces = [text] if window else sentences(text) or [text]
            normalised = [self._normalise(piece) for piece in pieces]
            ruled = [(n, self._rules(n)) for n in normalised]
            # A sentence a rule excused (its `unless`: "kill myself in the game to respawn") is decided
            # by that: a figure of speech, so neither it nor its clauses go to the semantic stage.
            excused = [not window and rule.level == "none" and self._excused(n) for n, rule in ruled]
            ruled = [("" if gone else n, rule) for (n, rule), gone in zip(ruled, excused, strict=True)]
            extra = [self._normalise(text)] if len(pieces) > 1 and not any(excused) else []
            if extra:  # a rule across the sentences of one input ("did it. took them all. im dizzy")
                across = self._rules(extra[0])
                if rank(across.level) > max(rank(rule.level) for _, rule in ruled):
                    ruled.append(("", across))
            if not window:  # the clauses of long sentences, judged by the semantic stage alone
                extra += [self._normalise(part) for piece, gone in zip(pieces, excused, strict=True)
                          if not gone for part in clauses(piece)]
            plans.append((ruled, extra))
            if semantic is None or semantic[len(plans) - 1]:
                # The sentences as `ruled` has them (an excused one blanked), so each result meets its own.
                units.extend([n for n, _ in ruled if n] + [e for e in extra if e])
            else:  # rules only: nothing of it goes to the semantic stage
                plans[-1] = ([("", rule) for _, rule in ruled], [])
        scored = self._score(units)
        results = []
        for (ruled, extra), joint, text in zip(plans, joined, texts, strict=True):
            mine = [scored.pop(0) if n else None for n, _ in ruled]
            whole = [scored.pop(0) if e else None for e in extra]
            results.append(_combine(ruled, mine, whole, joint, self._normalise(text)))
        return results

    def _normalise(self, text: str) -> str:
        book = self._phrases
        return normalize(text, book.spellings, book.fuzzy_words)

    def _rules(self, normalised: str) -> Classification:
        best = Classification("none")
        for rule in self._phrases.rules:
            if rule.level == "block" or rank(rule.level) <= rank(best.level):
                continue
            found = rule.search(normalised)
            if found:
                best = Classification(rule.level, rule.id, found.group(0), stage="rules")
        return best

    def _excused(self, normalised: str) -> bool:
        return any(rule.level != "block" and rule.excuses(normalised) for rule in self._phrases.rules)

    def _score(self, units: list[str]) -> list[SemanticResult | None]:
        if self._semantic is None or not units or not self._semantic.warm():
            return [None for _ in units]
        return list(self._semantic.judge(units))


def _combine(ruled: list[tuple[str, Classification]], semantic: list[SemanticResult | None],
             whole: list[SemanticResult | None], joint: bool, text: str) -> _Judged:
    """One input's level from its sentences' rule and semantic results (see the module docstring).

    For a joined window the stronger stage wins: the rules' decisions on each part were made when the
    part was typed, and `_adds_up` decides whether the window counts at all. A semantic level stands only
    with the lexical cue it needs (cues.gate); a rule's own level, and its step up to imminent, are not gated.
    """
    best = Classification("none")
    evidence = Evidence()
    any_rule = any(rule.level != "none" for _, rule in ruled)
    for (_, rule), result in zip(ruled, semantic, strict=False):
        evidence = evidence.joined(Evidence(rule.level, result.scores if result else ()))
        unit = rule
        if result is not None:
            if rule.level == "none" or joint:
                unit = _stronger(rule, _from_semantic(gate(text, result)))
            elif rule.level == "crisis" and (result.tier == "imminent" or result.tier != "none" and present(text)):
                unit = replace(rule, level="imminent", category=result.category, score=result.score)
            else:
                unit = replace(rule, category=result.category, score=result.score)
        best = _stronger(best, unit)
    for result in whole:
        if result is None:
            continue
        evidence = evidence.joined(Evidence("none", result.scores))
        if not any_rule:
            best = _stronger(best, _from_semantic(gate(text, result)))
        elif best.level == "crisis" and (result.tier == "imminent" or result.tier != "none" and present(text)):
            best = replace(best, level="imminent", category=result.category, score=result.score)
    return _Judged(best, evidence)


def _adds_up(joint: _Judged, parts: Evidence, headed: bool = False) -> bool:
    """True when joining the inputs found more than the parts had alone (see the module docstring).

    With a trained head, the output for the level shown must have grown (P(fire) for a check-in, P(crisis)
    for a crisis, P(imminent) for imminent)."""
    shown = joint.shown
    # A rule that matches only across the inputs counts, whichever stage is shown at its level.
    if shown.stage == "rules" or rank(joint.evidence.rule) >= rank(shown.level):
        return rank(joint.evidence.rule) > rank(parts.rule)
    if headed:
        key = {"check-in": "fire", "crisis": "crisis", "imminent": "imminent"}.get(shown.level, "fire")
        return joint.evidence.score(key) > parts.score(key) + CONTEXT_GAIN
    if shown.category is None:
        return False
    # The category's similarity (a head's score is a probability, so it is read from the evidence).
    return joint.evidence.score(shown.category) > parts.score(shown.category) + CONTEXT_GAIN


def _from_semantic(result: SemanticResult) -> Classification:
    stage: Stage | None = "semantic" if result.tier != "none" else None
    return Classification(result.tier, category=result.category, score=result.score, stage=stage)


def _stronger(a: Classification, b: Classification) -> Classification:
    """The stronger of two; at equal level the one with a decision (then the higher score) wins."""
    key_a = (rank(a.level), a.stage is not None, a.score or 0.0)
    key_b = (rank(b.level), b.stage is not None, b.score or 0.0)
    return b if key_b > key_a else a
