"""Game: one story being played — perform actions, answer beats, and accept bounded model updates.

The session's history (undo, replay, transcript) is kept by the turn layer's session log, not here.
"""

from __future__ import annotations

import random

from pydantic import BaseModel, ConfigDict, Field, create_model

from engine.core.actions import Action
from engine.core.outcome import BeatPrompt, Outcome, SceneFacts, UpdateResult
from engine.core.rules.beats import answer_beat, prompt_for
from engine.core.rules.text import describe_action, name_of, scene_text, with_notes
from engine.core.rules.topics import discuss_topic
from engine.core.rules.updates import apply_update
from engine.core.rules.verbs import authored_legal, builtin_legal, perform_rules
from engine.core.rules.world import enter_scene, open_exits, things_here
from engine.core.state import GameState
from engine.story.model import Ending, Story

__all__ = ["Action", "BeatPrompt", "Game", "GameError", "Outcome", "SceneFacts", "UpdateResult"]


class GameError(ValueError):
    """A state that does not fit its story (wrong story, unknown scene or thing)."""


class Game:
    """A story plus its one mutable state; the engine decides what is true."""

    def __init__(self, story: Story, state: GameState) -> None:
        self.story = story
        self.state = state
        self.previous: GameState | None = None
        """The state before the last change that happened (perform, answer, discuss): the caller's to keep for
        undo. The game itself keeps no history."""

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
            return Outcome(ok=False, text="The story has ended.", action=action, ending=self.ended, refusal="ended")
        before = self.state.snapshot()
        # Acting instead of answering lets pending beats go: they are invitations, never gates.
        self.state.beats.clear()
        outcome = perform_rules(self.story, self.state, action)
        if not outcome.ok:
            self.state = before
            return outcome
        self.previous = before
        self.state.turn += 1
        if action.obj is not None and action.obj in self.state.locations:
            self.state.last_object = action.obj
        return self._finish(outcome)

    def discuss(self, npc: str, topic_id: str) -> Outcome:
        """Say an authored conversation topic of `npc`; its effects apply, and it can be undone like an action."""
        if self.state.ending:
            return Outcome(ok=False, text="The story has ended.", ending=self.ended, refusal="ended")
        before = self.state.snapshot()
        self.state.beats.clear()
        outcome = discuss_topic(self.story, self.state, npc, topic_id)
        if not outcome.ok:
            self.state = before
            return outcome
        self.previous = before
        self.state.turn += 1
        return self._finish(outcome)

    def answer(self, text: str) -> Outcome:
        """Answer the pending beat: a mood 1-5, 'next'/'stop' in an exercise, or free reflection text."""
        if not self.state.beats:
            return Outcome(ok=False, text="Nothing is waiting for an answer just now.", refusal="answer")
        before = self.state.snapshot()
        outcome = answer_beat(self.state, text)
        if not outcome.ok:
            return outcome
        self.previous = before
        return self._finish(outcome)

    def restore(self, state: GameState) -> None:
        """Go back to an earlier state of this story (undo); the caller keeps the history."""
        self.state = state

    def _finish(self, outcome: Outcome) -> Outcome:
        ending = self.ended
        if ending is not None:
            self.state.beats.clear()
            outcome.text = f"{outcome.text}\n\n*** {ending.title} ***\n\n{ending.text.strip()}"
            outcome.ending = ending
        outcome.beat = outcome.beat or self.pending
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
        # create_model's overloads cannot see field definitions built at run time.
        schema: type[BaseModel] = create_model(  # type: ignore[call-overload]
            "ModelUpdate", __config__=ConfigDict(extra="forbid"), **fields
        )
        return schema

    def apply_model_update(self, update: dict[str, object]) -> UpdateResult:
        """Apply the allowed parts of a proposed update; everything else is rejected with a reason."""
        return apply_update(self.story, self.state, update)
