"""The exemplar bank of the semantic crisis stage: categories, thresholds and counter-exemplars, from YAML."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from engine.yamlpos import Problem, YamlDoc, YamlFileError, load_yaml, parse_yaml

CRISIS_EXEMPLARS = "crisis_exemplars.yaml"
BankTier = Literal["check-in", "crisis", "imminent"]


class Thresholds(BaseModel):
    """Cosine-similarity cut-offs for one category, calibrated on the development set."""

    model_config = ConfigDict(extra="forbid")

    check_in: float = Field(ge=0, le=1)
    """At or above this (and below `crisis`): a check-in."""
    crisis: float = Field(ge=0, le=1)
    """At or above this: the category's tier (crisis; for imminent categories, crisis up to `imminent`)."""
    imminent: float | None = Field(None, ge=0, le=1)
    """Imminent categories only: at or above this, imminent."""

    @model_validator(mode="after")
    def _ordered(self) -> Thresholds:
        if self.check_in > self.crisis or (self.imminent is not None and self.crisis > self.imminent):
            raise ValueError("thresholds must satisfy check_in <= crisis <= imminent")
        return self


class CategorySpec(BaseModel):
    """One category as written in the data file."""

    model_config = ConfigDict(extra="forbid")

    tier: BankTier
    """The strongest tier this category can give."""
    about: str
    """What the category covers, in plain words (shown by `tta safety check`)."""
    thresholds: Thresholds
    exemplars: list[str] = Field(min_length=3)
    """Short first-person statements of the category, written for this project."""

    @model_validator(mode="after")
    def _imminent_has_its_threshold(self) -> CategorySpec:
        if (self.tier == "imminent") != (self.thresholds.imminent is not None):
            raise ValueError("a category has an `imminent` threshold exactly when its tier is imminent")
        return self


class BankSpec(BaseModel):
    """A whole exemplar file."""

    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1)
    """Bumped on every change, so reports can say which bank was in force."""
    model: str
    """The sentence model the thresholds were calibrated for."""
    margin: float = Field(ge=0, le=1)
    """How much a category's score must beat the best counter-exemplar by."""
    categories: dict[str, CategorySpec] = Field(min_length=1)
    counter: list[str] = Field(min_length=1)
    """Game commands, figures of speech and everyday sentences that are not crises."""
    now_words: list[str] = Field(default_factory=list)
    """Regexes (on normalised text) saying harm is under way or about to be ("already", "right now",
    "minutes ago"): with one, a crisis that an imminent category also scores at its crisis threshold
    becomes imminent."""
    commands: list[str] = Field(default_factory=list)
    """Verbs that open a game command: a sentence starting with one, with no "i", "me" or "my" in it,
    is addressed to the story and is left to the phrase rules."""


@dataclass(frozen=True)
class Category:
    """A category ready for scoring."""

    name: str
    tier: BankTier
    about: str
    thresholds: Thresholds
    exemplars: tuple[str, ...]


@dataclass(frozen=True)
class ExemplarBank:
    """The validated bank."""

    source: str
    version: int
    model: str
    margin: float
    categories: tuple[Category, ...]
    counter: tuple[str, ...]
    commands: frozenset[str] = frozenset()
    now_words: tuple[str, ...] = ()

    def category(self, name: str) -> Category:
        """The category called `name`; KeyError names the known ones."""
        for category in self.categories:
            if category.name == name:
                return category
        raise KeyError(f"no category {name!r}; known: {[c.name for c in self.categories]}")


def load_bank(path: Path | None = None) -> ExemplarBank:
    """Load an exemplar bank (default: the packaged one); errors read `file:line:col: error: message`."""
    if path is not None:
        return _build(load_yaml(path))
    text = resources.files("engine.safety.data").joinpath(CRISIS_EXEMPLARS).read_text(encoding="utf-8")
    return _build(parse_yaml(text, f"engine/safety/data/{CRISIS_EXEMPLARS}"))


def _build(doc: YamlDoc) -> ExemplarBank:
    try:
        spec = BankSpec.model_validate(doc.data)
    except ValidationError as err:
        raise YamlFileError(doc.validation_problems(err)) from err
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for name, category in spec.categories.items():
        for index, text in enumerate(category.exemplars):
            where = seen.get(text.strip().lower())
            if where is not None:
                problems.append(doc.problem(("categories", name, "exemplars", index), f"{text!r} is also in {where}"))
            seen[text.strip().lower()] = name
    for index, text in enumerate(spec.counter):
        where = seen.get(text.strip().lower())
        if where is not None:
            problems.append(doc.problem(("counter", index), f"{text!r} is also in {where}"))
        seen[text.strip().lower()] = "counter"
    if problems:
        raise YamlFileError(problems)
    categories = tuple(
        Category(name, c.tier, c.about, c.thresholds, tuple(c.exemplars)) for name, c in spec.categories.items()
    )
    return ExemplarBank(doc.path, spec.version, spec.model, spec.margin, categories, tuple(spec.counter),
                        frozenset(word.lower() for word in spec.commands), tuple(spec.now_words))
