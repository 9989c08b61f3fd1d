"""How the selector learns which models can run and which are loaded, without knowing the model manager."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol


class Named(Protocol):
    """A loaded-model entry that carries its name (the manager's LoadedInfo)."""

    @property
    def name(self) -> str:
        """The configured model name."""
        ...


class Availability(Protocol):
    """Answered by the model manager: can a model be loaded at all, and which are in memory now.

    `loaded()` may return names or entries with a `.name` (the manager's LoadedInfo), most recent last or not.
    """

    def is_available(self, name: str) -> bool:
        """Whether the model's files are present (so loading it can succeed)."""
        ...

    def loaded(self) -> Sequence[str | Named]:
        """The models currently in memory."""
        ...


def unavailable_reason(availability: Availability, name: str) -> str:
    """Why `name` is unavailable, in the availability's own words when it has a `why_unavailable(name)`
    (the manager says "server unreachable at …" for a served model), else the usual reason."""
    explain = getattr(availability, "why_unavailable", None)
    reason = explain(name) if callable(explain) else None
    return reason if isinstance(reason, str) and reason else "not available (model files missing)"


def loaded_names(availability: Availability) -> set[str]:
    """The loaded models' names, whatever form `loaded()` returns them in."""
    return {entry if isinstance(entry, str) else entry.name for entry in availability.loaded()}


class StaticAvailability:
    """A fixed answer: the given models are available (None: all), the given ones are loaded."""

    def __init__(self, available: Iterable[str] | None = None, loaded: Iterable[str] = ()) -> None:
        self._available = None if available is None else set(available)
        self._loaded = list(loaded)

    def is_available(self, name: str) -> bool:
        """True for listed models (or all, when no list was given)."""
        return self._available is None or name in self._available

    def loaded(self) -> list[str]:
        """The loaded models."""
        return list(self._loaded)

    def set_available(self, names: Iterable[str] | None) -> None:
        """Change which models are available."""
        self._available = None if names is None else set(names)

    def set_loaded(self, names: Iterable[str]) -> None:
        """Change which models are loaded."""
        self._loaded = list(names)
