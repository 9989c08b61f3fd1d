"""What a model ranks: every action the story knows here (legal or refused), how explicitly the words name it,
and which few to suggest when nothing fits."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from engine.core.actions import Action
from engine.core.game import Game
from engine.core.rules.known import Known, known_actions
from engine.core.state import CARRIED
from engine.parser.lexicon import antonyms, verb_synonyms
from engine.parser.motion import climbs_onto, destination_words, into_water, move, stem, way_back
from engine.parser.objects import nouns_of, vocabulary_of
from engine.parser.words import BUILTIN_PHRASES, DIRECTIONS, DROP_WORDS, LEADING, MOTION, MOTION_FILLER, words_of

# Motion words that also start other phrases ("make a wish", "get the key"): alone they ask for no move.
_WEAK_MOTION = {"make", "get", "come", "back"}
# Words of direction the exits do not spell ("below deck", "ashore").
_WAYWARD = {"below", "above", "beneath", "aboard", "ashore", "indoors", "outdoors", "onward", "onwards", "ahead",
            "forward", "forwards", "uphill", "downhill", "upstream", "downstream", "deeper", "further"}
# Words after a movement word that say nothing about where ("go on please", "keep going now").
_IDLE = {"please", "now", "again", "ahead", "on", "forward", "onwards", "quickly", "slowly", "then", "i", "we"}
# Words that join one command to the next ("unlock the door and go in").
_JOINS = {"and", "then"}
# Words that speak to someone rather than of them.
_YOU = {"you", "your", "yours", "youre", "you're", "yourself", "u", "ya"}
# Built-ins worth suggesting last: they are always possible and rarely what the player was reaching for.
_PLAIN = {"look", "inventory", "help", "wait"}


@dataclass(frozen=True)
class Candidate:
    """One action the player may mean: legal now, or refused in the author's words; `score` once ranked."""

    action: Action
    description: str
    match_text: str
    """The description with the things' aliases and adjectives, for similarity."""
    legal: bool
    refusal: str | None
    risky: bool
    """Legal and moving or losing something: a model may choose it only on an explicit reading."""
    score: float | None = None
    verbs: tuple[str, ...] = ()
    """The phrases that name it (`verb_words`), to know the sentence's own verb when it leads."""


def match_text(game: Game, action: Action) -> str:
    """An action described with the story's own aliases, so "the old woman" can find "Mara"."""
    text = game.describe(action)
    extra: list[str] = []
    for ref in (action.obj, action.target):
        thing = (game.story.items.get(ref) or game.story.npcs.get(ref)) if ref else None
        if thing is not None:
            extra.extend([*thing.adjectives, *thing.aliases])
    return f"{text} ({', '.join(dict.fromkeys(extra))})" if extra else text


def candidates(game: Game) -> list[Candidate]:
    """Every action the story knows here, legal ones first (so a tie goes to what can happen)."""
    known = sorted(known_actions(game.story, game.state), key=lambda k: not k.legal)
    return [Candidate(k.action, game.describe(k.action), match_text(game, k.action), k.legal, k.refusal, k.risky,
                      verbs=tuple(verb_words(k))) for k in known]


def rankable(game: Game, text: str, ranked: list[Candidate]) -> list[Candidate]:
    """The candidates the words could mean at all: dropping something needs a word of letting go ("flick the
    torch on" shares every word but the verb with "drop the torch", and a sentence model then prefers dropping),
    and words said to a character who can be talked to (they say "you", or open on the name) are not a look at
    them unless a verb of looking leads ("ruth how have you been?" names Ruth as much as "examine Ruth" does)."""
    words = words_of(text)
    said = set(words)
    first = set(words[:1])
    talked = {c.action.obj for c in ranked if c.action.verb == "talk" and c.action.obj in game.story.npcs
              and (said & _YOU or first & nouns_of(game.story, c.action.obj))}
    parts = commands(text) if talked else []

    def meant(c: Candidate) -> bool:
        if c.action.verb == "drop" and c.legal:
            return bool(said & DROP_WORDS)
        looked = c.action.verb == "examine" and c.action.obj in talked
        return not looked or any(leads(part, c) for part in parts)

    return [c for c in ranked if meant(c)]


def scored(ranked: list[Candidate], scores: list[float]) -> list[Candidate]:
    """The candidates with their scores, best first."""
    with_scores = [replace(c, score=s) for c, s in zip(ranked, scores, strict=False)]
    return sorted(with_scores, key=lambda c: -(c.score or 0.0))


def _says(words: list[str], phrase: str) -> bool:
    """Whether the player's words contain `phrase` (a verb such as "board" or "switch on"), loosely inflected."""
    wanted = [stem(w) for w in words_of(phrase)]
    said = [stem(w) for w in words]
    if not wanted:
        return False

    def same(s: str, w: str) -> bool:
        return s == w or (len(w) >= 4 and s.startswith(w))

    for start in range(len(said)):
        if not same(said[start], wanted[0]):
            continue
        # The rest in order, not necessarily next to it: "switch the lamp on" says "switch on".
        rest = iter(said[start + 1:])
        if all(any(same(s, w) for s in rest) for w in wanted[1:]):
            return True
    return False


def commands(text: str) -> list[list[str]]:
    """Each clause's command ("I'm freezing, let's get the fire going" -> [freezing], [get fire going]): the verb
    that matters may lead the second one."""
    found: list[list[str]] = []
    for part in re.split(r"[,;:.!?]+", text):
        clause: list[str] = []
        for word in [*words_of(part), "and"]:
            if word in _JOINS:
                if clause:
                    found.append(command(" ".join(clause)))
                clause = []
            else:
                clause.append(word)
    return [c for c in found if c]


def command(text: str) -> list[str]:
    """The words from the command's own verb on: "I'd like to just take the logs" -> take logs."""
    words = words_of(text)
    while True:
        head = next((h for h in LEADING if tuple(words[:len(h)]) == h and len(words) > len(h)), None)
        if head is None:
            return words
        words = words[len(head):]


def leads(words: list[str], candidate: Candidate) -> bool:
    """Whether the command's leading verb is one of the candidate's own ("take some logs" leads with take's, not
    with examine's): a sentence model weighs the thing far above the deed. Moves are left to the motion checks."""
    if not words or candidate.action.verb == "go":
        return False
    first = stem(words[0])
    return any(stem(w[0]) == first and _says(words, " ".join(w)) for w in (words_of(v) for v in candidate.verbs) if w)


def verb_words(known: Known) -> list[str]:
    """The phrases that name an action: its own verbs, the built-in wording of a built-in verb, and the
    everyday synonyms of each ("hand" for give)."""
    own = [*known.verbs, known.action.verb]
    builtin = [" ".join(p) for p, v in BUILTIN_PHRASES.items() if v == known.action.verb and len(p[0]) > 1]
    synonyms = [s for v in own for s in verb_synonyms(tuple(v.split()))]
    return list(dict.fromkeys([*own, *builtin, *synonyms]))


def contradicts(text: str, known: Known) -> bool:
    """Whether the player's words say the opposite of the action ("switch off the lamp" is never switching it
    on; "close the hatch" never opens it): an antonym of one of the action's verb words, and not the word."""
    words = words_of(text)
    said = set(words)
    for verb in known.verbs or (known.action.verb,):
        for part in verb.split():
            # A one-word opposite counts only without the word itself ("light" may be the thing); "put out"
            # says enough on its own.
            if any(_says(words, opposite) and (" " in opposite or part not in said) for opposite in antonyms(part)):
                return True
    return False


def explicit(game: Game, text: str, known: Known, lasting: bool = False) -> bool:
    """Whether the player's own words ask for this risky action, so a model's reading of them may run it.

    Moving needs a word of movement or a direction leading the sentence ("sit down and watch the waves" is not
    a move); dropping needs a word of letting go ("give her the ticket" never drops it); anything else that
    ends, removes or happens once, and (`lasting`) any action with effects that stay, such as a character's
    talk that sets a flag, needs one of its own verbs or their everyday synonyms in the text ("tell Bell he
    does a good job" is not a request for Bell's talk)."""
    if not known.risky and not lasting:
        return True
    words = words_of(text)
    if not words:
        return False
    action = known.action
    if action.verb == "drop":
        return bool(set(words) & DROP_WORDS) and bool(nouns_of(game.story, action.obj or "") & set(words))
    if action.verb == "go":
        moving = set(words) & (MOTION - _WEAK_MOTION)
        return bool(moving) or words[0] in DIRECTIONS
    return any(_says(words, verb) for verb in verb_words(known))


def aims_there(game: Game, text: str, action: Action) -> bool:
    """Whether the words of a move say nothing of where, or lead this way: "I want to go home" names no place
    here, so a model's reading of it as the way north is only a guess."""
    words = words_of(text)
    if action.verb != "go" or (words and words[0] in DIRECTIONS):
        return True
    at = next((i for i, w in enumerate(words) if w in MOTION - _WEAK_MOTION), None)
    if at is None:
        return True
    rest = words[at + 1:]
    aimed = move(game.story, game.state, words[at], rest)
    if aimed is not None:
        return aimed == action
    # Nothing the rules can place: a word of direction ("wander below out of the wind") still says which way;
    # only words that name no way at all ("go home") make the reading a guess.
    content = [w for w in rest if w not in MOTION_FILLER and w not in _IDLE]
    if set(content) & _WAYWARD:
        return True
    # "jump up and down to keep warm" names ways, none of them this one: on the spot, not south ("out of the
    # wind" names none).
    named = {DIRECTIONS[w] for i, w in enumerate(rest) if w in DIRECTIONS and rest[i + 1:i + 2] != ["of"]}
    return action.obj in named if named else not content


def onto_a_thing(game: Game, text: str, action: Action) -> bool:
    """Whether a move reads words that climb onto a thing the rules place nowhere ("climb up onto the roof of the
    laundrette" is never the way into it)."""
    words = words_of(text)
    if action.verb == "go" and any(into_water(w, words[i + 1:]) for i, w in enumerate(words)):
        return True  # "jump off the cliff into the sea": into the water, never the way to the shore path
    at = next((i for i, w in enumerate(words) if climbs_onto(w, words[i + 1:])), None)
    return action.verb == "go" and at is not None and move(game.story, game.state, words[at], words[at + 1:]) is None


def names_its_things(game: Game, text: str, action: Action) -> bool:
    """Whether the words name the thing (or person) the action is done to or with, by any word of theirs: "take
    the chainsaw" where no chainsaw is names nothing here, so a match's nearest thing (the ladder) is a guess."""
    things = [t for t in (action.obj, action.target) if t and (t in game.story.items or t in game.story.npcs)]
    if not things:
        return True
    said = {stem(w) for w in words_of(text)} | set(words_of(text))
    return any(said & {stem(w) for w in vocabulary_of(game.story, t) | nouns_of(game.story, t)} for t in things)


def known_for(game: Game, action: Action) -> Known | None:
    """The known action behind a candidate."""
    return next((k for k in known_actions(game.story, game.state) if k.action == action), None)


def suggestions(game: Game, text: str, ranked: list[Candidate], limit: int) -> list[str]:
    """The closest few legal actions, by the ranking's scores (or shared words), nudged toward things lying in
    the scene and the way back, and away from dropping things."""
    if limit <= 0:
        return []
    story, state = game.story, game.state
    said = {stem(w) for w in words_of(text)}
    back = way_back(story, state)
    legal = [c for c in ranked if c.legal]
    if not legal:
        return []
    raw = [c.score if c.score is not None else float(len(said & {stem(w) for w in words_of(c.match_text)}))
           for c in legal]
    top = max(raw) or 1.0

    def preference(index: int) -> float:
        c = legal[index]
        value = raw[index] / top
        if c.action.obj is not None and state.locations.get(c.action.obj) == state.scene:
            value += 0.3
        if c.action.verb == "go" and c.action.obj == back:
            value += 0.3
        if c.action.verb == "go" and c.action.obj in story.scenes[state.scene].exits:
            exit_ = story.scenes[state.scene].exits[c.action.obj]
            value += 0.2 * bool(said & destination_words(story, state, exit_.to))
        if c.action.verb == "drop" or (c.action.obj is not None and state.locations.get(c.action.obj) == CARRIED
                                       and c.risky):
            value -= 0.6
        if c.action.verb in _PLAIN:
            value -= 0.4
        return value

    order = sorted(range(len(legal)), key=preference, reverse=True)
    return [legal[i].description for i in order[:limit]]
