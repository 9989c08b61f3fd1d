"""Safety settings: help resources per locale, shown by the crisis response."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator


class HelpResource(BaseModel):
    """One place a person in crisis can turn to."""

    model_config = ConfigDict(extra="forbid")

    name: str
    """Who or what it is, e.g. 'Emergency services'."""
    contact: str
    """How to reach it: a number, a web address, or guidance."""
    note: str = ""
    """When to use it, briefly."""


def default_resources() -> dict[str, list[HelpResource]]:
    """An international fallback that is right everywhere: emergency guidance plus helpline directories."""
    return {
        "international": [
            HelpResource(
                name="Emergency services",
                contact="Call your local emergency number (for example 112, 911, 999 or 000)",
                note="Right away, if you are in danger or might act on thoughts of harming yourself.",
            ),
            HelpResource(
                name="Find A Helpline",
                contact="https://findahelpline.com",
                note="Free, confidential crisis lines in your country, by phone, text or chat.",
            ),
            HelpResource(
                name="IASP crisis centres",
                contact="https://www.iasp.info/crisis-centres-helplines/",
                note="A worldwide list of crisis centres.",
            ),
            HelpResource(
                name="Someone you trust",
                contact="A friend, teacher, doctor or anyone you feel safe with",
                note="You do not have to find the right words; saying you are struggling is enough.",
            ),
        ]
    }


EMERGENCY_LINE = (
    "If you have taken something, are hurt, or are in danger right now: call your local emergency "
    "number now (for example 112, 911, 999 or 000)."
)


class SafetyConfig(BaseModel):
    """Safety layer settings (`safety:` in settings.yaml)."""

    model_config = ConfigDict(extra="forbid")

    locale: str = "international"
    """Which entry of `resources` the crisis response shows."""
    resources: dict[str, list[HelpResource]] = Field(default_factory=default_resources)
    """Help resources per locale; `international` is the fallback."""
    max_input_chars: int = Field(2000, ge=10)
    """Player input longer than this is cut before anything else sees it."""
    emergency: dict[str, str] = Field(default_factory=lambda: {"international": EMERGENCY_LINE})
    """Per locale, the line shown first and largest when harm is under way (the imminent tier)."""
    context_turns: int = Field(2, ge=0, le=10)
    """How many earlier inputs the crisis detector sees (in memory only), so split statements are caught."""

    def emergency_for(self, locale: str | None = None) -> str:
        """The emergency line for a locale, falling back to the international one."""
        wanted = locale or self.locale
        return self.emergency.get(wanted) or self.emergency.get("international") or EMERGENCY_LINE

    @model_validator(mode="after")
    def _known_locale(self) -> SafetyConfig:
        # A safety setting must fail loudly: a typo must not quietly show another country's helplines.
        if self.locale != "international" and self.locale not in self.resources:
            known = ", ".join(sorted({"international", *self.resources}))
            raise ValueError(f"unknown safety.locale '{self.locale}' (known: {known}); add its help resources "
                             "under safety.resources or choose a known locale")
        return self

    def resources_for(self, locale: str | None = None) -> list[HelpResource]:
        """Resources for a locale, falling back to the international list."""
        wanted = locale or self.locale
        found = self.resources.get(wanted) or self.resources.get("international")
        # A crisis screen must never be empty, whatever the settings file says.
        return found or default_resources()["international"]
