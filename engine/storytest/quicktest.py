"""Quicktest: explore every reachable state, then report content never reached and states with no way to an ending."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from engine.core.rules.verbs import authored_legal, builtin_legal, perform_rules
from engine.core.rules.world import enter_scene
from engine.core.state import CARRIED, GameState
from engine.story.checks import beats
from engine.story.model import Story

# Verbs that never change what is possible; skipping them keeps the search small.
_SKIP = {"look", "inventory", "wait", "help", "examine", "drop"}


@dataclass
class QuickReport:
    """What exploring the story found."""

    states: int = 0
    truncated: bool = False
    endings: set[str] = field(default_factory=set)
    unreachable: list[str] = field(default_factory=list)
    dead_ends: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.unreachable or self.dead_ends or self.truncated)


StateKey = tuple[object, ...]
"""What makes two game states the same for the search (see _key)."""


@dataclass
class _Node:
    state: GameState
    parent: StateKey | None
    via: str


def quicktest(story: Story, max_states: int = 20_000) -> QuickReport:
    """Breadth-first over distinct states from the start; every exit and authored choice gets tried."""
    watched = sorted({c.name for a in story.all_actions() for c in a.when if c.kind == "visited"}
                     | {c.name for n in story.npcs.values() for t in n.talk for c in t.when if c.kind == "visited"})
    start = GameState.initial(story, seed=0)
    covered: set[str] = set(enter_scene(story, start, start.scene))
    start.beats.clear()
    relevant = _relevant(story)
    first = _key(start, watched, relevant)
    nodes: dict[StateKey, _Node] = {first: _Node(start, None, "")}
    edges: dict[StateKey, set[StateKey]] = {}
    report = QuickReport()
    todo = deque([first])
    while todo:
        key = todo.popleft()
        state = nodes[key].state
        if state.ending:
            report.endings.add(state.ending)
            continue
        targets = edges.setdefault(key, set())
        # Authored actions are always tried, even with a built-in's verb ("wait" for the bus).
        builtins = [a for a in builtin_legal(story, state) if a.verb not in _SKIP]
        for action in dict.fromkeys(authored_legal(story, state) + builtins):
            after = state.model_copy(deep=True)
            outcome = perform_rules(story, after, action)
            if not outcome.ok:
                continue
            after.beats.clear()
            covered.update(outcome.events)
            if action.verb == "go":
                covered.add(f"exit:{state.scene}:{action.obj}")
            new_key = _key(after, watched, relevant)
            targets.add(new_key)
            if new_key not in nodes:
                if len(nodes) >= max_states:
                    report.truncated = True
                    continue
                nodes[new_key] = _Node(after, key, action.key())
                todo.append(new_key)
    report.states = len(nodes)
    report.unreachable = _unreachable(story, covered)
    # A search cut short has states it never expanded: a "dead end" among them would be a guess.
    report.dead_ends = [] if report.truncated else _dead_ends(nodes, edges)
    return report


def _relevant(story: Story) -> frozenset[str]:
    """Things whose whereabouts can change what is possible: characters, things conditions test (`has X`), and
    objects of authored actions. Where the umbrella lies changes nothing, so it stays out of the state key."""
    conds = [c for a in story.all_actions() for c in a.when]
    conds += [c for scene in story.scenes.values() for e in scene.exits.values() for c in e.when]
    conds += [c for npc in story.npcs.values() for t in npc.talk for c in t.when]
    conds += [c for npc in story.npcs.values() for t in npc.topics for c in t.when]
    found = {c.name for c in conds if c.kind == "has"} | set(story.npcs)
    found |= {t for a in story.all_actions() for t in (a.obj, a.target) if t}
    found |= {item.id for item in story.items.values() if item.actions}
    return frozenset(found)


def _key(state: GameState, watched: list[str], relevant: frozenset[str]) -> StateKey:
    where = tuple(place for thing, place in state.locations.items() if thing in relevant)
    return (state.scene, where, tuple(state.flags.values()), tuple(state.vars.values()),
            tuple(state.visits.get(s, 0) > 0 for s in watched), frozenset(state.done), state.ending)


def _unreachable(story: Story, covered: set[str]) -> list[str]:
    found = [f"scene '{s}' is never reached" for s in story.scenes if f"moved:{s}" not in covered]
    found += [f"exit {d} from '{s.id}' is never taken" for s in story.scenes.values() for d in s.exits
              if f"exit:{s.id}:{d}" not in covered]
    found += [f"action '{a.id}' ({a.verb}{' ' + a.obj if a.obj else ''}) is never possible"
              for a in story.all_actions() if f"did:{a.id}" not in covered]
    found += [f"talk '{t.id}' is never said" for n in story.npcs.values() for t in n.talk
              if f"did:{t.id}" not in covered]
    found += [f"ending '{e}' is never reached" for e in story.endings if f"ending:{e}" not in covered]
    found += [f"beat '{b.id}' never happens" for b in beats(story) if f"beat:{b.id}" not in covered]
    # An item that starts in the inventory is already in hand: it needs no picking up.
    found += [f"item '{i.id}' can never be picked up" for i in story.items.values()
              if i.portable and i.location != CARRIED and f"took:{i.id}" not in covered
              and f"got:{i.id}" not in covered]
    return found


def _dead_ends(nodes: dict[StateKey, _Node], edges: dict[StateKey, set[StateKey]]) -> list[str]:
    """States from which no ending can be reached, one example per scene, with the commands that lead there."""
    reverse: dict[StateKey, list[StateKey]] = {}
    for source, targets in edges.items():
        for target in targets:
            reverse.setdefault(target, []).append(source)
    good = {key for key, node in nodes.items() if node.state.ending}
    todo = list(good)
    while todo:
        for source in reverse.get(todo.pop(), ()):
            if source not in good:
                good.add(source)
                todo.append(source)
    reported: dict[str, str] = {}
    for key, node in nodes.items():
        if key in good or key not in edges or node.state.scene in reported:
            continue
        reported[node.state.scene] = (f"dead end in scene '{node.state.scene}': no ending can be reached after "
                                      f"{_path(nodes, key) or '(the start)'}")
    return list(reported.values())


def _path(nodes: dict[StateKey, _Node], key: StateKey) -> str:
    steps = []
    node = nodes[key]
    while node.parent is not None:
        steps.append(node.via)
        node = nodes[node.parent]
    return ", ".join(reversed(steps))

