"""The state-update step: a model proposes JSON in the background; the engine accepts only what it allows
(engine/core/rules/updates.py: vars in range and step, a memory line of real words, no "change" to the same value)."""

from __future__ import annotations

import threading
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field

from pydantic import BaseModel

from engine.core.game import Game, SceneFacts
from engine.inference.base import Backend, GenerationRequest, Response
from engine.inference.config import GenParams
from engine.selector import Selector
from engine.tasks import TaskType
from engine.turn.config import TurnConfig
from engine.turn.events import ModelUsed
from engine.turn.model_step import BackendProvider, run_step
from engine.turn.records import AppliedUpdate
from engine.turn.step_prompts import state_update_prompt

CLOSE_JOIN_S = 5.0
"""Longest a close waits for a stopped proposal's thread (a model stops within one token)."""


@dataclass
class Proposal:
    """A model's proposed update for one turn, not yet applied."""

    turn_id: str
    values: dict[str, object]
    model: str | None
    used: list[ModelUsed] = field(default_factory=list)
    prompt: str = ""


def acceptance(updates: list[AppliedUpdate]) -> tuple[int, int, int, int]:
    """(proposed, accepted, unchanged, rejected) fields over a session's model proposals."""
    proposed = [u for u in updates if u.model is not None]
    accepted = sum(len(u.accepted) for u in proposed)
    unchanged = sum(len(u.unchanged) for u in proposed)
    rejected = sum(len(u.rejected) for u in proposed)
    return accepted + unchanged + rejected, accepted, unchanged, rejected


class StateUpdater:
    """Runs proposals on one background thread so they never delay the next input."""

    def __init__(self, selector: Selector, backends: BackendProvider, config: TurnConfig) -> None:
        self._selector = selector
        self._backends = backends
        self._config = config
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tta-state-update")
        self._pending: list[Future[Proposal | None]] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        """Set on quit: a running proposal stops within a token, so exit never waits on a model."""

    def propose(self, game: Game, turn_id: str, narration: str) -> None:
        """Start a proposal for this turn (no-op when the story allows no model updates)."""
        if not self._config.state_update:
            return
        schema = game.model_update_schema()
        if not schema.model_fields:
            return
        facts = game.facts()
        current: dict[str, object] = {name: game.state.vars.get(name) for name in schema.model_fields
                                      if name in game.state.vars}
        future = self._executor.submit(self._run, schema, facts, narration, current, turn_id)
        with self._lock:
            self._pending.append(future)

    def collect(self, game: Game, wait: bool = False) -> list[AppliedUpdate]:
        """Apply finished proposals to the game (on the caller's thread); optionally wait for all."""
        with self._lock:
            pending = list(self._pending)
        applied: list[AppliedUpdate] = []
        for future in pending:
            if not wait and not future.done():
                continue
            proposal = future.result()
            with self._lock:
                self._pending.remove(future)
            if proposal is None:
                continue
            result = game.apply_model_update(proposal.values)
            applied.append(AppliedUpdate(proposal.turn_id, proposal.model, dict(result.accepted),
                                         dict(result.rejected), proposal.used, list(result.unchanged)))
        return applied

    def discard(self) -> None:
        """Forget proposals made for a state that no longer exists (undo, load)."""
        with self._lock:
            for future in self._pending:
                future.cancel()
            self._pending.clear()

    def stop(self, grace_s: float) -> None:
        """Give running proposals `grace_s` to finish, then stop them (within a token) and wait for that,
        so a quit is prompt and no model call is left decoding when the interpreter exits."""
        with self._lock:
            pending = list(self._pending)
        wait(pending, timeout=grace_s)
        self._stop.set()
        wait(pending, timeout=grace_s)

    def close(self) -> None:
        """Stop the background thread (a running proposal is stopped, and joined up to a few seconds)."""
        with self._lock:
            pending = list(self._pending)
        self._stop.set()
        self.discard()
        self._executor.shutdown(wait=False, cancel_futures=True)
        wait(pending, timeout=CLOSE_JOIN_S)

    def _run(self, schema: type[BaseModel], facts: SceneFacts, narration: str, current: dict[str, object],
             turn_id: str) -> Proposal | None:
        prompt = state_update_prompt(facts, narration, list(schema.model_fields), current)

        def call(backend: Backend, params: GenParams) -> Response:
            request = GenerationRequest(prompt=prompt, params=params, task=TaskType.STRUCTURED_OUTPUT,
                                        stop=self._stop,
                                        timeout_s=self._config.state_update_timeout_s)
            return backend.generate_json(request, schema)

        def judge(response: Response) -> str | None:
            return None if isinstance(response.parsed, schema) else "invalid"

        step = run_step(self._selector, self._backends, TaskType.STRUCTURED_OUTPUT, call, judge,
                        structured_output=True)
        if step.response is None or step.response.parsed is None:
            return Proposal(turn_id, {}, None, step.used, prompt) if step.used else None
        values = step.response.parsed.model_dump(exclude_none=True)
        return Proposal(turn_id, values, step.model, step.used, prompt)
