"""The story so far: echoed commands, game messages and streamed narration, newest at the bottom."""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widget import AwaitMount
from textual.widgets import Markdown, Static
from textual.widgets.markdown import MarkdownStream

from engine.safety import literal
from game.widgets.narration.escape import escape_markdown

MAX_ENTRIES = 300
"""Older entries are dropped so a long session stays fast (the transcript keeps everything)."""


class NarrationLog(VerticalScroll, can_focus=True):
    """Renders turn output; every piece of player or model text is shown literally."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._current: Markdown | None = None
        self._stream: MarkdownStream | None = None
        self._written = ""

    def on_mount(self) -> None:
        # Stay scrolled to the newest text until the reader scrolls up.
        self.anchor()

    def add_echo(self, text: str) -> None:
        """The player's command, as typed."""
        self._add(Static(Text("› ") + literal(text), classes="echo"))

    def add_system(self, text: str, kind: str = "info") -> None:
        """A message from the game itself (help, questions, errors, beats)."""
        self._add(Static(literal(text), classes=f"system {kind}"))

    async def begin_narration(self) -> None:
        """Open a new narration block that streamed text flows into."""
        await self.end_stream()
        self._current = Markdown(classes="narration")
        self._written = ""
        # Awaited: the Markdown must be mounted before it is streamed into or updated.
        await self._add(self._current)

    async def progress(self, text_so_far: str) -> None:
        """Show the narration so far; only the part not yet written is appended."""
        if self._current is None:
            await self.begin_narration()
        assert self._current is not None
        if self._stream is None:
            # Opened on the first text: a stream stopped before its task ever ran would raise on stop().
            self._stream = Markdown.get_stream(self._current)
        if text_so_far.startswith(self._written):
            fresh = text_so_far[len(self._written):]
            self._written = text_so_far
            await self._stream.write(escape_markdown(fresh))
        else:  # the text was revised: redraw it whole
            await self.end_stream()
            self._written = text_so_far
            if self._current is not None:
                await self._current.update(escape_markdown(text_so_far))

    async def finish(self, text: str) -> None:
        """The narration's final text; replaces what streamed when it differs (e.g. withdrawn by a guard)."""
        if self._current is None:
            await self.begin_narration()
        await self.end_stream()
        assert self._current is not None
        if text != self._written:
            await self._current.update(escape_markdown(text))
        self._current = None
        self._written = ""

    async def end_stream(self) -> None:
        """Flush and close the open stream, if any."""
        if self._stream is not None:
            stream, self._stream = self._stream, None
            await stream.stop()

    def _add(self, widget: Static | Markdown) -> AwaitMount:
        excess = len(self.children) - MAX_ENTRIES
        if excess > 0:
            for old in list(self.children)[:excess]:
                if old is not self._current:
                    old.remove()
        return self.mount(widget)
