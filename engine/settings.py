"""Application settings: settings.yaml validated by pydantic-settings, with `TTA_…` environment overrides."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError, model_validator
from pydantic_core import PydanticCustomError
from pydantic_settings import BaseSettings, InitSettingsSource, PydanticBaseSettingsSource, SettingsConfigDict
from pydantic_settings import SettingsError as SourceError

from engine.inference.config import ModelConfig
from engine.safety.config import SafetyConfig
from engine.selector.tuning import SelectorConfig
from engine.turn.config import TurnConfig
from engine.yamlpos import Problem, YamlDoc, YamlFileError, load_yaml

ENV_PREFIX = "TTA_"
SETTINGS_ENV = "TTA_SETTINGS"
AUTO_PROFILE = "auto"

Loc = tuple[int | str, ...]


class SettingsError(Exception):
    """Settings that cannot be used; its text is one `settings.yaml:LINE:COL: error: message` line per problem
    (`environment: TTA_…: message` or `--profile: message` where the value came from there)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(_format(p) for p in problems))
        self.problems = problems


class Settings(BaseSettings):
    """Everything configurable: which models exist, which profile routes among them, tuning and safety."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX, env_nested_delimiter="__", extra="forbid", protected_namespaces=()
    )

    profile: str = AUTO_PROFILE
    """Which entry of `profiles` is active (seed, embedded, rules, auto...); `--profile` overrides it."""
    profiles: dict[str, list[str]] = Field(default_factory=lambda: {AUTO_PROFILE: list[str]()})
    """Profile name -> model names, or names of other profiles (each becomes a tier tried in order)."""
    models: dict[str, ModelConfig] = Field(default_factory=dict)
    """Every model the game knows, by the name used in profiles, fallbacks and ratings."""
    memory_budget_mb: int = Field(6000, ge=0)
    """Most memory (MB) the loaded models may take together; the model manager unloads LRU beyond it."""
    selector: SelectorConfig = Field(default_factory=SelectorConfig)
    """Model selection tuning: speed weight, adaptive learning, circuit breaker."""
    safety: SafetyConfig = Field(default_factory=SafetyConfig)
    """The safety layer: help resources per locale and input limits."""
    turn: TurnConfig = Field(default_factory=TurnConfig)
    """How a turn uses models: time limits, parse confidence, narration on/off."""

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # The YAML arrives as init kwargs; the environment must win over it.
        return (env_settings, init_settings)

    @model_validator(mode="after")
    def _check_references(self) -> Settings:
        problems = self.reference_problems()
        if problems:
            detail = "; ".join(f"{'.'.join(map(str, loc))}: {msg}" for loc, msg in problems)
            raise PydanticCustomError("settings_reference", "{detail}", {"detail": detail, "problems": problems})
        return self

    def reference_problems(self) -> list[tuple[Loc, str]]:
        """Names that point nowhere: unknown profile, or unknown models in profiles and fallback chains."""
        problems: list[tuple[Loc, str]] = []
        if self.profile not in self.profiles:
            problems.append((("profile",), _unknown("profile", self.profile, self.profiles)))
        for name, members in self.profiles.items():
            for i, member in enumerate(members):
                if member in self.models:
                    continue
                if member in self.profiles and member != name:
                    nested = [m for m in self.profiles[member] if m not in self.models]
                    if nested:
                        problems.append((("profiles", name, i), f"profile '{member}' may list only models here"))
                    continue
                problems.append((("profiles", name, i), _unknown("model or profile", member, self.models)))
        for name, config in self.models.items():
            for i, other in enumerate(config.fallback):
                if other not in self.models:
                    problems.append((("models", name, "fallback", i), _unknown("model", other, self.models)))
        return problems

    def profile_tiers(self, name: str | None = None) -> list[list[str]]:
        """The profile's models in tiers: a member naming another profile is a tier of its own."""
        tiers: list[list[str]] = []
        loose: list[str] = []
        for member in self.profiles[name or self.profile]:
            if member in self.models:
                loose.append(member)
                continue
            if loose:
                tiers.append(loose)
                loose = []
            tiers.append(list(self.profiles[member]))
        if loose:
            tiers.append(loose)
        return [tier for tier in tiers if tier]

    def active_models(self) -> dict[str, ModelConfig]:
        """The active profile's models, in tier order, each once."""
        ordered = dict.fromkeys(name for tier in self.profile_tiers() for name in tier)
        return {name: self.models[name] for name in ordered}


class _FileOnlySettings(Settings):
    """Settings that ignore the environment."""

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings,)


def _with_profile(profile: str) -> type[Settings]:
    """Settings whose `profile` comes from the command line, above the environment and the file."""

    class _CommandLineSettings(Settings):
        @classmethod
        def settings_customise_sources(
            cls,
            settings_cls: type[BaseSettings],
            init_settings: PydanticBaseSettingsSource,
            env_settings: PydanticBaseSettingsSource,
            dotenv_settings: PydanticBaseSettingsSource,
            file_secret_settings: PydanticBaseSettingsSource,
        ) -> tuple[PydanticBaseSettingsSource, ...]:
            return (InitSettingsSource(settings_cls, {"profile": profile}), env_settings, init_settings)

    return _CommandLineSettings


def settings_from(data: dict[str, Any]) -> Settings:
    """Settings from plain data only, ignoring `TTA_…` variables (simulations, benchmarks, inline test fixtures)."""
    return _FileOnlySettings(**data)


def default_settings_path() -> Path:
    """`$TTA_SETTINGS` when set, else settings.yaml at the project root."""
    override = os.environ.get(SETTINGS_ENV)
    return Path(override) if override else Path(__file__).resolve().parent.parent / "settings.yaml"


def load_settings(path: Path | None = None, profile: str | None = None) -> Settings:
    """Read, validate and return the settings; every problem is reported as `file:line:col: error: message`."""
    source = path or default_settings_path()
    try:
        doc = load_yaml(source, _display(source))
    except YamlFileError as exc:
        raise SettingsError(exc.problems) from None
    data = doc.data if doc.data is not None else {}
    if not isinstance(data, dict):
        raise SettingsError([doc.problem((), "the settings file must be a mapping of sections")])
    try:
        return _with_profile(profile)(**data) if profile is not None else Settings(**data)
    except ValidationError as exc:
        raise SettingsError(_locate(doc, exc, profile_from_cli=profile is not None)) from None
    except SourceError as exc:  # a TTA_... variable that is not valid JSON for a section
        raise SettingsError([_source_problem(exc)]) from None


def _locate(doc: YamlDoc, error: ValidationError, *, profile_from_cli: bool) -> list[Problem]:
    located = doc.validation_problems(error)  # one per error, in order
    env_names = {key.upper() for key in os.environ}
    problems: list[Problem] = []
    for err, default in zip(error.errors(), located, strict=True):
        if err["type"] == "settings_reference":
            for loc, msg in err["ctx"]["problems"]:
                env_name = _env_source(loc, env_names)
                if loc == ("profile",) and profile_from_cli:
                    problems.append(Problem("--profile", 0, 0, msg))
                elif env_name is not None:
                    problems.append(Problem("environment", 0, 0, f"{env_name}: {msg}"))
                else:
                    problems.append(doc.problem(loc, f"{'.'.join(map(str, loc))}: {msg}"))
            continue
        named = _named_field(doc, tuple(err["loc"]), err["msg"])
        env_name = _env_source(tuple(err["loc"]), env_names)
        if env_name is not None:
            problems.append(Problem("environment", 0, 0, f"{env_name}: {err['msg']}"))
        elif named is not None:
            problems.append(doc.problem(named, default.message))
        else:
            problems.append(default)
    return problems


def _named_field(doc: YamlDoc, loc: Loc, message: str) -> Loc | None:
    """A section's own check (e.g. safety's locale) fails on the whole section; when its message names one of
    the section's fields (`safety.locale`), that field's value is where the author must look."""
    if not loc or not all(isinstance(part, str) for part in loc):
        return None
    found = re.search(re.escape(".".join(map(str, loc))) + r"\.(\w+)", message)
    if found is None or doc.position((*loc, found.group(1))) == doc.position(loc):
        return None
    return (*loc, found.group(1))


def _env_source(loc: Loc, env_names: set[str]) -> str | None:
    """The TTA_... variable that set the value at `loc` (or a section above it), if one did."""
    for end in range(len(loc), 0, -1):
        name = ENV_PREFIX + "__".join(str(part) for part in loc[:end]).upper()
        if name in env_names:
            return name
    # A section-level check (e.g. safety's locale) fails on the section: name the variables set inside it.
    inside = sorted(env for env in env_names if loc and env.startswith(ENV_PREFIX + "__".join(map(str, loc)).upper()
                                                                     + "__"))
    return ", ".join(inside) or None


def _source_problem(exc: SourceError) -> Problem:
    found = re.search(r'field "([^"]+)"', str(exc))
    name = ENV_PREFIX + found.group(1).upper() if found else "a TTA_... variable"
    return Problem("environment", 0, 0, f"{name}: not valid JSON for this section ({exc.__cause__ or exc})")


def _unknown(kind: str, name: str, known: dict[str, Any]) -> str:
    return f"unknown {kind} '{name}' (known: {', '.join(sorted(known)) or 'none'})"


def _display(path: Path) -> str:
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if relative.startswith("..") else relative


def _format(problem: Problem) -> str:
    # Line 0 marks problems that come from the command line or the environment, not the file.
    return str(problem) if problem.line else f"{problem.path}: {problem.message}"
