"""Reference and graph checks on a parsed story: unknown ids (with "did you mean"), unreachable scenes, dead ends."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from engine.story.limits import limit_problems
from engine.story.logic import Cond, Effect
from engine.story.model import DIRECTIONS, RESERVED_LOCATIONS, Beat, Story, StoryAction
from engine.yamlpos import Problem, YamlDoc

Loc = tuple[int | str, ...]
# (where in the file, what kind of id it must be, the id)
Ref = tuple[Loc, str, str]


def check_story(story: Story, doc: YamlDoc) -> list[Problem]:
    """Every reference and graph problem in `story`, located in `doc`."""
    known = {
        "scene": set(story.scenes),
        "item": set(story.items),
        "npc": set(story.npcs),
        "thing": set(story.items) | set(story.npcs),
        "flag": set(story.flags),
        "var": set(story.vars),
        "ending": set(story.endings),
        "location": set(story.scenes) | set(RESERVED_LOCATIONS),
        "direction": set(DIRECTIONS),
    }
    problems = [_unknown(doc, loc, kind, name, known[kind]) for loc, kind, name in _references(story)
                if name not in known[kind]]
    problems.extend(_duplicates(story, doc))
    problems.extend(_graph(story, doc))
    problems.extend(limit_problems(story, doc))
    return problems


def _unknown(doc: YamlDoc, loc: Loc, kind: str, name: str, choices: set[str]) -> Problem:
    label = {"thing": "item or NPC", "location": "scene (or 'inventory')"}.get(kind, kind)
    message = f"unknown {label} '{name}'"
    close = difflib.get_close_matches(name, sorted(choices), n=1, cutoff=0.6)
    if close:
        message += f"; did you mean '{close[0]}'?"
    elif kind in ("flag", "var"):
        message += f" (declare it under `{kind}s:` at the top of the story)"
    return doc.problem(loc, message)


def _duplicates(story: Story, doc: YamlDoc) -> Iterator[Problem]:
    for npc_id in story.npcs:
        if npc_id in story.items:
            yield doc.problem(("npcs", npc_id), f"'{npc_id}' is both an item and an NPC; ids must be unique")


def _references(story: Story) -> Iterator[Ref]:
    yield ("start",), "scene", story.start
    for name in story.model_updates.vars:
        yield ("model_updates", "vars", name), "var", name
    for index, action in enumerate(story.actions):
        yield from _action_refs(("actions", index), action)
    for scene_id, scene in story.scenes.items():
        base: Loc = ("scenes", scene_id)
        for direction, exit_ in scene.exits.items():
            yield (*base, "exits", direction), "direction", direction
            yield (*base, "exits", direction, "to"), "scene", exit_.to
            yield from _cond_refs((*base, "exits", direction, "when"), exit_.when)
        for index, note in enumerate(scene.notes):
            yield from _cond_refs((*base, "notes", index, "when"), note.when)
        for index, action in enumerate(scene.actions):
            yield from _action_refs((*base, "actions", index), action)
        if scene.ending is not None:
            yield (*base, "ending"), "ending", scene.ending
    for item_id, item in story.items.items():
        if item.location is not None:
            yield ("items", item_id, "location"), "location", item.location
        for index, note in enumerate(item.notes):
            yield from _cond_refs(("items", item_id, "notes", index, "when"), note.when)
        for index, note in enumerate(item.here if isinstance(item.here, list) else []):
            yield from _cond_refs(("items", item_id, "here", index, "when"), note.when)
        for index, action in enumerate(item.actions):
            yield from _action_refs(("items", item_id, "actions", index), action)
    for npc_id, npc in story.npcs.items():
        if npc.location is not None:
            yield ("npcs", npc_id, "location"), "scene", npc.location
        for index, talk in enumerate(npc.talk):
            yield from _cond_refs(("npcs", npc_id, "talk", index, "when"), talk.when)
            yield from _effect_refs(("npcs", npc_id, "talk", index, "effects"), talk.effects)
        for index, note in enumerate(npc.notes):
            yield from _cond_refs(("npcs", npc_id, "notes", index, "when"), note.when)
        for index, note in enumerate(npc.here if isinstance(npc.here, list) else []):
            yield from _cond_refs(("npcs", npc_id, "here", index, "when"), note.when)
        for index, topic in enumerate(npc.topics):
            yield from _cond_refs(("npcs", npc_id, "topics", index, "when"), topic.when)
            yield from _effect_refs(("npcs", npc_id, "topics", index, "effects"), topic.effects)


def _action_refs(base: Loc, action: StoryAction) -> Iterator[Ref]:
    if action.obj is not None:
        yield (*base, "obj"), "thing", action.obj
    if action.target is not None:
        yield (*base, "target"), "thing", action.target
    yield from _cond_refs((*base, "when"), action.when)
    yield from _effect_refs((*base, "effects"), action.effects)


_COND_KINDS = {"flag": "flag", "has": "item", "visited": "scene", "at": "scene", "var": "var"}
_EFFECT_KINDS = {"set": "flag", "clear": "flag", "give": "item", "remove": "thing", "goto": "scene",
                 "end": "ending", "add": "var", "assign": "var", "place": "thing"}


def _cond_refs(base: Loc, conds: list[Cond]) -> Iterator[Ref]:
    for index, cond in enumerate(conds):
        yield (*base, index), _COND_KINDS[cond.kind], cond.name


def _effect_refs(base: Loc, effects: list[Effect]) -> Iterator[Ref]:
    for index, effect in enumerate(effects):
        yield (*base, index), _EFFECT_KINDS[effect.kind], effect.name
        if effect.kind == "place":
            yield (*base, index), "scene", effect.dest


def _graph(story: Story, doc: YamlDoc) -> Iterator[Problem]:
    """Unreachable scenes (warning), scenes with no way out (error), endings nothing leads to (warning)."""
    anywhere = [a for a in story.actions] + [a for item in story.items.values() for a in item.actions]
    anywhere_effects = [e for a in anywhere for e in a.effects]
    anywhere_effects += [e for npc in story.npcs.values() for t in npc.talk for e in t.effects]
    anywhere_effects += [e for npc in story.npcs.values() for t in npc.topics for e in t.effects]
    global_gotos = {e.name for e in anywhere_effects if e.kind == "goto"}
    leaves_anywhere = any(e.kind in ("goto", "end") for e in anywhere_effects)

    def successors(scene_id: str) -> set[str]:
        scene = story.scenes[scene_id]
        found = {exit_.to for exit_ in scene.exits.values()}
        found |= {e.name for a in scene.actions for e in a.effects if e.kind == "goto"}
        return (found | global_gotos) & set(story.scenes)

    if story.start in story.scenes:
        seen = {story.start}
        todo = [story.start]
        while todo:
            for nxt in successors(todo.pop()) - seen:
                seen.add(nxt)
                todo.append(nxt)
        for scene_id in story.scenes:
            if scene_id not in seen:
                yield doc.problem(("scenes", scene_id), f"scene '{scene_id}' cannot be reached from the start",
                                  "warning")
    for scene_id, scene in story.scenes.items():
        own = [e for a in scene.actions for e in a.effects]
        if scene.ending is None and not scene.exits and not leaves_anywhere \
                and not any(e.kind in ("goto", "end") for e in own):
            yield doc.problem(("scenes", scene_id),
                              f"scene '{scene_id}' has no way out and is not an ending (add an exit or `ending:`)")
    used = {s.ending for s in story.scenes.values() if s.ending}
    used |= {e.name for a in story.all_actions() for e in a.effects if e.kind == "end"}
    used |= {e.name for e in anywhere_effects if e.kind == "end"}
    for ending_id in story.endings:
        if ending_id not in used:
            yield doc.problem(("endings", ending_id), f"ending '{ending_id}' is never reached by any scene or effect",
                              "warning")
    if not story.endings:
        yield doc.problem(("scenes",), "the story has no endings", "warning")


def beats(story: Story) -> list[Beat]:
    """Every beat in the story (used by quicktest coverage)."""
    found = [s.beat for s in story.scenes.values() if s.beat]
    found += [a.beat for a in story.all_actions() if a.beat]
    found += [t.beat for n in story.npcs.values() for t in n.talk if t.beat]
    return found
