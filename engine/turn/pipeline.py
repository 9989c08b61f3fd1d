"""The turn pipeline: input → safety → meta/parse → engine → narrate → state update → record."""

from __future__ import annotations

import threading
import time
from collections.abc import Generator, Iterator
from pathlib import Path

from engine.core.actions import Action
from engine.core.game import Game, Outcome
from engine.parser import parse
from engine.inference.embedder import SentenceEmbedder
from engine.safety import CrisisDetector, OutputGuard, SafetyFlags, crisis_response, sanitize_text
from engine.safety.config import SafetyConfig
from engine.saves import SaveError, SaveStore
from engine.selector import Selector
from engine.turn.authoring import jump, reload_and_replay, set_value, state_json
from engine.turn.cascade import ParseCascade
from engine.turn.config import TurnConfig
from engine.turn.crisis_flow import CrisisFlow, crisis_events
from engine.turn.events import (
    Echo, ModelUsed, NarrationDelta, NarrationDone, NarrationStart, StateChanged, SystemText, TurnDone, TurnEvent,
)
from engine.turn.meta import HELP_TEXT, MetaCommand, parse_meta, parse_rating
from engine.turn.meta_texts import inventory_text, models_text, saves_text, transcript_text
from engine.turn.playtest import rate_turn
from engine.turn.model_step import BackendProvider
from engine.turn.narrate import Narration, Narrator
from engine.turn.opening import opening_events
from engine.turn.records import Journal, TurnRecord, new_turn_id
from engine.turn.replay import ReplayLog
from engine.turn.scene_text import split_outcome
from engine.turn.story_words import aliases_here, grounding_for
from engine.turn.state_update import AppliedUpdate, StateUpdater
from engine.tasks import TaskType
from engine.yamlpos import Problem


class TurnPipeline:
    """Plays one story for one player; every front end drives it the same way."""

    def __init__(self, game: Game, *, selector: Selector, backends: BackendProvider, saves: SaveStore,
                 detector: CrisisDetector, guard: OutputGuard, flags: SafetyFlags, safety: SafetyConfig,
                 config: TurnConfig, journal: Journal, first_run_marker: Path | None = None,
                 matcher: SentenceEmbedder | None = None) -> None:
        self._game = game
        self.selector = selector
        self._backends = backends
        self._saves = saves
        self._detector = detector
        self._flags = flags
        self._safety = safety
        self._config = config
        self.journal = journal
        self._first_run_marker = first_run_marker
        self._guard = guard
        self._narrator = Narrator(selector, backends, guard, grounding_for(game), config)
        self._cascade = ParseCascade(selector, backends, config, matcher)
        self._updater = StateUpdater(selector, backends, config)
        self._stop = threading.Event()
        self._crisis: CrisisFlow | None = None
        self.turns: list[TurnRecord] = []
        self.updates: list[AppliedUpdate] = []
        self.replay = ReplayLog(game.state)
        self._first_text: float | None = None

    # -- the host loop ---------------------------------------------------------------------------------

    @property
    def game(self) -> Game:
        """The game being played (state is authoritative here)."""
        return self._game

    @property
    def backends(self) -> BackendProvider:
        """Where the pipeline gets its models (the model manager)."""
        return self._backends

    @property
    def last_turn(self) -> TurnRecord | None:
        """The most recent advancing turn, which ratings attach to."""
        return self.turns[-1] if self.turns else None

    def opening(self) -> Iterator[TurnEvent]:
        """Content notes, first-run statement, a gentle check-in if flagged, then the first look."""
        yield from opening_events(self._game, self._flags, self._first_run_marker)
        yield from self._show_outcome(self._game.look(), advanced=False)

    def run(self, text: str) -> Iterator[TurnEvent]:
        """Play one turn for `text`; blocking where models run, so front ends call it off the UI thread."""
        started = time.perf_counter()
        self._stop.clear()
        clean = sanitize_text(text, self._safety.max_input_chars)
        yield Echo(clean)
        # 1. Safety comes before everything; nothing from a crisis exchange reaches a model or the journal.
        classification = self._detector.classify(clean)
        if classification.level != "none":
            self._flags.record_crisis(classification.level)
            response = crisis_response(classification, self._safety)
            self._crisis = CrisisFlow(response)
            yield from crisis_events(response, self._crisis)
            return
        if self._crisis is not None:
            events, resume = self._crisis.handle(clean)
            yield from events
            if resume:
                self._crisis = None
                yield from self._show_outcome(self._game.look(), advanced=False)
            return
        self._apply_updates()
        # 2. Meta commands never advance the story and never touch a model.
        meta = parse_meta(clean)
        if meta is not None:
            yield from self._meta(meta)
            return
        if self._game.ended is not None:
            yield SystemText("The story has ended. Type `load` to return to a save, `undo`, or `quit`.", "meta")
            yield TurnDone(None, False)
            return
        if self._game.pending is not None:
            outcome = self._game.answer(clean)
            if outcome.ok:
                self.replay.answer(clean)
                yield from self._finish(clean, outcome, "beat", [], started, narrate=False)
                return
            # Not an answer: beats are invitations, so a clear command simply moves on.
            if parse(clean, self._game).kind != "action":
                yield from self._finish(clean, outcome, "beat", [], started, narrate=False)
                return
        # 3. Parse: rules first, a model only when the rules do not understand.
        decision = self._cascade.parse(clean, self._game)
        yield from decision.used
        if decision.kind == "empty":
            yield TurnDone(None, False)
            return
        if decision.kind != "action" or decision.action is None:
            yield SystemText(decision.message or "I didn't catch that.", "question" if decision.kind == "question"
                             else "rephrase")
            yield TurnDone(None, False, models=decision.used)
            return
        # 4. The engine decides.
        described = self._game.describe(decision.action)
        outcome = self._game.perform(decision.action)
        if outcome.ok:
            self.replay.action(decision.action)
        prompts = {TaskType.TOOL_SELECTION.value: decision.prompt} if decision.prompt else {}
        yield from self._finish(clean, outcome, decision.method, decision.used, started,
                                narrate=outcome.ok, action=decision.action, prompts=prompts, described=described)

    def cancel(self) -> None:
        """Stop the narration in progress (the authored text is shown instead)."""
        self._stop.set()

    def drain(self) -> list[AppliedUpdate]:
        """Wait for background state updates and apply them (tests, quitting, benchmarks)."""
        return self._apply_updates(wait=True)

    def close(self) -> None:
        """Apply what is pending, save, and stop background work."""
        self.drain()
        self._autosave()
        self._updater.close()
        self.selector.flush()

    # -- steps -----------------------------------------------------------------------------------------

    def _finish(self, text: str, outcome: Outcome, method: str, used: list[ModelUsed], started: float, *,
                narrate: bool, action: Action | None = None, prompts: dict[str, str] | None = None,
                described: str | None = None) -> Iterator[TurnEvent]:
        record = TurnRecord(new_turn_id(), self._game.state.turn, text, described, action.key() if action else None,
                            method, outcome.text, models=list(used), prompts=dict(prompts or {}))
        first_token: float | None = None
        narration_first_token: float | None = None
        authored = outcome.text.replace(outcome.beat.prompt, "").strip() if outcome.beat else outcome.text
        parts = split_outcome(authored, self._game.facts().title)
        if narrate and parts.prose:
            if parts.title:
                yield SystemText(parts.title, "info")
            facts = self._game.facts()
            present = [*facts.items, *facts.npcs, *facts.exits.values(), *facts.inventory, facts.title,
                       facts.description, authored, *aliases_here(self._game)]
            recent = [t.narration for t in self.turns[-self._config.history_turns:]] if self._config.history_turns else []
            narration = yield from self._timed(
                self._narrator.narrate(facts, text, parts.prose, present, recent, self._stop,
                                       must_mention=facts.must_mention if outcome.scene_changed else ()), started)
            first_token = self._first_text
            narration_first_token = narration.first_token_at
            record.narration, record.narration_source = narration.text, narration.source
            record.models.append(narration.used)
            record.prompts[TaskType.NARRATIVE_GENERATION.value] = narration.prompt
            yield narration.used
            if parts.structure:
                yield SystemText(parts.structure, "info")
        else:
            yield NarrationStart(None)
            yield NarrationDone(outcome.text, "authored")
            first_token = time.perf_counter() - started
            record.narration = outcome.text
        yield from self._beat(outcome, shown=record.narration)
        yield StateChanged(scene_changed=outcome.scene_changed)
        record.timings = {"first_text_s": first_token or 0.0, "total_s": time.perf_counter() - started}
        if narration_first_token is not None:
            record.timings["first_token_s"] = narration_first_token - started
        advanced = outcome.ok
        if advanced:
            self.turns.append(record)
            self.journal.append(record)
            self._autosave()
            # Proposals only where they can matter (someone is here, or a new place for the memory line):
            # on two cores every background generation slows the next narration.
            if narrate and (outcome.scene_changed or self._game.facts().npcs):
                self._updater.propose(self._game, record.turn_id, record.narration)
        ending = self._game.ended
        yield TurnDone(record.turn_id if advanced else None, advanced, ending.title if ending else None,
                       models=record.models)

    def _show_outcome(self, outcome: Outcome, advanced: bool) -> Iterator[TurnEvent]:
        yield NarrationStart(None)
        yield NarrationDone(outcome.text, "authored")
        yield from self._beat(outcome, shown=outcome.text)
        yield StateChanged(scene_changed=True)
        yield TurnDone(None, advanced)

    def _timed(self, events: Generator[TurnEvent, None, Narration], started: float,
               ) -> Generator[TurnEvent, None, Narration]:
        """Pass narration events through, noting when the first narrated text appeared."""
        self._first_text = None
        while True:
            try:
                event = next(events)
            except StopIteration as stop:
                return stop.value
            if self._first_text is None and isinstance(event, (NarrationDelta, NarrationDone)):
                self._first_text = time.perf_counter() - started
            yield event

    def _beat(self, outcome: Outcome, shown: str) -> Iterator[TurnEvent]:
        """A beat's prompt is authored and always shown as is (never narrated), once."""
        beat = outcome.beat
        if beat is None:
            return
        text = f"({beat.hint})" if beat.prompt.strip() in shown else beat.text
        if text:
            yield SystemText(text, "beat")

    def _apply_updates(self, wait: bool = False) -> list[AppliedUpdate]:
        applied = self._updater.collect(self._game, wait=wait)
        for update in applied:
            self.updates.append(update)
            for turn in reversed(self.turns):
                if turn.turn_id == update.turn_id:
                    turn.state_update = {"model": update.model, "accepted": update.accepted,
                                         "rejected": update.rejected}
                    turn.models.extend(update.used)
                    break
        return applied

    def _autosave(self) -> None:
        try:
            self._saves.save(self._game, "auto")
        except (SaveError, OSError):
            pass  # Autosave must never break play; explicit saves report errors.

    # -- meta commands ---------------------------------------------------------------------------------

    def _meta(self, meta: MetaCommand) -> Iterator[TurnEvent]:
        handlers = {
            "save": lambda: self.save(meta.arg or "quick"),
            "load": lambda: self.load(meta.arg or "quick"),
            "undo": self.undo,
            "rate": lambda: self._rate_command(meta.arg),
            "note": lambda: self.note(meta.arg) if meta.arg else "Usage: note TEXT",
            "hint": self.hint,
            "help": lambda: HELP_TEXT,
            "inventory": lambda: inventory_text(self._game),
            "transcript": lambda: transcript_text(self.turns),
            "saves": lambda: saves_text(self.saves()),
            "models": lambda: models_text(self.last_turn),
        }
        if meta.name == "quit":
            self.close()
            yield SystemText("Your game is saved. Goodbye for now.", "meta")
            yield TurnDone(None, False, quit=True)
            return
        yield SystemText(handlers[meta.name](), "meta")
        if meta.name in {"load", "undo"}:
            yield StateChanged(scene_changed=True)
        yield TurnDone(None, False)

    def save(self, slot: str = "quick") -> str:
        """Save to a named slot."""
        try:
            self._saves.save(self._game, slot)
        except (SaveError, OSError) as exc:
            return f"Could not save: {exc}"
        return f"Saved to slot '{slot}'."

    def load(self, slot: str = "quick") -> str:
        """Load a named slot, replacing the current state."""
        try:
            game = self._saves.load(self._game.story, slot)
        except SaveError as exc:
            return str(exc)
        self._updater.discard()
        self._game = game
        self.replay = ReplayLog(game.state)
        return f"Loaded slot '{slot}'.\n\n{game.look().text}"

    def saves(self) -> list[object]:
        """Saves of this story, newest first."""
        return list(self._saves.list(self._game.story.id))

    def undo(self) -> str:
        """Take back the last turn."""
        self._updater.discard()
        if not self._game.undo():
            return "There is nothing to undo."
        self.replay.undo()
        if self.turns:
            self.turns.pop()
        return "Taken back.\n\n" + self._game.look().text

    def rate(self, rating: int, note: str = "", turn_id: str | None = None) -> str:
        """Attach a 1–5 rating to a turn (default: the last) and feed it to the adaptive selector."""
        turn = self._turn(turn_id)
        if turn is None:
            return "There is no response to rate yet."
        reply = rate_turn(self.selector, turn, rating, note)
        self.journal.append(turn)
        return reply

    def note(self, text: str, turn_id: str | None = None) -> str:
        """Attach a playtester's note to a turn."""
        turn = self._turn(turn_id)
        if turn is None:
            return "There is no response to attach a note to yet."
        turn.notes.append(sanitize_text(text, 2000))
        self.journal.append(turn)
        return "Note saved."

    def hint(self) -> str:
        """A nudge: the story's hint for this scene if it has one, else a few things to try."""
        authored = self._game.hint()
        if authored:
            return authored
        options = [self._game.describe(a) for a in self._game.legal_actions()][:4]
        return "You could try: " + "; ".join(options) + "." if options else "Look around (type `look`)."

    # -- for the model panel and the stats screen --------------------------------------------------------

    def model_status(self) -> list[dict[str, object]]:
        """Loaded models and their memory."""
        loaded = getattr(self._backends, "loaded", None)
        return [{"name": info.name, "memory_mb": info.mb} for info in (loaded() if loaded else [])]

    def stats(self) -> list[dict[str, object]]:
        """Per model × task: selections, success rate, speed, ratings and their trend."""
        return [
            {"model": row.model, "task": row.task, "selections": row.selections, "success_rate": row.success_rate,
             "avg_tok_s": row.tokens_per_s, "mean_rating": row.mean_rating, "ratings": row.ratings,
             "trend": list(row.recent_ratings), "failures": row.failures}
            for row in self.selector.stats()
        ]

    # -- author mode -----------------------------------------------------------------------------------

    def reload_story(self) -> list[Problem]:
        """Reload the story file and replay this session's moves; problems (file:line) when it is invalid."""
        result = reload_and_replay(self._game, self.replay)
        if result.game is None:
            return result.problems
        self._updater.discard()
        self._game = result.game
        self._narrator = Narrator(self.selector, self._backends, self._guard, grounding_for(self._game), self._config)
        if result.stopped_at is not None:
            self.replay.moves = self.replay.moves[: result.replayed]
            return [Problem(str(self._game.story.source_path), 1, 1, f"replay stopped at {result.stopped_at}",
                            "warning")]
        return []

    def author_jump(self, scene: str) -> str:
        """Move to any scene (author mode); the session's replay starts again from there."""
        text = jump(self._game, scene)
        self.replay = ReplayLog(self._game.state)
        return text

    def author_set(self, name: str, value: str) -> str:
        """Set a flag or variable (author mode)."""
        text = set_value(self._game, name, value)
        self.replay = ReplayLog(self._game.state)
        return text

    def state_json(self) -> str:
        """The current GameState as JSON (author mode's inspector)."""
        return state_json(self._game)

    def _rate_command(self, arg: str) -> str:
        rating = parse_rating(arg)
        if rating is None:
            return "Usage: rate 1-5 [note]   (or rate + / rate -)"
        return self.rate(rating.value, rating.note)

    def _turn(self, turn_id: str | None) -> TurnRecord | None:
        if turn_id is None:
            return self.last_turn
        return next((t for t in self.turns if t.turn_id == turn_id), None)
