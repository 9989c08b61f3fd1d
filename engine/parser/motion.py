"""Movement readings: a direction, a destination by name ("walk down to the harbour"), or the way back."""

from __future__ import annotations

import re

from engine.core.actions import Action
from engine.core.rules.world import visible_exits
from engine.core.state import GameState
from engine.parser.boarding import boarding
from engine.parser.doorways import doorway
from engine.parser.joined import PAIRS
from engine.parser.landmarks import exit_landmarks
from engine.parser.leaving import left_behind, without_company, without_origin
from engine.parser.lexicon import noun_synonyms, spellings
from engine.parser.objects import nouns_of
from engine.parser.routes import first_step
from engine.parser.words import CARRIED_WORDS, DIRECTIONS, MOTION_DEFAULT, MOTION_FILLER, fold
from engine.story.model import Exit, Story

_TITLE_FILLER = {"the", "a", "an", "of", "to", "and", "s"}
# Words that put a destination after them: "head out back to the wood shed".
_TOWARD = {"to", "towards", "toward", "into", "onto", "for"}
# Head nouns of a story title that name the building the whole story is in ("The Hut Above the Treeline").
_BUILDINGS = {"hut", "house", "cabin", "cottage", "inn", "hall", "lodge", "library", "station", "shop", "farm",
              "school", "castle", "hotel", "tower", "church", "mill", "barn", "manor", "museum", "lighthouse"}
# Words that say the opposite of a way on: "deeper into the house" is never the way out.
_AGAINST = {"out": {"into", "inside", "deeper", "further", "farther"}, "in": {"out", "outside", "away"},
            "up": {"down", "downstairs", "lower"}, "down": {"up", "upstairs", "higher"}}
# Words that say the player's own: "go to my plot" is the place the story calls "Your Plot".
_MINE = {"my", "mine", "own", "our"}
_YOURS = {"your", "my", "mine", "our"}
# Words that go in through or onto the place named: "go through the gate", "walk onto the allotments".
_ENTERING = {"through", "into", "onto", "inside"}
# Climbing onto a thing is getting on top of it, never going to where it stands ("climb onto the shed roof").
_CLIMBING = {"climb", "clamber", "scramble", "scale", "jump", "hop", "leap", "vault", "shin", "swing"}
_SURFACE = {"onto", "on"}
# Verbs of going and nothing else: only these go where a scene's text names ("get the leeks" takes them).
_GOING = {"go", "walk", "run", "head", "wander", "stroll", "travel", "hurry", "proceed", "continue", "visit", "return",
          "back", "come", "amble", "saunter", "pop", "nip"}
_WORD = re.compile(r"[a-z][a-z'-]*")
_PORTALS = {"door", "gate", "doorway", "arch", "archway", "entrance", "opening", "hatch", "gateway", "portal"}
_TO = {"to", "towards", "toward", "for"}
# Leaps go where they land: "jump across to the bank", never "in" because a puddle is jumped in.
_LEAPING = {"jump", "hop", "leap", "dive", "dash", "skip"}
_WATER = {"sea", "ocean", "water", "river", "lake", "canal", "harbour", "harbor", "pool", "pond", "waves", "surf",
          "stream", "tide", "bay", "loch"}
_CUT = {"to", "and", "for", "so", "with", "where", "then", "because"}


def stem(word: str) -> str:
    """A crude singular: "stairs" and "stair", "keeper's" and "keeper" compare equal."""
    word = word.removesuffix("'s").removesuffix("'")
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def destination_words(story: Story, state: GameState, scene_id: str, things: bool = True) -> set[str]:
    """Words that name a scene: its title and id, and (with `things`) what lies there, so "head for the boats"
    finds the quay."""
    scene = story.scenes[scene_id]
    words = {w for w in fold(scene.title).replace("'", " ").split() if w not in _TITLE_FILLER}
    words |= set(scene_id.lower().split("_"))
    for thing, where in state.locations.items() if things else ():
        if where == scene_id:
            words |= nouns_of(story, thing)
    return {stem(w) for w in words if w not in _TITLE_FILLER}


def _story_place(story: Story) -> set[str]:
    """The building a story's title names, so "leave the hut" means the way out of wherever the player is."""
    return {stem(w) for w in story.title.lower().split() if w in _BUILDINGS}


def _far(story: Story, state: GameState, aimed: set[str], owners: frozenset[str] = frozenset()) -> set[str]:
    """Scenes other than this one whose own names ("The Shingle", "beach" for it) cover every aimed word; of
    several, the one whose name says whose it is ("Nell's Row" for "nell's row")."""
    found = {scene for scene in story.scenes if scene != state.scene
             and _score(aimed, destination_words(story, state, scene, things=False)) == len(aimed)}
    whose = {scene for scene in found if (owners or _YOURS) & destination_words(story, state, scene, things=False)}
    return whose if len(found) > 1 and len(whose) == 1 else found


def way_back(story: Story, state: GameState) -> str | None:
    """The direction that leads to the scene the player came from, if one does."""
    if state.came_from is None:
        return None
    for direction, exit_ in visible_exits(story, state).items():
        if exit_.to == state.came_from:
            return direction
    return None


def _score(content: set[str], names: set[str]) -> int:
    """How many words name the place; "shed" names "woodshed" (a word inside a longer one counts)."""
    return sum(1 for w in content if w in names or (len(w) >= 4 and any(n.endswith(w) for n in names))
               or bool({stem(s) for s in (*noun_synonyms(w), *spellings(w))} & names))


def _named(story: Story, state: GameState, exits: dict[str, Exit], content: set[str], rest: list[str],
           names_only: bool, guards: bool = False, owners: frozenset[str] = frozenset()) -> tuple[str | None, bool]:
    """The one exit these words name best (or None), and whether any exit was named at all; between equals, the
    one whose name says whose it is (`owners`: "my plot" is "Your Plot", "arthur's plot" is "Arthur's Plot")."""
    scores = {d: _score(content, destination_words(story, state, e.to, things=not names_only) | (set() if names_only
                        else {stem(w) for w in exit_landmarks(story, state.scene, d, guards)}))
              for d, e in exits.items()}
    best = max(scores.values(), default=0)
    chosen = [d for d, score in scores.items() if score == best and best > 0]
    if len({exits[d].to for d in chosen}) > 1:
        # The place's own word before a kindred one: "the barge" is The Barge, not The Boat Shed.
        exact = [d for d in chosen if content & destination_words(story, state, exits[d].to, things=False)]
        chosen = exact or chosen
    if len({exits[d].to for d in chosen}) == 1:
        chosen = chosen[:1]  # "south" and "out" both to the stern deck: one place, one way
    if len(chosen) > 1:
        # Said without an owner ("go to my plot": "my" is no word of the parse), the player's own place.
        whose = [d for d in chosen if (owners or _YOURS) & destination_words(story, state, exits[d].to, things=False)]
        chosen = whose if len(whose) == 1 else chosen
    if len(chosen) == 1 and not set(rest) & _AGAINST.get(chosen[0], set()):
        return chosen[0], True
    return None, bool(chosen)


def into_water(verb: str, rest: list[str]) -> bool:
    """A leap into water ("jump off the cliff into the sea"): never a way to go, whatever place is named for it."""
    return verb in _LEAPING and bool({"into", "in"} & set(rest)) and bool(set(rest) & _WATER)


def move(story: Story, state: GameState, verb: str, rest: list[str], named_only: bool = False) -> Action | None:
    """The exit a movement means: a destination after "to" ("head out back to the shed": the shed, not out),
    else a direction word that is a way on here, else the one destination named.

    With `named_only`, only a place named by its own name counts ("look up" is not a way up, and "see the
    boats" is not a way to the harbour)."""
    # "the back of the boat" is a place (its rear), not the way back.
    rest = ["rear" if w == "back" and rest[at + 1:at + 2] == ["of"] else w for at, w in enumerate(rest)]
    owners = frozenset({stem(w) for w in rest if w.endswith("'s")} | (_YOURS if set(rest) & _MINE else set()))
    # "get Agnes's glass": a possessive before a noun names whose thing, not a place ("go to Agnes's" still does);
    # it only tells apart places named alike.
    rest = [w for at, w in enumerate(rest) if not (w.endswith("'s") and at < len(rest) - 1)]
    if verb in _LEAPING and "and" in rest or any(" ".join(rest[at:at + 3]) in PAIRS for at in range(len(rest))):
        return None  # "jump up and down", "walk back and forth": on the spot
    exits = visible_exits(story, state)
    here = destination_words(story, state, state.scene, things=False) | {"room", "place"}
    # A leap goes where it lands, never merely away ("jump out of the tree" names no landing: it is no move), and
    # never into water: "jump off the terrace into the sea" is no walk to the sea wall.
    if into_water(verb, rest):
        return None
    left = None if verb in _LEAPING else left_behind(exits, [stem(w) for w in rest], here)
    if left is not None:
        return Action(verb="go", obj=left)
    rest = without_origin(rest)
    toward = next((rest[at + 1:] for at, w in enumerate(rest) if w in _TOWARD), [])
    aimed = {stem(w) for w in toward if w not in MOTION_FILLER and w not in DIRECTIONS}
    if aimed and not named_only:
        # A particle after the verb ("head out", "walk up") is part of the verb when a destination follows.
        direction, named = _named(story, state, exits, aimed, rest, names_only=False, owners=owners)
        direction = _wholly(story, state, exits, direction, aimed, verb, rest)
        if direction is not None and _on_top(story, state, exits, direction, verb, rest):
            return None  # onto a part of what is there ("the shed roof"): no way on is meant
        if direction is None and not named and verb in _CLIMBING and set(rest) & _SURFACE:
            return None  # "climb up onto the stove": onto a thing, whatever way "up" is
        if direction is None and not named:
            direction = first_step(story, state, _far(story, state, aimed, owners))
        if direction is not None:
            return Action(verb="go", obj=direction)
    for at, word in enumerate(() if named_only else rest):
        direction = DIRECTIONS.get(word)
        if verb in _LEAPING and direction in ("in", "on") and rest[at + 1:]:
            continue  # "jump in the puddle": into a thing, not the way in
        if direction is not None and direction in exits:
            return Action(verb="go", obj=direction)
        # "go outside" with no way called out: the door the scene's text calls the way out.
        door = doorway(story, state.scene, direction, set(exits)) if direction in ("in", "out") else None
        if door is not None:
            return Action(verb="go", obj=door)
    # Whom one goes with is no place ("walk along with Priya"); "get" with a thing is taking it, not going where it
    # is ("get the lantern going"), unless a way or a goal is said.
    content = [stem(w) for w in without_company(rest) if w not in MOTION_FILLER and w not in DIRECTIONS]
    content = [] if verb == "get" and not aimed else content
    if verb in ("leave", "exit") and content and _score(set(content), destination_words(
            story, state, state.scene) | {"room", "place"} | _story_place(story)) < len(set(content)):
        return None  # "leave Priya alone": what is left names no way to go
    if not named_only:
        onto = boarding(story, state, exits, verb, rest, destination_words(story, state, state.scene),
                        {d: destination_words(story, state, e.to, things=False) for d, e in exits.items()})
        if onto is not None:
            return Action(verb="go", obj=onto)
    if content:
        direction, any_named = _named(story, state, exits, set(content), rest, named_only, verb == "try", owners)
        direction = direction if named_only else _wholly(story, state, exits, direction, set(content), verb, rest)
        if direction is not None and not named_only and _on_top(story, state, exits, direction, verb, rest):
            return None  # "clamber on the wall of the lane": onto a part of the place, not the way there
        if direction is not None:
            return Action(verb="go", obj=direction)
        # Inside the story's building (there is a way out), its name is this place too: "leave the hut".
        inside = _story_place(story) if "out" in exits else set()
        here = destination_words(story, state, state.scene) | {"room", "place"} | inside
        far = None if any_named or named_only else first_step(story, state, _far(story, state, set(content), owners))
        if far is not None:
            return Action(verb="go", obj=far)  # "go to the boathouse" from two scenes away: its first step
        going = not any_named and not named_only and verb in _GOING
        described = _by_text(story, state, exits, content, rest) if going else None
        if described is not None:
            return Action(verb="go", obj=described)
        if any_named or named_only or _score(set(content), here) < len(set(content)):
            return None if any_named or named_only else _through(story, state, exits, verb, rest, content)
    if named_only:
        return None
    # Nothing but filler (or the place itself, "leave the shed"): back the way you came, or the obvious way.
    if "back" in rest or verb in ("back", "return"):
        direction = way_back(story, state)
        if direction is not None:
            return Action(verb="go", obj=direction)
    default = MOTION_DEFAULT.get(verb)
    if default in exits:
        return Action(verb="go", obj=default)
    if verb in ("leave", "exit") and len(exits) == 1:
        return Action(verb="go", obj=next(iter(exits)))
    return _through(story, state, exits, verb, rest, content)


def _through(story: Story, state: GameState, exits: dict[str, Exit], verb: str, rest: list[str],
             content: list[str]) -> Action | None:
    """Through or onto this place itself ("go through the gate" at the gate, "walk onto the allotments"), or
    through the doors its own text sets here where there is no way out: the way in."""
    if not content or not set(rest) & _ENTERING or verb in _CLIMBING or "in" not in exits:
        return None
    itself = destination_words(story, state, state.scene, things=False) | {stem(w) for w in fold(story.title).split()}
    portals = set(content) & _PORTALS
    # A gate or door that is another way's own ("the gate is locked" on the way south) is never the way in.
    ways = [d for d in story.scenes[state.scene].exits if d != "in"
            and portals & {stem(w) for w in exit_landmarks(story, state.scene, d, True)}]
    if ways:
        return Action(verb="go", obj=ways[0]) if len(ways) == 1 else None
    if portals and "out" not in exits:
        itself |= {stem(w) for w in _WORD.findall(fold(story.scenes[state.scene].text))}
    return Action(verb="go", obj="in") if set(content) <= itself else None


def _wholly(story: Story, state: GameState, exits: dict[str, Exit], direction: str | None, words: set[str],
            verb: str, rest: list[str]) -> str | None:
    """The way the names chose, unless they cover only some of the words and another scene's own text covers all:
    "go over to the plum trees" is the row with the plum trees, not the one with a pear tree."""
    if direction is None or verb not in _GOING:
        return direction
    names = destination_words(story, state, exits[direction].to) | {
        stem(w) for w in exit_landmarks(story, state.scene, direction)}
    if _score(words, names) == len(words):
        return direction
    described = _by_text(story, state, exits, sorted(words), rest)
    return described if described is not None else direction


def _by_text(story: Story, state: GameState, exits: dict[str, Exit], content: list[str], rest: list[str]) -> str | None:
    """The one way on to a scene whose own text names every word ("walk over to the sweet peas": "a row of sweet
    peas along the fence"), of words this scene's text does not have itself; only going to it, never into or onto
    ("walk into the wall" is bumping into one)."""
    if not set(rest) & _TO:
        return None
    here = story.scenes[state.scene]
    own = {stem(w) for w in _WORD.findall(fold(f"{here.title} {here.text}"))}
    said = set(content) - own
    if not said or len(said) < len(set(content)) or all(len(w) < 4 for w in said):
        return None
    texts = {scene: {stem(w) for w in _WORD.findall(fold(s.text))} for scene, s in story.scenes.items()}
    # One word at least of that one scene's text in all the story: "the trees" of many is no landmark alone.
    if all(sum(w in words for words in texts.values()) != 1 for w in said) or said & CARRIED_WORDS:
        return None
    ways = [d for d, e in exits.items() if e.to != state.scene and said <= texts[e.to]]
    return ways[0] if len(ways) == 1 else None


def _on_top(story: Story, state: GameState, exits: dict[str, Exit], direction: str, verb: str,
            rest: list[str]) -> bool:
    """Whether a climb onto something ends on a word the way's names do not cover: "climb onto the shed roof"."""
    at = next((i for i, w in enumerate(rest) if w in _SURFACE | {"to", "up"}), None)
    if at is None or (verb not in _CLIMBING and rest[at] not in _SURFACE):
        return False
    after = rest[at + 1:]
    after = after[:next((i for i, w in enumerate(after) if i and w in _CUT | {"of"}), len(after))]
    phrase = [w for w in after if w not in MOTION_FILLER and w not in DIRECTIONS]
    names = destination_words(story, state, exits[direction].to) | {
        stem(w) for w in exit_landmarks(story, state.scene, direction, True)}
    return bool(phrase) and not _score({stem(phrase[-1])}, names)


def climbs_onto(verb: str, rest: list[str]) -> bool:
    """Whether the words climb onto a thing ("clamber up onto the roof of the hut"): with no way on they name,
    no move is meant, whatever a model reads."""
    return verb in _CLIMBING and bool(set(rest) & _SURFACE)
