"""The turn pipeline, the one host loop: input → safety → meta/parse → engine → narrate → state update → record."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

from engine.core.actions import Action
from engine.core.game import Game, Outcome
from engine.saves import Notices, SaveStore
from engine.tasks import TaskType
from engine.turn.authoring import Authoring
from engine.turn.confidence import hostile
from engine.turn.config import TurnConfig
from engine.turn.events import (
    Echo,
    ModelUsed,
    NarrationDone,
    NarrationStart,
    StateChanged,
    SystemText,
    TurnDone,
    TurnEvent,
)
from engine.turn.injection import injection_kind
from engine.turn.meta import MetaCommand, parse_meta
from engine.turn.models import TurnModels
from engine.turn.narration_step import NarrationStep, authored
from engine.turn.offturn import OffTurn, reply_record, route_events
from engine.turn.opening import opening_events
from engine.turn.parse_step import ParseStep
from engine.turn.records import Journal, TurnRecord, new_turn_id
from engine.turn.safety_step import SafetyStep
from engine.turn.session import Session
from engine.turn.session_log import Move, Replied, SessionLog
from engine.turn.views import scene_view


class TurnPipeline:
    """Plays one story for one player; every front end, story test and benchmark drives it the same way.

    With `models` None it plays on the rules alone: no model step runs and no thread is started.
    """

    def __init__(self, game: Game, safety: SafetyStep, config: TurnConfig, *, models: TurnModels | None = None,
                 saves: SaveStore | None = None, journal: Journal | None = None,
                 first_run_marker: Path | None = None, notices: Notices | None = None) -> None:
        self.session = Session(game, SessionLog(game.state, journal), config=config, saves=saves, models=models)
        self.authoring = Authoring(self.session)
        self.models = models
        self._safety = safety
        self._config = config
        self._first_run_marker = first_run_marker
        self._data_notices = notices
        """One-line notices from the data stores (a damaged file moved aside, a failed write), shown once each."""
        self._parse = ParseStep(models.cascade if models else None, config.suggestions)
        self._narration = NarrationStep(models.narrator if models else None, config)
        self._stop = threading.Event()
        self._offturn = OffTurn(models, config)

    @property
    def game(self) -> Game:
        """The game being played (state is authoritative here)."""
        return self.session.game

    def opening(self) -> Iterator[TurnEvent]:
        """Content notes, first-run statement, a gentle check-in if flagged, then the first look."""
        yield from opening_events(self.game, self._safety.flags, self._first_run_marker)
        yield from self._notices()
        yield from self._show(self.game.look())

    def run(self, text: str) -> Iterator[TurnEvent]:
        """Play one turn for `text`; blocking where models run, so front ends call it off the UI thread."""
        started = time.perf_counter()
        self._stop.clear()
        clean = self._safety.clean(text)
        yield Echo(clean)
        yield from self._notices()
        # 1. Safety comes before everything; nothing from a crisis exchange reaches a model or the log.
        held = self._safety.screen(clean)
        if held is not None:
            for event in held.events:
                if isinstance(event, TurnDone) and event.quit:
                    self.close()  # saved first, so what the player reads is true
                    yield SystemText(self.session.save_report(), "info")
                yield event
            if held.resume:
                yield from self._show(self.game.look())
            return
        self.session.apply_updates()
        # 2. Meta commands never advance the story and never touch a model.
        meta = parse_meta(clean)
        if meta is not None:
            yield from self._meta(meta)
            return
        game = self.game
        if game.ended is not None:
            yield SystemText("The story has ended. Type `load` to return to a save, `undo`, or `quit`.", "meta")
            yield TurnDone(None, False)
            return
        # 3. Parse: the rules read the words once; a waiting beat takes them first if they answer it — never a
        # fake turn or markup, nor (but at a reflection) words aimed at the machinery. A reflection's own words
        # ("from now on I'll ignore it") are the player's: stored, thanked in authored words, never sent to a model.
        if game.pending is not None and not hostile(clean) and (
                game.pending.kind == "reflection" or injection_kind(clean) is None):
            waiting = game.pending
            outcome = game.answer(clean)
            if outcome.ok:
                used: list[ModelUsed] = []
                if (waiting.kind == "reflection" and outcome.ending is None
                        and any(e.startswith("reflection:") for e in outcome.events)):
                    # The answer is stored as written; only the thank-you may be a model's (guarded).
                    outcome.text, used = self._offturn.acknowledge(waiting.prompt, clean, outcome.text)
                yield from self._finish(clean, outcome, Move("answer", text=clean), "beat", used, started)
                return
            result = self._parse.rules(clean, game)
            if result.kind != "action":
                yield from self._finish(clean, outcome, None, "beat", [], started)
                return
            # Not an answer: beats are invitations, so a clear command simply moves on.
        else:
            result = self._parse.rules(clean, game)
        # Questions about the game, words for a character, and lines that are no confident action get an
        # answer instead of a parse; nothing of that changes the state, except an authored topic (offturn.py).
        route = self._offturn.route(clean, game, lambda: self._parse.decide(clean, game, result))
        if route.topic is not None:
            outcome = game.discuss(route.topic[0], route.topic[1].id)
            move = Move("topic", text=route.topic[1].id, npc=route.topic[0])
            yield from self._finish(clean, outcome, move, "topic", [], started)
            return
        if route.reply is not None or route.question is not None:
            if route.reply is not None:
                self.session.log.append(Replied(reply_record(clean, route.reply, game, route.band)))
            yield from route_events(route)
            return
        assert route.decision is not None
        decision = route.decision
        yield from decision.used
        if decision.kind == "empty":
            yield TurnDone(None, False)
            return
        if decision.kind != "action" or decision.action is None:
            yield SystemText(decision.message or "I didn't catch that.",
                             "question" if decision.kind == "question" else "rephrase")
            yield TurnDone(None, False, models=decision.used)
            return
        # 4. The engine decides; a reading it refuses as fitting no authored action goes to the models once.
        action = decision.action
        described = game.describe(action)
        outcome = game.perform(action)
        if outcome.refusal == "unmatched":
            second = self._parse.reread(clean, game)
            if second is not None and second.action is not None and self._offturn.acts(second, game):
                decision, action = second, second.action
                yield from second.used
                described = game.describe(action)
                outcome = game.perform(action)
        prompts = {TaskType.TOOL_SELECTION.value: decision.prompt} if decision.prompt else {}
        yield from self._finish(clean, outcome, Move("action", action), decision.method, decision.used,
                                started, action=action, prompts=prompts, described=described)

    def screen_aside(self, text: str) -> list[TurnEvent]:
        """Text typed outside the command line (the note dialog) passes the safety step first, like every
        input: the events to show instead when it is held (the text must then go no further), else []."""
        held = self._safety.screen(self._safety.clean(text), aside=True)
        return list(held.events) if held is not None else []

    def cancel(self) -> None:
        """Stop the narration in progress (the authored text is shown instead)."""
        self._stop.set()

    def close(self) -> None:
        """Stop narration still running (e.g. quitting mid-stream), apply what is pending, save, stop background
        work."""
        self._stop.set()
        self.session.close()

    # -- steps -----------------------------------------------------------------------------------------

    def _finish(self, text: str, outcome: Outcome, move: Move | None, method: str,
                used: list[ModelUsed], started: float, *, action: Action | None = None,
                prompts: dict[str, str] | None = None, described: str | None = None) -> Iterator[TurnEvent]:
        game = self.game
        # The state before this turn: the game's handoff when something happened, else the state as it is.
        before = game.previous if outcome.ok and game.previous is not None else game.state
        record = TurnRecord(new_turn_id(), game.state.turn, text, described, action.key() if action else None,
                            method, outcome.text, models=list(used), prompts=dict(prompts or {}), scene=before.scene)
        narrated = move is not None and move.kind == "action" and outcome.ok
        if narrated:
            yield from self._narration.outcome(game, text, outcome, record, self.session.turns, self._stop, started)
        else:
            yield from authored(outcome.text, record, started)
        yield from self._beat(outcome, shown=record.narration)
        yield StateChanged(outcome.scene_changed, scene_view(game))
        record.timings["total_s"] = time.perf_counter() - started
        if outcome.ok and move is not None:
            # 6. Record last: the turn goes into the session log (and the journal), then the autosave.
            self.session.played(record, move, before)
            yield from self._notices()  # e.g. the autosave just found the saves file damaged, or the disk full
            # 5. A state-update proposal only where it can matter (someone is here, or a new place for the
            # memory line): on two cores every background generation slows the next narration.
            if narrated and self.models is not None and (outcome.scene_changed or game.facts().npcs):
                self.models.updater.propose(game, record.turn_id, record.narration)
        ending = game.ended
        acted = (action.key() if action is not None else move.kind) if move is not None else None
        yield TurnDone(record.turn_id if outcome.ok else None, outcome.ok, ending.title if ending else None,
                       models=record.models, acted=acted)

    def _notices(self) -> Iterator[TurnEvent]:
        for text in self._data_notices.drain() if self._data_notices is not None else []:
            yield SystemText(text, "info")

    def _show(self, outcome: Outcome) -> Iterator[TurnEvent]:
        yield NarrationStart(None)
        yield NarrationDone(outcome.text, "authored")
        yield from self._beat(outcome, shown=outcome.text)
        yield StateChanged(True, scene_view(self.game))
        yield TurnDone(None, False)

    def _beat(self, outcome: Outcome, shown: str) -> Iterator[TurnEvent]:
        """A beat's prompt is authored and always shown as is (never narrated), once."""
        beat = outcome.beat
        if beat is None:
            return
        text = f"({beat.hint})" if beat.prompt.strip() in shown else beat.text
        if text:
            yield SystemText(text, "beat")

    def _meta(self, meta: MetaCommand) -> Iterator[TurnEvent]:
        if meta.name == "quit":
            self.close()
            farewell = self.session.save_report()
            yield SystemText(farewell, "meta")
            yield TurnDone(None, False, quit=True)
            return
        yield SystemText(self.session.reply(meta), "meta")
        yield from self._notices()  # what the command found (a damaged saves file, a full disk)
        if meta.name in {"load", "undo"}:
            yield StateChanged(True, scene_view(self.game))
        yield TurnDone(None, False)
