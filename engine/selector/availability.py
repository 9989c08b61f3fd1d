"""How the selector learns which models can run and which are loaded, without knowing the model manager."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol


class Availability(Protocol):
    """Answered by the model manager: can a model be loaded at all, and which are in memory now.

    `loaded()` may return names or entries with a `.name` (the manager's LoadedInfo), most recent last or not.
    """

    def is_available(self, name: str) -> bool:
        """Whether the model's files are present (so loading it can succeed)."""
        ...

    def loaded(self) -> list:
        """The models currently in memory."""
        ...


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
