"""Session operations that never advance the story: save, load, undo, rate, note, hint, stats, model status."""

from __future__ import annotations

from collections.abc import Callable

from engine.core.game import Game
from engine.core.rules.verbs import HELP_TEXT
from engine.core.state import GameState
from engine.safety import sanitize_text
from engine.saves import SaveError, SaveStore
from engine.selector.report import StatsRow
from engine.turn.config import TurnConfig
from engine.turn.events import StateChanged
from engine.turn.meta import MetaCommand, parse_rating
from engine.turn.meta_texts import inventory_text, models_text, saves_text, transcript_text
from engine.turn.models import TurnModels
from engine.turn.playtest import rate_models, rated_text
from engine.turn.records import AppliedUpdate, TurnRecord
from engine.turn.session_log import Move, Noted, Played, Rated, SessionLog, Started, StartReason, UpdateApplied
from engine.turn.views import LoadedModel, SaveRow, save_rows, scene_view

AUTOSAVE_SLOT = "auto"
NOTE_MAX_CHARS = 2000
QUIT_GRACE_S = 2.0
"""How long quitting waits for a background state update before stopping it."""


class Session:
    """One player's game and its session log; every change to either goes through here or the pipeline."""

    def __init__(self, game: Game, log: SessionLog, *, config: TurnConfig, saves: SaveStore | None = None,
                 models: TurnModels | None = None) -> None:
        self.game = game
        self.log = log
        self._config = config
        self._saves = saves
        self._models = models
        self.autosave_error: str | None = None
        """Why the last autosave failed (None: it worked, or none was tried)."""
        self.autosaved_turn: int | None = None
        """The turn the last successful autosave of this session holds."""

    # -- what the pipeline records ---------------------------------------------------------------------

    @property
    def turns(self) -> list[TurnRecord]:
        """The advancing turns not taken back."""
        return self.log.turns

    @property
    def last_turn(self) -> TurnRecord | None:
        """The most recent advancing turn, which ratings attach to."""
        return self.log.last_turn

    def played(self, record: TurnRecord, move: Move, before: GameState) -> None:
        """Record an advancing turn, then autosave."""
        self.log.append(Played(record, move, before))
        self.autosave()

    def apply_updates(self, wait: bool = False) -> list[AppliedUpdate]:
        """Apply finished background state updates (all of them, waiting, with `wait`), each logged."""
        if self._models is None:
            return []
        applied = self._models.updater.collect(self.game, wait=wait)
        for update in applied:
            self.log.append(UpdateApplied(update))
        return applied

    def drain(self) -> list[AppliedUpdate]:
        """Wait for background state updates and apply them (quitting, benchmarks, tests)."""
        return self.apply_updates(wait=True)

    def restart(self, game: Game, reason: StartReason) -> None:
        """Play goes on from `game` (a load, an author's jump or set): proposals for the old state are dropped."""
        if self._models is not None:
            self._models.updater.discard()
        self.game = game
        self.log.append(Started(reason, game.state.snapshot()))

    def restart_story(self, game: Game) -> None:
        """An author reloaded the story and the session's moves were replayed onto `game`: play goes on there."""
        if self._models is not None:
            self._models.updater.discard()
        self.game = game

    def changed(self, scene_changed: bool = True) -> StateChanged:
        """The event that refreshes front ends after an operation that changed the state."""
        return StateChanged(scene_changed, scene_view(self.game))

    def autosave(self) -> str | None:
        """Save to the autosave slot, when configured; never breaks play. Returns why it failed, if it did
        (the save store also tells the player once, through its notices)."""
        if self._saves is None or not self._config.autosave:
            return None
        try:
            self._saves.save(self.game, AUTOSAVE_SLOT)
        except (SaveError, OSError) as exc:
            self.autosave_error = str(exc)
            return self.autosave_error
        self.autosave_error = None
        self.autosaved_turn = self.game.state.turn
        return None

    @property
    def saved_on_quit(self) -> bool:
        """Whether quitting keeps the game (so the goodbye may say so): autosave is on and its last try worked."""
        return self._saves is not None and self._config.autosave and self.autosave_error is None

    def save_report(self) -> str:
        """What quitting leaves behind, honestly: saved, or what failed and what is still safe."""
        if self._saves is None or not self._config.autosave:
            return "Goodbye for now."
        if self.autosave_error is None:
            return "Your game is saved. Goodbye for now."
        safe = (f"The autosave from turn {self.autosaved_turn} is still safe." if self.autosaved_turn is not None
                else "Saves made before this session are untouched.")
        return f"Your game could NOT be saved: {self.autosave_error}. {safe} Goodbye for now."

    def close(self) -> None:
        """Apply what is pending, save, and stop background work; prompt even while a model runs (a state
        update still running after QUIT_GRACE_S is stopped, and the game is saved without it)."""
        if self._models is not None:
            self._models.updater.stop(QUIT_GRACE_S)
        self.drain()
        self.autosave()
        if self._models is not None:
            self._models.close()

    # -- meta commands ---------------------------------------------------------------------------------

    def reply(self, meta: MetaCommand) -> str:
        """The reply to a meta command other than quit."""
        handlers: dict[str, Callable[[], str]] = {
            "save": lambda: self.save(meta.arg or "quick"),
            "load": lambda: self.load(meta.arg or "quick"),
            "undo": self.undo,
            "rate": lambda: self._rate_command(meta.arg),
            "note": lambda: self.note(meta.arg) if meta.arg else "Usage: note: TEXT",
            "hint": self.hint,
            "help": lambda: HELP_TEXT,
            "inventory": lambda: inventory_text(self.game),
            "transcript": lambda: transcript_text(self.turns),
            "saves": self._saves_text,
            "models": lambda: models_text(self.last_turn),
        }
        return handlers[meta.name]()

    def save(self, slot: str = "quick") -> str:
        """Save to a named slot."""
        if self._saves is None:
            return "Saving is not available here."
        try:
            self._saves.save(self.game, slot)
        except (SaveError, OSError) as exc:
            return f"Could not save to slot '{slot}': {exc}. Your earlier saves are untouched."
        return f"Saved to slot '{slot}'."

    def load(self, slot: str = "quick") -> str:
        """Load a named slot, replacing the current state."""
        if self._saves is None:
            return "Saving is not available here."
        try:
            game = self._saves.load(self.game.story, slot)
        except SaveError as exc:
            return f"Sorry: {exc}."
        self.restart(game, "load")
        return f"Loaded slot '{slot}'.\n\n{game.look().text}"

    def saves(self) -> list[SaveRow]:
        """Saves of this story, newest first."""
        if self._saves is None:
            return []
        return save_rows(self.game, self._saves.list(self.game.story.id))

    def undo(self) -> str:
        """Take back the last turn."""
        if self._models is not None:
            self._models.updater.discard()
        before = self.log.undo()
        if before is None:
            return "There is nothing to undo."
        self.game.restore(before)
        return "Undone.\n\n" + self.game.look().text

    def rate(self, rating: int, note: str = "", turn_id: str | None = None) -> str:
        """Attach a 1–5 rating to a turn (default: the last) and feed it to the adaptive selector."""
        turn = self._turn(turn_id)
        if turn is None:
            return "There is no response to rate yet."
        clean = sanitize_text(note, NOTE_MAX_CHARS)
        try:
            rated = rate_models(self._models.selector if self._models else None, turn, rating, clean)
        except OSError as exc:  # the ratings file refused the write: say so, nothing else is affected
            self.log.append(Rated(turn.turn_id, rating, clean))
            return (f"Could not save the rating: {exc.strerror or exc}. It counts for this session only; "
                    "your game and earlier ratings are unaffected.")
        if not self.log.append(Rated(turn.turn_id, rating, clean)) and clean:
            return f"{rated_text(rating, rated)} (The note could not be written: {self._journal_error()}.)"
        return rated_text(rating, rated)

    def note(self, text: str, turn_id: str | None = None) -> str:
        """Attach a playtester's note to a turn."""
        turn = self._turn(turn_id)
        if turn is None:
            return "There is no response to attach a note to yet."
        if not self.log.append(Noted(turn.turn_id, sanitize_text(text, NOTE_MAX_CHARS))):
            return (f"Could not save the note: {self._journal_error()}. It is kept for this session only "
                    "(`transcript` shows it); your game is unaffected.")
        return "Note saved."

    def hint(self) -> str:
        """A nudge: the story's hint for this scene if it has one, else a few things to try."""
        authored = self.game.hint()
        if authored:
            return authored
        options = [self.game.describe(a) for a in self.game.legal_actions()][:4]
        return "You could try: " + "; ".join(options) + "." if options else "Look around (type `look`)."

    # -- for the model panel and the stats screen --------------------------------------------------------

    def model_status(self) -> list[LoadedModel]:
        """Loaded models and their memory."""
        return self._models.loaded() if self._models is not None else []

    def stats(self) -> list[StatsRow]:
        """Per model × task: selections, success rate, speed, ratings and their trend."""
        return self._models.selector.stats() if self._models is not None else []

    def _rate_command(self, arg: str) -> str:
        rating = parse_rating(arg)
        if rating is None:
            return "Usage: rate 1-5 [note]   (or rate + / rate -)"
        return self.rate(rating.value, rating.note)

    def _saves_text(self) -> str:
        try:
            return saves_text(self.saves())
        except SaveError as exc:  # e.g. the file is locked or unreadable: say so, play goes on
            return f"Could not list the saves: {exc}."

    def _journal_error(self) -> str:
        journal = self.log.journal
        return f"{journal.path.name} could not be written ({journal.error})" if journal else "no transcript"

    def _turn(self, turn_id: str | None) -> TurnRecord | None:
        if turn_id is None:
            return self.last_turn
        return self.log.turn(turn_id)
