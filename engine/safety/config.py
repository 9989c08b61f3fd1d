"""Safety settings: help resources per locale, shown by the crisis response."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class HelpResource(BaseModel):
    """One place a person in crisis can turn to."""

    model_config = ConfigDict(extra="forbid")

    name: str
    """Who or what it is, e.g. 'Emergency services'."""
    contact: str
    """How to reach it: a number, a web address, or guidance."""
    note: str = ""
    """When to use it, briefly."""


class SafetyConfig(BaseModel):
    """Safety layer settings (`safety:` in settings.yaml)."""

    model_config = ConfigDict(extra="forbid")

    locale: str = "international"
    """Which entry of `resources` the crisis response shows."""
    resources: dict[str, list[HelpResource]] = Field(default_factory=dict)
    """Help resources per locale; `international` is the fallback."""
    max_input_chars: int = Field(2000, ge=10)
    """Player input longer than this is cut before anything else sees it."""

    def resources_for(self, locale: str | None = None) -> list[HelpResource]:
        """Resources for a locale, falling back to the international list."""
        wanted = locale or self.locale
        return self.resources.get(wanted) or self.resources.get("international", [])
