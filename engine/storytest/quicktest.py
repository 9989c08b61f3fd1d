"""Quicktest: explore every reachable state, then report content never reached and states with no way to an ending."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from heapq import heappop, heappush
from itertools import count

from engine.core.actions import Action
from engine.core.outcome import Outcome
from engine.core.rules.topics import discuss_topic, open_topics
from engine.core.rules.verbs import authored_legal, builtin_legal, perform_rules
from engine.core.rules.world import enter_scene, in_scope
from engine.core.state import CARRIED, GameState
from engine.story.checks import beats
from engine.story.conversation import Topic
from engine.story.model import Story, StoryAction

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
        # A search stopped early that still reached everything passes; its dead ends were not checked (said so).
        return not (self.unreachable or self.dead_ends)


StateKey = tuple[object, ...]
"""What makes two game states the same for the search (see _key)."""


@dataclass
class _Node:
    state: GameState
    parent: StateKey | None
    via: str


def quicktest(story: Story, max_states: int = 20_000) -> QuickReport:
    """Breadth-first over distinct states from the start; every exit and authored choice gets tried.

    When the states outnumber `max_states` (independent side tasks multiply them), a second search that follows
    new content first looks for what the first missed, and what neither reached is reported as not reached
    within the limit rather than as never reachable."""
    search = _Search(story, max_states)
    search.run(novelty_first=False)
    report = QuickReport(states=len(search.nodes), truncated=search.truncated)
    covered, endings = set(search.covered), set(search.endings)
    if search.truncated:
        deeper = _Search(story, max_states)
        deeper.run(novelty_first=True)
        covered |= deeper.covered
        endings |= deeper.endings
        report.states += len(deeper.nodes)
    report.endings = endings
    report.unreachable = _unreachable(story, covered)
    if search.truncated:
        report.unreachable = [line.replace(" is never ", " was not ").replace(" never happens", " did not happen")
                              .replace(" can never be ", " was not ") + f" within {max_states:,} states"
                              for line in report.unreachable]
    # A search cut short has states it never expanded: a "dead end" among them would be a guess.
    report.dead_ends = [] if search.truncated else _dead_ends(search.nodes, search.edges)
    return report


class _Search:
    """One exploration of the story's states, breadth-first or new-content-first."""

    def __init__(self, story: Story, max_states: int) -> None:
        self.story, self.max_states = story, max_states
        self.watched = sorted({c.name for a in story.all_actions() for c in a.when if c.kind == "visited"}
                              | {c.name for n in story.npcs.values() for t in n.talk for c in t.when
                                 if c.kind == "visited"})
        self.relevant = _relevant(story)
        start = GameState.initial(story, seed=0)
        self.covered: set[str] = set(enter_scene(story, start, start.scene))
        start.beats.clear()
        self.first = _key(start, self.watched, self.relevant)
        self.nodes: dict[StateKey, _Node] = {self.first: _Node(start, None, "")}
        self.edges: dict[StateKey, set[StateKey]] = {}
        self.endings: set[str] = set()
        self.truncated = False

    def run(self, *, novelty_first: bool) -> None:
        # Breadth-first is a heap ordered by arrival; new-content-first orders by progress (actions done, flags
        # changed, new content seen on the way), so a long story's later scenes are reached within the limit.
        todo: list[tuple[int, int, StateKey]] = [(0, 0, self.first)]
        arrivals = count(1)
        gained: dict[StateKey, int] = {self.first: 0}
        while todo:
            key = heappop(todo)[2]
            state = self.nodes[key].state
            if state.ending:
                self.endings.add(state.ending)
                continue
            targets = self.edges.setdefault(key, set())
            # Authored actions are always tried, even with a built-in's verb ("wait" for the bus).
            builtins = [a for a in builtin_legal(self.story, state) if a.verb not in _SKIP]
            for via, after, outcome in _moves(self.story, state, builtins):
                if not outcome.ok:
                    continue
                after.beats.clear()
                fresh = len(set(outcome.events) - self.covered)
                self.covered.update(outcome.events)
                new_key = _key(after, self.watched, self.relevant)
                targets.add(new_key)
                if new_key in self.nodes:
                    continue
                if len(self.nodes) >= self.max_states:
                    self.truncated = True
                    continue
                self.nodes[new_key] = _Node(after, key, via)
                gained[new_key] = gained[key] + fresh
                progress = gained[new_key] + len(after.done) + sum(bool(v) for v in after.flags.values())
                heappush(todo, (-progress if novelty_first else 0, next(arrivals), new_key))


def _moves(story: Story, state: GameState, builtins: list[Action]) -> Iterator[tuple[str, GameState, Outcome]]:
    """Every authored action and useful built-in, then every topic a character here can be asked about now."""
    for action in dict.fromkeys(authored_legal(story, state) + builtins):
        after = state.model_copy(deep=True)
        outcome = perform_rules(story, after, action)
        if action.verb == "go" and outcome.ok:
            outcome.events.append(f"exit:{state.scene}:{action.obj}")
        yield action.key(), after, outcome
    for npc_id in story.npcs:
        if not in_scope(state, npc_id):
            continue
        for topic in open_topics(story, state, npc_id):
            after = state.model_copy(deep=True)
            about = topic.keywords[0] if topic.keywords else "anything"
            yield f"ask {npc_id} about {about}", after, discuss_topic(story, after, npc_id, topic.id)


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
    found += [f"action {_action_label(a)} is never possible" for a in story.all_actions()
              if f"did:{a.id}" not in covered]
    found += [f"{n.id}'s talk entry {i + 1} is never said" for n in story.npcs.values()
              for i, t in enumerate(n.talk) if f"did:{t.id}" not in covered]
    found += [f"{n.id}'s topic {_topic_label(i, t)} is never said" for n in story.npcs.values()
              for i, t in enumerate(n.topics) if f"did:{t.id}" not in covered]
    found += [f"ending '{e}' is never reached" for e in story.endings if f"ending:{e}" not in covered]
    owners = {a.beat.id: f"of action {_action_label(a)}" for a in story.all_actions() if a.beat}
    found += [f"{b.kind} beat {owners.get(b.id, repr(b.id))} never happens" for b in beats(story)
              if f"beat:{b.id}" not in covered]
    # An item that starts in the inventory is already in hand: it needs no picking up.
    found += [f"item '{i.id}' can never be picked up" for i in story.items.values()
              if i.portable and i.location != CARRIED and f"took:{i.id}" not in covered
              and f"got:{i.id}" not in covered]
    return found


def _action_label(action: StoryAction) -> str:
    """How the author wrote it: 'rest' in scene 'cabin', not the generated id 'cabin.action0'."""
    words = f"'{action.verb}{' ' + action.obj if action.obj else ''}'"
    owner, _, index = action.id.rpartition(".action")
    if not index.isdigit():
        return f"'{action.id}' ({words[1:-1]})"
    return f"{words} (entry {int(index) + 1} of {'the story' if owner == 'story' else repr(owner)}'s actions)"


def _topic_label(index: int, topic: Topic) -> str:
    about = f"about {', '.join(topic.keywords)}" if topic.keywords else "(the catch-all, no keywords)"
    return f"{index + 1} {about}"


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

