"""The session log: one append-only list of typed entries from which undo, replay and the transcript derive."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

from engine.core.actions import Action
from engine.core.state import GameState
from engine.turn.records import AppliedUpdate, Journal, TurnRecord

UNDO_DEPTH = 50
"""How many turns back undo reaches; older turns keep their place in the log but no longer their state."""


@dataclass(frozen=True)
class Move:
    """One state-changing move, resolved (so replay needs no model): an action, a beat answer, or a topic."""

    kind: Literal["action", "answer", "topic"]
    action: Action | None = None
    text: str = ""
    """The answer's text, or the topic's id."""
    npc: str | None = None


StartReason = Literal["new", "load", "jump", "set"]


@dataclass(frozen=True)
class Started:
    """Play (re)starts from `state`: a new game, a load, an author's jump or set. Replay begins here."""

    reason: StartReason
    state: GameState


@dataclass
class Played:
    """An advancing turn: its record, the move, and the state before it (for undo; None past the undo depth)."""

    record: TurnRecord
    move: Move
    before: GameState | None


@dataclass(frozen=True)
class UpdateApplied:
    """A background state update's result, applied to the game now."""

    update: AppliedUpdate


@dataclass(frozen=True)
class Rated:
    """A playtester's 1-5 rating of a turn."""

    turn_id: str
    rating: int
    note: str = ""


@dataclass(frozen=True)
class Noted:
    """A playtester's note on a turn."""

    turn_id: str
    text: str


@dataclass(frozen=True)
class Undone:
    """The turn was taken back."""

    turn_id: str


@dataclass(frozen=True)
class Replied:
    """A line that was no move got a reply (an engine answer, the story's line, or improvised text, marked)."""

    record: TurnRecord


Entry = Started | Played | UpdateApplied | Rated | Noted | Undone | Replied


class SessionLog:
    """Keeps every entry in order (and writes it to the journal); the views below are derived from them."""

    def __init__(self, start: GameState, journal: Journal | None = None) -> None:
        self.journal = journal
        self.entries: list[Entry] = []
        self._live: list[Played] = []
        """Advancing turns not taken back, oldest first."""
        self._segment = 0
        """Index in `_live` of the first turn since the last Started: undo and replay stop there."""
        self._start = start
        self.append(Started("new", start.snapshot()))

    def append(self, entry: Entry) -> bool:
        """Record one entry; the derived views follow it. False when the journal could not write it
        (the entry is kept for this session; `journal.error` says why)."""
        if isinstance(entry, Started):
            self._start, self._segment = entry.state, len(self._live)
        elif isinstance(entry, Played):
            self._live.append(entry)
            if len(self._live) > UNDO_DEPTH:
                self._live[-UNDO_DEPTH - 1].before = None
        elif isinstance(entry, UpdateApplied):
            self._on_update(entry.update)
        elif isinstance(entry, Rated | Noted):
            record = self.turn(entry.turn_id)
            if record is not None and isinstance(entry, Rated):
                record.rating = entry.rating
            note = entry.note if isinstance(entry, Rated) else entry.text
            if record is not None and note:
                record.notes.append(note)
        self.entries.append(entry)
        return self.journal.write(journal_entry(entry)) if self.journal is not None else True

    def undo(self) -> GameState | None:
        """Take back the last turn since play (re)started: the state before it, or None."""
        if len(self._live) <= self._segment or self._live[-1].before is None:
            return None
        played = self._live.pop()
        self.append(Undone(played.record.turn_id))
        return played.before

    # -- derived views ---------------------------------------------------------------------------------

    @property
    def turns(self) -> list[TurnRecord]:
        """The advancing turns not taken back (the transcript)."""
        return [played.record for played in self._live]

    @property
    def last_turn(self) -> TurnRecord | None:
        """The most recent advancing turn, which ratings attach to."""
        return self._live[-1].record if self._live else None

    def turn(self, turn_id: str) -> TurnRecord | None:
        """A turn not taken back, by id."""
        return next((p.record for p in reversed(self._live) if p.record.turn_id == turn_id), None)

    def replay(self) -> tuple[GameState, list[Move]]:
        """Where play last (re)started and the moves made since, for an author's reload."""
        return self._start.snapshot(), [p.move for p in self._live[self._segment:]]

    def rebase(self, befores: list[GameState], stopped: bool) -> None:
        """After a reload replayed the first len(befores) moves: their undo states are the new story's; a
        replay that stopped takes the moves it could not play back."""
        moves = self._live[self._segment:]
        for played, before in zip(moves, befores, strict=False):
            played.before = before
        if stopped:
            for _ in moves[len(befores):]:
                self.append(Undone(self._live.pop().record.turn_id))

    def updates(self) -> list[AppliedUpdate]:
        """Every state update applied this session, in order."""
        return [entry.update for entry in self.entries if isinstance(entry, UpdateApplied)]

    def _on_update(self, update: AppliedUpdate) -> None:
        record = self.turn(update.turn_id)
        if record is not None:
            record.state_update = {"model": update.model, "accepted": update.accepted, "rejected": update.rejected}
            record.models.extend(update.used)


def journal_entry(entry: Entry) -> dict[str, object]:
    """One entry as a JSON-ready dict with its `type`; what later entries fill in is not written twice."""
    if isinstance(entry, Started):
        return {"type": "started", "reason": entry.reason, "scene": entry.state.scene, "turn": entry.state.turn}
    if isinstance(entry, Played):
        record = asdict(entry.record)
        for later in ("state_update", "rating", "notes"):
            record.pop(later)
        return {"type": "turn", **record}
    if isinstance(entry, UpdateApplied):
        return {"type": "update_applied", **asdict(entry.update)}
    if isinstance(entry, Rated):
        return {"type": "rated", "turn_id": entry.turn_id, "rating": entry.rating, "note": entry.note}
    if isinstance(entry, Noted):
        return {"type": "noted", "turn_id": entry.turn_id, "text": entry.text}
    if isinstance(entry, Replied):
        return {"type": "reply", **asdict(entry.record)}
    return {"type": "undone", "turn_id": entry.turn_id}
