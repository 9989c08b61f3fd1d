"""One line of player input -> engine calls -> text: shared by `tta play --plain` and scripted story tests."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from engine.core.game import Game
from engine.core.outcome import Outcome
from engine.parser import ParseResult, parse
from engine.saves import SaveError, SaveStore

QUIT_WORDS = {"quit", "q", "exit", "bye"}


@dataclass
class Reply:
    """What to print after one line, and whether the session should end."""

    text: str
    outcome: Outcome | None = None
    quit: bool = False


def outcome_text(outcome: Outcome) -> str:
    """An outcome's text followed by the beat now waiting, if any."""
    if outcome.beat is not None and outcome.beat.prompt not in outcome.text:
        return f"{outcome.text}\n\n{outcome.beat.text}"
    return outcome.text


class CommandRunner:
    """Routes a line to a meta command, the pending beat, or the parser and engine."""

    def __init__(self, game: Game, saves: SaveStore | None = None) -> None:
        self.game = game
        self.saves = saves
        self._question: ParseResult | None = None

    def run(self, line: str) -> Reply:
        words = line.strip().lower().split()
        head = words[0] if words else ""
        slot = words[1] if len(words) > 1 else "auto"
        if head in QUIT_WORDS and len(words) == 1:
            return Reply("Goodbye for now. Be gentle with yourself.", quit=True)
        if head == "undo" and len(words) == 1:
            return Reply("Undone.\n\n" + self.game.look().text if self.game.undo() else "There is nothing to undo.")
        if head == "transcript" and len(words) == 1:
            return Reply("\n".join(f"[{e.turn}] > {e.command}\n{e.text}" for e in self.game.transcript) or "(empty)")
        if head in ("save", "load", "restore") and len(words) <= 2:
            return self._save_or_load(head, slot)
        if self.game.pending is not None:
            outcome = self.game.answer(line)
            command = parse(line, self.game) if not outcome.ok else None
            if command is None or command.kind != "action" or command.action is None:
                return Reply(outcome_text(outcome), outcome)
            # Not an answer but a clear command: beats are invitations, so the player may simply move on.
            outcome = self.game.perform(command.action)
            return Reply(outcome_text(outcome), outcome)
        if self.game.ended is not None:
            return Reply("The story has ended. You can 'undo', 'load' a save, or 'quit'.")
        result = parse(line, self.game, self._question)
        self._question = result if result.kind == "question" else None
        if result.kind == "empty":
            return Reply("")
        if result.kind == "question":
            return Reply(result.question or "Which do you mean?")
        if result.kind == "not_understood" or result.action is None:
            return Reply(result.message or "I didn't understand that. Type 'help' for ideas.")
        outcome = self.game.perform(result.action)
        return Reply(outcome_text(outcome), outcome)

    def opening(self) -> str:
        """What to show when play starts: title, content notes, the first scene and any beat."""
        story = self.game.story
        head = [story.title, f"by {story.author}"]
        if story.content_notes:
            head.append("Content notes: " + "; ".join(story.content_notes))
        return "\n".join(head) + "\n\n" + outcome_text(self.game.look())

    def _save_or_load(self, head: str, slot: str) -> Reply:
        if self.saves is None:
            return Reply("Saving is not available here.")
        try:
            if head == "save":
                self.saves.save(self.game, slot)
                return Reply(f"Saved to '{slot}'.")
            loaded = self.saves.load(self.game.story, slot)
            loaded.transcript = self.game.transcript  # the session's transcript goes on across loads
            self.game = loaded
        except SaveError as exc:
            return Reply(f"Sorry: {exc}.")
        return Reply(f"Loaded '{slot}'.\n\n" + outcome_text(self.game.look()))


def play_lines(runner: CommandRunner, lines: Iterable[str], write: Callable[[str], None], echo: bool = False) -> None:
    """The plain loop: feed lines, print replies, stop on quit or end of input."""
    write(runner.opening())
    for raw in lines:
        line = raw.rstrip("\n")
        if echo:
            write(f"> {line}")
        reply = runner.run(line)
        if reply.text:
            write(reply.text)
        if reply.quit:
            return
