"""Game: one story being played — perform actions, answer beats, undo, and accept bounded model updates."""

from __future__ import annotations

import random
from collections import deque

from pydantic import BaseModel, ConfigDict, Field, create_model

from engine.core.actions import Action
from engine.core.outcome import BeatPrompt, Outcome, SceneFacts, TranscriptEntry, UpdateResult
from engine.core.rules.world import enter_scene, open_exits, things_here
from engine.core.rules.beats import answer_beat, prompt_for
from engine.core.rules.text import describe_action, name_of, scene_text, with_notes
from engine.core.rules.verbs import authored_legal, builtin_legal, perform_rules
from engine.core.state import GameState
from engine.story.model import Ending, Story

UNDO_DEPTH = 50

__all__ = ["Action", "BeatPrompt", "Game", "GameError", "Outcome", "SceneFacts", "TranscriptEntry", "UpdateResult"]


class GameError(ValueError):
    """A state that does not fit its story (wrong story, unknown scene or thing)."""


class Game:
    """A story plus its one mutable state; the engine decides what is true."""

    def __init__(self, story: Story, state: GameState) -> None:
        self.story = story
        self.state = state
        self.transcript: list[TranscriptEntry] = []
        self._history: deque[GameState] = deque(maxlen=UNDO_DEPTH)

    @classmethod
    def new(cls, story: Story, seed: int | None = None, scene: str | None = None) -> Game:
        """Start the story (at `scene` if given, for authors); the opening scene counts as entered."""
        if scene is not None and scene not in story.scenes:
            raise GameError(f"unknown scene '{scene}'; scenes are: {', '.join(story.scenes)}")
        chosen = seed if seed is not None else random.SystemRandom().randrange(2**31)
        state = GameState.initial(story, chosen, scene)
        enter_scene(story, state, state.scene)
        return cls(story, state)

    @classmethod
    def from_state(cls, story: Story, state: GameState) -> Game:
        """Resume `state`, after checking that it belongs to `story`."""
        if state.story_id != story.id:
            raise GameError(f"this state belongs to story '{state.story_id}', not '{story.id}'")
        if state.scene not in story.scenes:
            raise GameError(f"the state is in scene '{state.scene}', which this story does not have")
        unknown = set(state.locations) - set(story.items) - set(story.npcs)
        if unknown:
            raise GameError(f"the state mentions things this story does not have: {', '.join(sorted(unknown))}")
        return cls(story, state)

    # -- reading -------------------------------------------------------------------------------------------

    @property
    def pending(self) -> BeatPrompt | None:
        """A beat awaiting the player's answer, if any."""
        return prompt_for(self.state.beats[0]) if self.state.beats else None

    @property
    def ended(self) -> Ending | None:
        """The ending reached, if the story is over."""
        return self.story.endings.get(self.state.ending) if self.state.ending else None

    def legal_actions(self) -> list[Action]:
        """Every action that would succeed right now (none once the story has ended)."""
        if self.state.ending:
            return []
        found = authored_legal(self.story, self.state) + builtin_legal(self.story, self.state)
        return list(dict.fromkeys(found))

    def describe(self, action: Action) -> str:
        """Plain English for an action, e.g. "take the brass key", "go north to the Garden"."""
        return describe_action(self.story, self.state, action)

    def facts(self) -> SceneFacts:
        """What narration may mention about the current scene."""
        story, state = self.story, self.state
        scene = story.scenes[state.scene]
        here = things_here(state)
        return SceneFacts(
            scene_id=scene.id,
            title=scene.title,
            description=with_notes(scene.text, scene.notes, state),
            items=[story.items[t].name for t in here if t in story.items],
            exits={d: story.scenes[e.to].title for d, e in open_exits(story, state).items()},
            npcs=[story.npcs[t].name for t in here if t in story.npcs],
            tone=scene.tone,
            must_mention=list(scene.must_mention),
            inventory=[name_of(story, t) for t in state.inventory],
        )

    def hint(self) -> str | None:
        """The current scene's authored hint, if it has one."""
        return self.story.scenes[self.state.scene].hint

    # -- changing ------------------------------------------------------------------------------------------

    def look(self) -> Outcome:
        """Describe the current scene (does not take a turn)."""
        return Outcome(ok=True, text=scene_text(self.story, self.state), action=Action(verb="look"),
                       ending=self.ended, beat=self.pending)

    def perform(self, action: Action) -> Outcome:
        """Verify, check and apply one action; an illegal one returns ok=False with the reason, never raises."""
        if self.state.ending:
            return self._record(action.key(), Outcome(ok=False, text="The story has ended.", action=action,
                                                       ending=self.ended))
        before = self.state.model_copy(deep=True)
        # Acting instead of answering lets pending beats go: they are invitations, never gates.
        self.state.beats.clear()
        outcome = perform_rules(self.story, self.state, action)
        if not outcome.ok:
            self.state = before
            return self._record(action.key(), outcome)
        self._history.append(before)
        self.state.turn += 1
        if action.obj is not None and action.obj in self.state.locations:
            self.state.last_object = action.obj
        return self._record(action.key(), self._finish(outcome))

    def answer(self, text: str) -> Outcome:
        """Answer the pending beat: a mood 1-5, 'next'/'stop' in an exercise, or free reflection text."""
        if not self.state.beats:
            return Outcome(ok=False, text="Nothing is waiting for an answer just now.")
        before = self.state.model_copy(deep=True)
        outcome = answer_beat(self.state, text)
        if outcome.ok:
            self._history.append(before)
            outcome = self._finish(outcome)
        return self._record(f"answer: {text}", outcome)

    def undo(self) -> bool:
        """Step back one turn (up to 50); False when there is nothing to undo."""
        if not self._history:
            return False
        self.state = self._history.pop()
        self.transcript.append(TranscriptEntry(turn=self.state.turn, command="undo", text="(undone)"))
        return True

    def _finish(self, outcome: Outcome) -> Outcome:
        ending = self.ended
        if ending is not None:
            self.state.beats.clear()
            outcome.text = f"{outcome.text}\n\n*** {ending.title} ***\n\n{ending.text.strip()}"
            outcome.ending = ending
        outcome.beat = outcome.beat or self.pending
        return outcome

    def _record(self, command: str, outcome: Outcome) -> Outcome:
        self.transcript.append(TranscriptEntry(turn=self.state.turn, command=command, text=outcome.text))
        return outcome

    # -- model updates -------------------------------------------------------------------------------------

    def model_update_schema(self) -> type[BaseModel]:
        """A pydantic model of what a model may propose: declared vars within range, and a memory line."""
        rules = self.story.model_updates
        fields: dict[str, object] = {
            name: (int | None, Field(None, ge=rule.min, le=rule.max,
                                     description=f"new value of {name}; change by at most {rule.max_change}"))
            for name, rule in rules.vars.items()
        }
        if rules.memory is not None:
            fields["memory"] = (str | None, Field(None, max_length=rules.memory.max_length,
                                                  description="one short line the story should remember"))
        return create_model("ModelUpdate", __config__=ConfigDict(extra="forbid"), **fields)  # type: ignore[call-overload]

    def apply_model_update(self, update: dict) -> UpdateResult:
        """Apply the allowed parts of a proposed update; everything else is rejected with a reason."""
        result = UpdateResult()
        rules = self.story.model_updates
        for name, value in update.items():
            if value is None:
                continue
            if name == "memory" and rules.memory is not None:
                if not isinstance(value, str):
                    result.rejected[name] = "memory must be text"
                elif len(value) > rules.memory.max_length:
                    result.rejected[name] = f"memory is longer than {rules.memory.max_length} characters"
                else:
                    self.state.memory = value.strip()
                    result.accepted[name] = self.state.memory
                continue
            rule = rules.vars.get(name)
            if rule is None:
                result.rejected[name] = "not something a model may change"
            elif isinstance(value, bool) or not isinstance(value, int):
                result.rejected[name] = "must be a whole number"
            elif not rule.min <= value <= rule.max:
                result.rejected[name] = f"must be between {rule.min} and {rule.max}"
            elif abs(value - self.state.vars.get(name, 0)) > rule.max_change:
                result.rejected[name] = f"may change by at most {rule.max_change} per turn"
            else:
                self.state.vars[name] = value
                result.accepted[name] = value
        return result
