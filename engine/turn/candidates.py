"""What a model ranks: every action the story knows here (legal or refused), how explicitly the words name it,
and which few to suggest when nothing fits."""

from __future__ import annotations

from dataclasses import dataclass, replace

from engine.core.actions import Action
from engine.core.game import Game
from engine.core.rules.known import Known, known_actions
from engine.core.state import CARRIED
from engine.parser.motion import destination_words, stem, way_back
from engine.parser.objects import nouns_of
from engine.parser.words import DIRECTIONS, DROP_WORDS, MOTION, words_of

# Motion words that also start other phrases ("make a wish", "get the key"): alone they ask for no move.
_WEAK_MOTION = {"make", "get", "come", "back"}
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
    return [Candidate(k.action, game.describe(k.action), match_text(game, k.action), k.legal, k.refusal, k.risky)
            for k in known]


def scored(ranked: list[Candidate], scores: list[float]) -> list[Candidate]:
    """The candidates with their scores, best first."""
    with_scores = [replace(c, score=s) for c, s in zip(ranked, scores, strict=False)]
    return sorted(with_scores, key=lambda c: -(c.score or 0.0))


def _says(words: list[str], phrase: str) -> bool:
    """Whether the player's words contain `phrase` (a verb such as "board" or "switch on"), loosely inflected."""
    wanted = [stem(w) for w in words_of(phrase)]
    said = [stem(w) for w in words]
    for start in range(len(said) - len(wanted) + 1):
        window = said[start:start + len(wanted)]
        if all(s == w or (len(w) >= 4 and s.startswith(w)) for s, w in zip(window, wanted, strict=True)):
            return True
    return False


def explicit(game: Game, text: str, known: Known) -> bool:
    """Whether the player's own words ask for this risky action, so a model's reading of them may run it.

    Moving needs a word of movement or a direction leading the sentence ("sit down and watch the waves" is not
    a move); dropping needs a word of letting go ("give her the ticket" never drops it); anything else that
    ends, removes or happens once needs one of its own verbs in the text."""
    if not known.risky:
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
    return any(_says(words, verb) for verb in known.verbs)


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
