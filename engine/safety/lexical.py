"""Word-level signals the crisis head reads beside the sentence vector: who it is about, real or game, joke or not.

Why: a sentence vector encodes the topic well and the speaker badly. "my character wants to die" and
"i want to die", "kill me now, the in-laws are staying" and "kill me now, i mean it", "i took my pills
at 6" and "i took all my pills" lie close together. These are categories of wording, not phrases of any
test set: first person, a game or story subject, a reality marker, a joke marker, recovery, excess,
time, means. The head (head.py) learns from development data how much each one weighs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

SIGNAL = 0.1
"""The value of a present signal before the head's scaling (head.SCALE): about a similarity's size."""


def _words(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b")


_REQUEST = re.compile(
    r"\b(?:give|tell|show|let|help|teach|take|bring|get|find|hand|lend|send|read|remind|ask|pass|offer"
    r"|grant|sell|buy|leave)\s+(?:me|us)\b"
)
SIGNALS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("self", _words("i", "im", "ive", "id", "ill", "me", "my", "mine", "myself")),
    ("want", _words("i want", "i wanna", "i wish", "id rather", "i keep thinking", "i hope", "hoping",
                    "thinking about", "thinkin", "been thinking", "i would not mind", "i wouldnt mind")),
    ("decided", _words("ive decided", "i decided", "made up my mind", "my decision", "going to", "gonna",
                       "im going", "ill do it", "i will", "about to", "picked", "planned", "plan")),
    ("third", _words("he", "she", "they", "him", "her", "his", "hers", "them", "someone", "somebody",
                     "people", "everyone")),
    ("fiction", _words("npc", "character", "characters", "hero", "heroine", "villain", "boss", "queen",
                       "king", "knight", "dragon", "wizard", "witch", "troll", "goblin", "orc", "zombie",
                       "vampire", "player", "companion", "quest", "level", "story", "scene", "chapter",
                       "novel", "book", "film", "movie", "play", "essay", "narrator", "plot", "ending",
                       "npcs", "guard", "merchant", "innkeeper", "hermit", "monster", "enemy", "enemies")),
    ("mechanic", _words("respawn", "hp", "hit points", "health bar", "inventory", "spell", "potion", "save",
                        "checkpoint", "reload", "game over", "run", "level up", "xp", "loot", "sword",
                        "dungeon", "crypt", "cast", "fireball", "boss fight", "mana")),
    ("real", _words("irl", "for real", "real life", "in real life", "not the game", "not in the game",
                    "not in game", "outside the game", "not my character", "not the character",
                    "out of character", "ooc", "the real me", "not a joke", "not joking", "no joke",
                    "i mean it", "seriously", "honestly", "actually", "really", "literally", "truly")),
    ("joke", _words("lol", "lmao", "lmfao", "rofl", "haha\\w*", "jk", "kidding", "joking", "just joking")),
    ("recovered", _words("better now", "fine now", "ok now", "okay now", "helped", "helps", "no longer",
                         "used to", "years ago", "recovered", "in recovery", "getting better", "doing better",
                         "feel better", "feel loads better", "but im ok", "but im okay", "but im fine",
                         "im fine", "managing", "keeps me going", "grateful", "content", "peaceful")),
    ("negated", _words("not", "never", "no", "dont", "didnt", "wont", "wouldnt", "isnt", "nothing")),
    ("excess", _words("all", "whole", "every", "entire", "full", "rest of", "lots?", "loads?", "handful",
                      "too many", "too much", "the lot", "them all", "bottles?", "packets?", "packs?",
                      "boxes", "strips?", "stash", "stockpil\\w*", "[3-9]", "[1-9]\\d+", "dozens?",
                      "overdos\\w*", "enough to")),
    ("time", _words("tonight", "tomorrow", "this weekend", "friday", "saturday", "sunday", "monday",
                    "birthday", "new year", "christmas", "the date", "when", "after", "before", "soon",
                    "next week", "last night", "morning")),
    ("now", _words("now", "rn", "right now", "already", "ago", "just", "currently", "as we speak",
                   "kicking in", "too late", "about to", "sitting", "standing", "here")),
    ("means", _words("rope", "noose", "belt", "pills?", "tablets?", "meds", "paracetamol", "tylenol",
                     "insulin", "codeine", "gun", "rifle", "shotgun", "pistol", "knife", "blade", "blades",
                     "razor", "scissors", "bridge", "cliff", "roof", "ledge", "tracks", "train", "railway",
                     "exhaust", "hose", "gas", "bleach", "poison", "pesticide", "weedkiller", "river",
                     "lake", "sea", "quarry", "beam", "car", "lorry", "motorway")),
    ("body", _words("blood", "bleed\\w*", "cut\\w*", "burn\\w*", "marks", "scars?", "bruis\\w*",
                    "wrists?", "arms?", "thighs?", "dizzy", "vomit\\w*", "throwing up", "numb", "shaking")),
    ("ending", _words("die", "dying", "dead", "death", "kill\\w*", "suicid\\w*", "end it", "ending it",
                      "end things", "end my life", "not wake up", "never wake", "alive", "be here",
                      "exist\\w*", "gone", "goodbye", "last", "over", "done", "anymore", "nemore",
                      "no more", "for good", "forever", "better off", "without me")),
    ("feeling", _words("sad\\w*", "depress\\w*", "anxi\\w*", "panic\\w*", "hopeless\\w*", "worthless",
                       "pointless", "empty", "alone", "lonely", "miserable", "broken", "tired", "exhausted",
                       "cope", "coping", "struggl\\w*", "hurt\\w*", "cry\\w*", "crying", "scared",
                       "afraid", "terrified", "burden", "trapped", "stuck", "cant", "no point",
                       "give up", "giving up", "hate myself", "cant breathe")),
    ("fear", _words("hit\\w*", "beat\\w*", "punch\\w*", "slap\\w*", "kick\\w*", "hurts me", "touch\\w*",
                    "secret", "forced?", "locks?", "locked", "threaten\\w*", "angry", "scared of",
                    "afraid of", "makes me", "wont let me", "control\\w*", "checks my")),
    ("others", _words("hurt (?:him|her|them|someone|somebody)", "kill (?:him|her|them|someone|somebody)",
                      "make (?:him|her|them) pay", "what ill do", "what i might do", "what id do")),
    ("question", _words("how", "what", "which", "where", "would", "does", "do", "is it", "can you")),
    ("professional", _words("doctor", "gp", "nurse", "dentist", "pharmac\\w*", "prescribed", "exam",
                            "student", "lecture", "revision", "toxicology", "history", "essay",
                            "counsellor", "therapist", "appointment", "operation")),
    ("idiom", _words("killing me", "kill me now", "dying to", "could die", "die of", "dead tired",
                     "to die for", "end of my rope", "at the end of my rope", "last straw", "over my dead",
                     "drowning in", "fed up", "going out with a bang", "murder a", "killed it",
                     "nailed it", "dead on", "deadline")),
)
"""Each signal: a name (for the record) and the words that show it in normalised text."""


def signals(texts: Sequence[str]) -> Any:
    """(len(texts), len(SIGNALS)) float32: SIGNAL where a signal's words occur in the normalised text, else 0.

    "me" as the recipient of a request ("give me the key") is not first person."""
    import numpy as np

    rows = [[SIGNAL if pattern.search(_REQUEST.sub(" ", text) if name == "self" else text) else 0.0
             for name, pattern in SIGNALS] for text in texts]
    return np.array(rows, dtype=np.float32).reshape(len(texts), len(SIGNALS))

# Harm under way or about to be, said of the present: the time ("rn", "an hour ago"), the place one is at
# ("on the roof", "parked up by", "in the bath"), the means in hand ("in my hand", "beside me"), a body
# already reacting, someone coming now. Why: fresh writers mark such lines imminent whatever the topic.
_PRESENT = re.compile(
    r"\b(?:now|rn|right now|just now|already|ago|as i type|as we speak|typing this|typing from|between turns"
    r"|this is it|this second|at the moment|currently|kicking in|too late|about to|going in|tonight"
    r"|in my (?:hand|hands|lap|pocket|bag|mouth)|beside me|next to me|in front of me|on the table|lined up"
    r"|(?:im|i am|standing|sitting|sat|stood|lying|parked(?: up)?|waiting) (?:on|at|in|by|under|over|outside|behind)"
    r"|on the (?:roof|bridge|platform|ledge|edge|railing|pier|cliff|floor|tracks|overpass|wall)"
    r"|in the (?:bath|bathroom|car|garage|woods|wardrobe|closet|cupboard|water|sea|river)"
    r"|hiding|coming up|coming in|outside (?:the|my) door|downstairs|upstairs|still in|hes back|shes back"
    r"|bleeding|cutting|shaking|cant breathe|sleepy|drowsy|eyes heavy|ringing|burning|dizzy|numb|going dark"
    r"|wont stop|cant stop|not slowing|finishing|loaded|engine (?:on|running)|running)\b"
)


def present(normalised: str) -> bool:
    """True when a normalised text speaks of the present moment (see _PRESENT)."""
    return _PRESENT.search(normalised) is not None
