"""Command-palette provider: offers the current screen's meta commands (save, load, undo, rate...)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from textual.command import DiscoveryHit, Hit, Hits, Provider


@dataclass(frozen=True)
class PaletteCommand:
    """One entry of the palette."""

    name: str
    help: str
    run: Callable[[], object]


@runtime_checkable
class OffersCommands(Protocol):
    """A screen that lists palette commands."""

    def palette_commands(self) -> list[PaletteCommand]:
        """The commands available right now."""
        ...


class MetaCommands(Provider):
    """Fuzzy-matches the screen's commands by name."""

    def _commands(self) -> list[PaletteCommand]:
        screen = self.screen
        return screen.palette_commands() if isinstance(screen, OffersCommands) else []

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(command.name, command.run, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.name)
            if score > 0:
                yield Hit(score, matcher.highlight(command.name), command.run, help=command.help)
