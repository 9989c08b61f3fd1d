"""Verbs: authored actions first, then the built-in verbs, each as verify -> check -> apply."""

from __future__ import annotations

import random
from collections.abc import Callable

from engine.core.actions import Action
from engine.core.outcome import Outcome, Refusal
from engine.core.rules.text import inventory_text, name_of, scene_text, the, with_notes
from engine.core.rules.world import (
    action_available,
    all_hold,
    apply_effects,
    candidate_actions,
    enter_scene,
    in_scope,
    open_exits,
    scope,
)
from engine.core.state import CARRIED, GameState, PendingBeat
from engine.story.model import Story, StoryAction

BUILTIN_VERBS = ("look", "examine", "go", "take", "drop", "use", "talk", "inventory", "wait", "help")
WAIT_LINES = ("Time passes gently.", "You let a moment go by, unhurried.", "You wait, and breathe, and nothing asks "
              "anything of you.")
HELP_TEXT = """\
Type what you want to do in your own words, or use short commands:
  look (l), examine X (x X), go north (n/s/e/w/u/d), take X, drop X, use X on Y, talk to X, wait (z)
Game commands (never change the story):
  inventory (i)   save [slot]   load [slot]   saves   undo   hint   transcript   quit
When the story asks how you are feeling, answer with a number from 1 to 5, or say 'skip'.
For playtesters:
  rate 1-5 [note]   rate + / rate -   note: TEXT   models (which model served the last turn)"""
"""The one help text: the `help` command and the `help` verb both show it."""

Handler = Callable[[Story, GameState, Action], Outcome]


def fail(action: Action, text: str, refusal: Refusal = "rule") -> Outcome:
    return Outcome(ok=False, text=text, action=action, refusal=refusal)


def matches(authored: StoryAction, action: Action) -> bool:
    return action.verb in authored.verbs and authored.obj == action.obj and authored.target == action.target


def perform_rules(story: Story, state: GameState, action: Action) -> Outcome:
    """Run one action against the state (mutating it only when the action succeeds)."""
    problem = verify(story, state, action)
    if problem:
        # The tool is missing, not the thing: the author's `fail:` says what is needed ("You need something to
        # hook it with"), which is kinder and more useful than "You don't see the pole here".
        # So is a thing the action's own `when` says the player must have ("has tea"): the author foresaw it.
        missing_tool = action.target is not None and (action.obj is None or in_scope(state, action.obj))
        missing = {t for t in (action.obj, action.target) if t and not in_scope(state, t)}
        authored_fail = next((a.fail for a in candidate_actions(story, state)
                              if a.fail and matches(a, action) and not (a.once and a.id in state.done)
                              and (missing_tool or missing <= {c.name for c in a.when if c.kind == "has"
                                                               and not c.negate})), None)
        if authored_fail:
            return fail(action, authored_fail, "condition")
        return fail(action, problem, "not_here")
    refusal: Outcome | None = None
    for authored in candidate_actions(story, state):
        if not matches(authored, action) or not action_available(state, authored):
            continue
        if all_hold(authored.when, state):
            return run_authored(story, state, action, authored)
        if authored.fail and refusal is None:
            refusal = fail(action, authored.fail, "condition")
    if refusal is not None:
        return refusal
    handler = _HANDLERS.get(action.verb)
    if handler is None:
        what = f" {the(story, action.obj)}" if action.obj else ""
        # A story verb with objects no authored action fits: most likely a misreading, so the refusal says so.
        return fail(action, f"You can't {action.verb}{what} just now.", "unmatched")
    return handler(story, state, action)


def verify(story: Story, state: GameState, action: Action) -> str | None:
    """Does the action make sense at all: are its objects things the player can see?"""
    for thing in (action.obj, action.target):
        if thing is None or (action.verb == "go" and thing == action.obj):
            continue
        if thing not in state.locations:
            return "You don't see that here."
        if not in_scope(state, thing):
            return f"You don't see {the(story, thing)} here."
    return None


def run_authored(story: Story, state: GameState, action: Action, authored: StoryAction) -> Outcome:
    """Apply an authored action: its text, effects and beat."""
    events = [f"did:{authored.id}"]
    if authored.once:
        state.done.append(authored.id)
    scene_before = state.scene
    events.extend(apply_effects(story, state, authored.effects))
    if authored.beat is not None:
        state.beats.append(PendingBeat(beat=authored.beat))
        events.append(f"beat:{authored.beat.id}")
    text = authored.text.strip()
    changed = state.scene != scene_before
    if changed:
        text = f"{text}\n\n{scene_text(story, state)}"
    return Outcome(ok=True, text=text, action=action, events=events, scene_changed=changed)


def _look(story: Story, state: GameState, action: Action) -> Outcome:
    return Outcome(ok=True, text=scene_text(story, state), action=action)


def _examine(story: Story, state: GameState, action: Action) -> Outcome:
    if action.obj is None:
        return _look(story, state, action)
    thing = action.obj
    entry = story.items.get(thing) or story.npcs.get(thing)
    # Items and characters alike carry `notes`, so a description can follow the story.
    text = with_notes(entry.description, entry.notes, state) if entry else f"Nothing special about {the(story, thing)}."
    return Outcome(ok=True, text=text, action=action, events=[f"examined:{thing}"])


def _go(story: Story, state: GameState, action: Action) -> Outcome:
    exits = story.scenes[state.scene].exits
    exit_ = exits.get(action.obj or "")
    if exit_ is None or (not all_hold(exit_.when, state) and exit_.blocked is None):
        return fail(action, "You can't go that way." if exits else "There is no way on from here.")
    if action.obj not in open_exits(story, state):
        return fail(action, exit_.blocked or "You can't go that way.")
    events = enter_scene(story, state, exit_.to)
    text = scene_text(story, state)
    if exit_.text:
        text = f"{exit_.text.strip()}\n\n{text}"
    return Outcome(ok=True, text=text, action=action, events=events, scene_changed=True)


def _take(story: Story, state: GameState, action: Action) -> Outcome:
    thing = action.obj
    if thing is None:
        return fail(action, "Take what?")
    if thing in story.npcs:
        return fail(action, f"{name_of(story, thing)} is a person, not something to carry.")
    if state.locations.get(thing) == CARRIED:
        return fail(action, f"You already have {the(story, thing)}.")
    item = story.items[thing]
    if not item.portable:
        return fail(action, f"{the(story, thing).capitalize()} stays where it is.")
    state.locations[thing] = CARRIED
    return Outcome(ok=True, text=(item.take_text or f"You take {the(story, thing)}.").strip(), action=action,
                   events=[f"took:{thing}"])


def _drop(story: Story, state: GameState, action: Action) -> Outcome:
    thing = action.obj
    if thing is None:
        return fail(action, "Drop what?")
    if state.locations.get(thing) != CARRIED:
        return fail(action, f"You are not carrying {the(story, thing)}.")
    state.locations[thing] = state.scene
    return Outcome(ok=True, text=f"You set down {the(story, thing)}.", action=action, events=[f"dropped:{thing}"])


def _use(story: Story, state: GameState, action: Action) -> Outcome:
    if action.obj is None:
        return fail(action, "Use what?")
    if action.target is None:
        return fail(action, f"You turn {the(story, action.obj)} over in your hands, but nothing comes of it.")
    return fail(action, f"Nothing comes of using {the(story, action.obj)} on {the(story, action.target)}.")


def _talk(story: Story, state: GameState, action: Action) -> Outcome:
    thing = action.obj
    npc = story.npcs.get(thing or "")
    if npc is None:
        nothing = "Talk to whom?" if thing is None else f"{the(story, thing).capitalize()} has nothing to say."
        return fail(action, nothing)
    for talk in npc.talk:
        if (talk.once and talk.id in state.done) or not all_hold(talk.when, state):
            continue
        if talk.once:
            state.done.append(talk.id)
        events = [f"talked:{npc.id}", f"did:{talk.id}", *apply_effects(story, state, talk.effects)]
        if talk.beat is not None:
            state.beats.append(PendingBeat(beat=talk.beat))
            events.append(f"beat:{talk.beat.id}")
        return Outcome(ok=True, text=talk.text.strip(), action=action, events=events)
    return Outcome(ok=True, text=f"{npc.name} gives you a quiet nod; there is nothing more to say just now.",
                   action=action, events=[f"talked:{npc.id}"])


def _inventory(story: Story, state: GameState, action: Action) -> Outcome:
    return Outcome(ok=True, text=inventory_text(story, state), action=action)


def _wait(story: Story, state: GameState, action: Action) -> Outcome:
    line = random.Random(state.seed * 1_000_003 + state.turn).choice(WAIT_LINES)
    return Outcome(ok=True, text=line, action=action, events=["waited"])


def _help(story: Story, state: GameState, action: Action) -> Outcome:
    return Outcome(ok=True, text=HELP_TEXT, action=action)


_HANDLERS: dict[str, Handler] = {
    "look": _look, "examine": _examine, "go": _go, "take": _take, "drop": _drop, "use": _use, "talk": _talk,
    "inventory": _inventory, "wait": _wait, "help": _help,
}


def builtin_legal(story: Story, state: GameState) -> list[Action]:
    """Built-in actions that would succeed now."""
    actions = [Action(verb="look"), Action(verb="inventory"), Action(verb="wait"), Action(verb="help")]
    actions.extend(Action(verb="go", obj=d) for d in open_exits(story, state))
    for thing in scope(state):
        actions.append(Action(verb="examine", obj=thing))
        carried = state.locations[thing] == CARRIED
        item = story.items.get(thing)
        if item is not None and carried:
            actions.append(Action(verb="drop", obj=thing))
        elif item is not None and item.portable:
            actions.append(Action(verb="take", obj=thing))
        elif thing in story.npcs:
            actions.append(Action(verb="talk", obj=thing))
    return actions


def authored_legal(story: Story, state: GameState) -> list[Action]:
    """Authored actions whose conditions hold now."""
    return [Action(verb=a.verb, obj=a.obj, target=a.target) for a in candidate_actions(story, state)
            if action_available(state, a) and all_hold(a.when, state)]
