"""Phrase books: versioned YAML files of regex rules, compiled once, with located errors for authors."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from engine.yamlpos import Problem, YamlDoc, YamlFileError, load_yaml, parse_yaml

Level = Literal["imminent", "crisis", "check-in", "block"]
_MACRO = re.compile(r"\{([a-z_]+)\}")
DATA_PACKAGE = "engine.safety.data"
CRISIS_PHRASES = "crisis_phrases.yaml"
GUARD_PHRASES = "output_guard.yaml"


class RuleSpec(BaseModel):
    """One rule as written in the data file."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9_.-]+$")
    """Stable name shown by `tta safety check` and recorded by the output guard."""
    level: Level
    """What a match means: crisis, check-in (player input) or block (model output)."""
    about: str
    """What the rule catches, in plain words."""
    patterns: list[str] = Field(min_length=1)
    """Regexes over normalised text (lower case, no apostrophes, single spaces); {macro} expands."""
    unless: list[str] = Field(default_factory=list)
    """Regexes that, found anywhere in the same sentence, keep the rule from firing: the precise figures
    of speech and game mechanics that share the rule's words ("kill myself to respawn", "my boss will
    kill me if im late")."""


class PhraseBookSpec(BaseModel):
    """A whole phrase-book file."""

    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1)
    """Bumped whenever the lists change, so reviews and logs can say which lists were in force."""
    macros: dict[str, str] = Field(default_factory=dict)
    """Reusable regex fragments, used in patterns as {name}."""
    spellings: dict[str, str] = Field(default_factory=dict)
    """Whole-word replacements applied before matching (misspellings, slang)."""
    fuzzy_words: list[str] = Field(default_factory=list)
    """Words whose one-edit misspellings are corrected before matching."""
    rules: list[RuleSpec] = Field(min_length=1)


@dataclass(frozen=True)
class Rule:
    """A compiled rule."""

    id: str
    level: Level
    about: str
    patterns: tuple[re.Pattern[str], ...]
    unless: tuple[re.Pattern[str], ...] = ()

    def search(self, normalised: str) -> re.Match[str] | None:
        """The first match of any of this rule's patterns (None when an `unless` pattern is found)."""
        if any(exception.search(normalised) for exception in self.unless):
            return None
        for pattern in self.patterns:
            found = pattern.search(normalised)
            if found:
                return found
        return None

    def excuses(self, normalised: str) -> bool:
        """True when a pattern matches but an `unless` pattern keeps the rule from firing."""
        return any(e.search(normalised) for e in self.unless) and any(p.search(normalised) for p in self.patterns)


@dataclass(frozen=True)
class PhraseBook:
    """Compiled rules plus the normalisation tables they were written against."""

    source: str
    version: int
    rules: tuple[Rule, ...]
    spellings: dict[str, str]
    fuzzy_words: tuple[str, ...]


def load_phrasebook(path: Path | None = None) -> PhraseBook:
    """Load and compile a phrase book; default: the packaged crisis phrases.

    Raises YamlFileError whose problems read `file:line:col: error: message`.
    """
    if path is not None:
        return _compile(load_yaml(path))
    return load_packaged(CRISIS_PHRASES)


def load_packaged(name: str) -> PhraseBook:
    """Load one of the phrase books shipped in engine/safety/data/."""
    text = resources.files(DATA_PACKAGE).joinpath(name).read_text(encoding="utf-8")
    return _compile(parse_yaml(text, f"engine/safety/data/{name}"))


def _compile(doc: YamlDoc) -> PhraseBook:
    try:
        spec = PhraseBookSpec.model_validate(doc.data)
    except ValidationError as err:
        raise YamlFileError(doc.validation_problems(err)) from err
    problems: list[Problem] = []
    rules = []
    seen: set[str] = set()
    for r_index, rule in enumerate(spec.rules):
        if rule.id in seen:
            problems.append(doc.problem(("rules", r_index, "id"), f"duplicate rule id {rule.id!r}"))
        seen.add(rule.id)
        compiled: dict[str, list[re.Pattern[str]]] = {"patterns": [], "unless": []}
        for field, sources in (("patterns", rule.patterns), ("unless", rule.unless)):
            for p_index, source in enumerate(sources):
                where = ("rules", r_index, field, p_index)
                try:
                    compiled[field].append(re.compile(rf"\b(?:{_expand(source, spec.macros)})\b"))
                except KeyError as err:
                    known = sorted(spec.macros)
                    problems.append(doc.problem(where, f"unknown macro {{{err.args[0]}}}; known: {known}"))
                except re.error as err:
                    problems.append(doc.problem(where, f"bad pattern: {err}"))
        rules.append(Rule(rule.id, rule.level, rule.about, tuple(compiled["patterns"]), tuple(compiled["unless"])))
    if problems:
        raise YamlFileError(problems)
    return PhraseBook(doc.path, spec.version, tuple(rules), dict(spec.spellings), tuple(spec.fuzzy_words))


def _expand(source: str, macros: dict[str, str], depth: int = 0) -> str:
    if depth > 5:
        raise re.error("macros nest too deeply")

    def replace(found: re.Match[str]) -> str:
        return _expand(macros[found.group(1)], macros, depth + 1)

    return _MACRO.sub(replace, source)
