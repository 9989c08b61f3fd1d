"""Conversation topics: the authored answer to `ask/tell NAME about ...`, with its conditions and effects."""

from __future__ import annotations

from engine.core.outcome import Outcome
from engine.core.rules.text import scene_text, the
from engine.core.rules.world import all_hold, apply_effects, in_scope
from engine.core.state import GameState
from engine.story.conversation import Topic
from engine.story.model import Story


def open_topics(story: Story, state: GameState, npc_id: str) -> list[Topic]:
    """The character's topics that may be said now (conditions hold, `once` topics not yet said)."""
    npc = story.npcs.get(npc_id)
    if npc is None:
        return []
    return [t for t in npc.topics if all_hold(t.when, state) and not (t.once and t.id in state.done)]


def discuss_topic(story: Story, state: GameState, npc_id: str, topic_id: str) -> Outcome:
    """Say one topic (mutating the state only when it can be said)."""
    if npc_id not in story.npcs or not in_scope(state, npc_id):
        return Outcome(ok=False, refusal="rule", text="There is no one here by that name.")
    topic = next((t for t in open_topics(story, state, npc_id) if t.id == topic_id), None)
    if topic is None:
        return Outcome(ok=False, refusal="rule", text=f"{the(story, npc_id)} has nothing to say about that just now.")
    if topic.once:
        state.done.append(topic.id)
    scene_before = state.scene
    events = [f"talked:{npc_id}", f"did:{topic.id}", *apply_effects(story, state, topic.effects)]
    text = topic.text.strip()
    changed = state.scene != scene_before
    if changed:
        text = f"{text}\n\n{scene_text(story, state)}"
    return Outcome(ok=True, text=text, events=events, scene_changed=changed)
