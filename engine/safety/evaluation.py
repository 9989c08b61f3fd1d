"""Scores the crisis detector on labelled sets: recall per category and tier, false alarms, every failure."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from engine.safety.context import CrisisContext
from engine.safety.detector import Classification, CrisisDetector
from engine.safety.tiers import FIRING, Tier, at_least, rank
from engine.yamlpos import YamlFileError, load_yaml

Label = Literal["check-in", "crisis", "imminent"]
Entry = str | list[str]


class CaseSet(BaseModel):
    """A labelled set as stored in YAML: `positives[category][tier]` and `negatives[category]`.

    The first test set's flat form (`crisis`, `check-in` and `none` lists) is read too; its lists
    become categories of the same names.
    """

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    version: int = 1
    positives: dict[str, dict[Label, list[Entry]]] = Field(default_factory=dict)
    """Inputs (or sequences of inputs) that must fire, by category and the tier they deserve."""
    negatives: dict[str, list[Entry]] = Field(default_factory=dict)
    """Ordinary play and life that must not fire, by category."""
    crisis: list[str] = Field(default_factory=list)
    """Flat form: inputs that must be classified as crisis."""
    check_in: list[str] = Field(default_factory=list, alias="check-in")
    """Flat form: inputs that must get at least a check-in."""
    none: list[str] = Field(default_factory=list)
    """Flat form: ordinary play that must not fire."""

    def cases(self) -> list[Case]:
        """Every case, positives first."""
        found = [Case(tuple(_inputs(e)), name, tier) for name, tiers in self.positives.items()
                 for tier, entries in tiers.items() for e in entries]
        found += [Case((text,), "crisis", "crisis") for text in self.crisis]
        found += [Case((text,), "check-in", "check-in") for text in self.check_in]
        found += [Case(tuple(_inputs(e)), name, "none") for name, entries in self.negatives.items() for e in entries]
        found += [Case((text,), "none", "none") for text in self.none]
        return found


@dataclass(frozen=True)
class Case:
    """One labelled case: one input, or several typed one after another in one session."""

    inputs: tuple[str, ...]
    category: str
    label: Tier

    @property
    def text(self) -> str:
        """The inputs as one line, ` … ` between them."""
        return " … ".join(self.inputs)


@dataclass(frozen=True)
class Scored:
    """A case and the strongest classification any of its inputs got."""

    case: Case
    result: Classification

    @property
    def fired(self) -> bool:
        """True if the detector responded at all."""
        return self.result.level != "none"

    @property
    def at_label(self) -> bool:
        """True if the detector reached the case's tier (for negatives: stayed silent)."""
        return self.result.level == "none" if self.case.label == "none" else at_least(self.result.level,
                                                                                      self.case.label)


@dataclass
class EvalReport:
    """Every case's result, and the figures the acceptance criteria name."""

    scored: list[Scored] = field(default_factory=list)

    @property
    def positives(self) -> list[Scored]:
        """Cases that should fire."""
        return [s for s in self.scored if s.case.label != "none"]

    @property
    def negatives(self) -> list[Scored]:
        """Cases that should not."""
        return [s for s in self.scored if s.case.label == "none"]

    @property
    def missed(self) -> list[Scored]:
        """Positives that got nothing."""
        return [s for s in self.positives if not s.fired]

    @property
    def too_weak(self) -> list[Scored]:
        """Positives that fired below their tier (a check-in for a crisis, a crisis for an imminent case)."""
        return [s for s in self.positives if s.fired and not s.at_label]

    @property
    def false_positives(self) -> list[Scored]:
        """Negatives that fired."""
        return [s for s in self.negatives if s.fired]

    @property
    def recall(self) -> float:
        """Share of positives that got check-in, crisis or imminent."""
        return _share(len(self.positives) - len(self.missed), len(self.positives), empty=1.0)

    @property
    def imminent_recall(self) -> float:
        """Share of imminent-labelled positives that got imminent."""
        imminent = [s for s in self.positives if s.case.label == "imminent"]
        return _share(sum(s.at_label for s in imminent), len(imminent), empty=1.0)

    @property
    def false_positive_rate(self) -> float:
        """Share of negatives that fired."""
        return _share(len(self.false_positives), len(self.negatives), empty=0.0)

    def rows(self, by: Literal["category", "tier"]) -> list[dict[str, Any]]:
        """Per category or per labelled tier: cases, share caught, share at tier, predicted-tier counts."""
        groups: dict[str, list[Scored]] = {}
        for item in self.scored:
            key = item.case.category if by == "category" else item.case.label
            groups.setdefault(key, []).append(item)
        rows = []
        for key, items in groups.items():
            negative = all(i.case.label == "none" for i in items)
            row: dict[str, Any] = {by: key, "cases": len(items), "negative": negative,
                                   "caught": sum(i.fired for i in items), "at_tier": sum(i.at_label for i in items)}
            row.update({tier: sum(i.result.level == tier for i in items) for tier in ("none", *FIRING)})
            rows.append(row)
        if by == "tier":
            rows.sort(key=lambda row: -rank(str(row["tier"])))
        return rows

    def summary(self) -> str:
        """One line with the figures the acceptance criteria name."""
        return (
            f"crisis detection: recall {self.recall:.1%} on {len(self.positives)} positives "
            f"({len(self.too_weak)} below their tier), imminent {self.imminent_recall:.1%}, "
            f"false positives {self.false_positive_rate:.1%} on {len(self.negatives)} negatives"
        )


def load_cases(*paths: Path) -> CaseSet:
    """Read one or more labelled sets into one; errors read `file:line:col: message`."""
    merged = CaseSet()
    for path in paths:
        doc = load_yaml(path)
        try:
            part = CaseSet.model_validate(doc.data or {})
        except ValidationError as err:
            raise YamlFileError(doc.validation_problems(err)) from err
        for name, tiers in part.positives.items():
            for tier, entries in tiers.items():
                merged.positives.setdefault(name, {}).setdefault(tier, []).extend(entries)
        for name, entries in part.negatives.items():
            merged.negatives.setdefault(name, []).extend(entries)
        merged.crisis.extend(part.crisis)
        merged.check_in.extend(part.check_in)
        merged.none.extend(part.none)
    return merged


def classify_case(detector: CrisisDetector, inputs: tuple[str, ...]) -> Classification:
    """The strongest classification over the inputs, typed in order in one fresh session."""
    context = CrisisContext()
    best = Classification("none")
    for text in inputs:
        result = detector.classify(text, context=context)
        if rank(result.level) > rank(best.level):
            best = result
    return best


def evaluate(detector: CrisisDetector, cases: CaseSet) -> EvalReport:
    """Classify every case and collect the figures."""
    return EvalReport([Scored(case, classify_case(detector, case.inputs)) for case in cases.cases()])


def _inputs(entry: Entry) -> list[str]:
    return [entry] if isinstance(entry, str) else list(entry)


def _share(part: int, whole: int, empty: float) -> float:
    return part / whole if whole else empty


__all__ = ["Case", "CaseSet", "EvalReport", "Label", "Scored", "Tier", "classify_case", "evaluate", "load_cases"]
