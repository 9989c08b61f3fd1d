"""The parser's vocabulary: verb phrases with synonyms, directions with abbreviations, and filler words."""

from __future__ import annotations

import re
import unicodedata

DIRECTIONS = {
    "n": "north", "s": "south", "e": "east", "w": "west",
    "ne": "northeast", "nw": "northwest", "se": "southeast", "sw": "southwest",
    "u": "up", "d": "down", "upstairs": "up", "downstairs": "down", "inside": "in", "outside": "out",
    "north": "north", "south": "south", "east": "east", "west": "west", "northeast": "northeast",
    "northwest": "northwest", "southeast": "southeast", "southwest": "southwest", "up": "up", "down": "down",
    "in": "in", "out": "out",
}

# Verb phrases (as word tuples) -> engine verb. Longest phrase wins.
BUILTIN_PHRASES: dict[tuple[str, ...], str] = {
    ("look",): "look", ("l",): "look", ("look", "around"): "look", ("look", "about"): "look",
    ("look", "round"): "look",
    ("examine",): "examine", ("x",): "examine", ("inspect",): "examine", ("check",): "examine",
    ("look", "at"): "examine", ("study",): "examine", ("describe",): "examine", ("read",): "examine",
    ("take",): "take", ("get",): "take", ("grab",): "take", ("pick", "up"): "take", ("pick",): "take",
    ("collect",): "take",
    ("drop",): "drop", ("put", "down"): "drop", ("discard",): "drop", ("set", "down"): "drop",
    ("use",): "use",
    ("talk",): "talk", ("talk", "to"): "talk", ("talk", "with"): "talk", ("speak",): "talk",
    ("speak", "to"): "talk", ("speak", "with"): "talk", ("chat", "with"): "talk", ("chat",): "talk",
    ("greet",): "talk", ("ask",): "talk",
    ("inventory",): "inventory", ("i",): "inventory", ("inv",): "inventory",
    ("wait",): "wait", ("z",): "wait",
    ("help",): "help", ("?",): "help", ("commands",): "help",
    ("go",): "go", ("walk",): "go", ("run",): "go", ("head",): "go", ("move",): "go", ("travel",): "go",
    ("go", "to"): "go",
    # Everyday wording for the same built-in verbs.
    ("look", "in"): "examine", ("look", "into"): "examine", ("look", "inside"): "examine",
    ("look", "through"): "examine", ("look", "over"): "examine", ("have", "look", "at"): "examine",
    ("look", "behind"): "examine", ("look", "under"): "examine", ("look", "underneath"): "examine",
    ("look", "beneath"): "examine",
    ("take", "look", "at"): "examine", ("have", "look"): "look", ("take", "look"): "look",
    ("look", "closely", "at"): "examine", ("have", "closer", "look", "at"): "examine",
    ("take", "closer", "look", "at"): "examine",
    ("say", "hello", "to"): "talk", ("say", "hi", "to"): "talk", ("chat", "to"): "talk",
    ("have", "chat", "with"): "talk", ("have", "word", "with"): "talk",
    # Swapping: no deed of its own, but what is given goes to whoever holds what one gets ("swap it for his pen").
    ("swap",): "swap", ("swop",): "swap", ("trade",): "trade", ("exchange",): "exchange", ("barter",): "barter",
    ("pick", "out"): "take", ("see",): "examine", ("check", "out"): "examine", ("make", "way"): "go",
    ("find",): "examine",
    ("put", "away"): "drop", ("get", "rid", "of"): "drop", ("throw", "away"): "drop", ("toss", "away"): "drop",
}

# Words that move the player. Several are also everyday verbs a story may claim ("leave", "return"): then the
# story's meaning is tried first and the movement only when it fits nothing here.
MOTION = {
    "go", "walk", "run", "head", "move", "travel", "wander", "stroll", "step", "climb", "return", "back",
    "continue", "proceed", "hurry", "enter", "exit", "leave", "descend", "ascend", "come", "make", "get", "visit",
    "follow", "board", "embark", "disembark", "alight", "clamber",
    # Ways of going that say how: "jump across to the bank", "cross the bridge", "join Ruth on the roof".
    "jump", "hop", "leap", "cross", "join", "dash", "jog", "stride", "nip",
}
# A motion word alone ("climb", "enter") has an obvious direction.
MOTION_DEFAULT = {"climb": "up", "ascend": "up", "descend": "down", "enter": "in", "exit": "out", "leave": "out"}
# Words inside a movement that say nothing about where ("go back over to the ...").
MOTION_FILLER = {"back", "over", "through", "along", "across", "to", "towards", "toward", "into", "onto", "way",
                 "my", "our", "again", "now", "please", "for", "of", "off", "on", "at", "round", "around", "just",
                 "then", "there", "by"}
# Words that can only mean what the player carries.
CARRIED_WORDS = {"pockets", "pocket", "bag", "inventory", "belongings", "stuff", "things"}
# The lost-things verbs a model may never guess: drop needs one of these words in the player's text.
DROP_WORDS = {"drop", "discard", "down", "away", "rid", "leave", "abandon", "toss", "throw", "ditch"}
# Leading words that carry no command ("I want to", "let's", "just").
LEADING = tuple(tuple(phrase.split()) for phrase in (
    "i want to", "i would like to", "i'd like to", "id like to", "i wanna", "i will", "i'll", "i am going to",
    "i'm going to", "im going to", "going to", "let me", "let's", "lets", "can i", "could i", "may i", "should i",
    "i should", "i need to", "i try to", "i think i'll", "try to", "try and", "just", "please", "maybe",
    "perhaps", "now", "then", "ok", "okay", "so", "first", "quickly", "carefully", "gently", "slowly", "softly",
    # Polite and tentative wrappers: "could you open...", "I'd love to...", "I guess I'll...".
    "could you", "can you", "would you", "will you", "would you mind", "can we", "could we", "shall we",
    "shall i", "let us", "i'd love to", "i would love to", "i guess i'll", "i guess i will", "i think i will",
    "i'd rather", "i decide to", "i'm gonna", "im gonna", "gonna", "wanna", "want to", "i want", "time to",
    "i'm trying to", "attempt to", "go ahead and", "kindly", "i'd like", "i would like", "i think", "i guess",
    # Changing one's mind first: "forget it, I'm going home".
    "forget it", "never mind", "nevermind", "actually", "oh well",
    # Asking leave, or thinking aloud: "is it ok if I...", "do you mind if I...", "I'd better...", "hmm, ...".
    "is it ok if i", "is it okay if i", "is it alright if i", "is it all right if i", "would it be ok to",
    "would it be okay to", "would it be alright to", "would it be all right to", "would it be ok if i",
    "do you mind if i", "would you mind if i", "mind if i", "how about i", "how about we", "what if i",
    "what about i", "i could", "we could", "i'd better", "i had better", "i better", "id better", "we'd better",
    "better", "lemme", "hmm", "hm", "um", "umm", "er", "erm", "uh", "well", "alright", "right", "oh", "ah",
    "ok so", "okay so", "so i", "and", "i feel like", "feel like", "i fancy", "i suppose i'll", "i suppose i should",
    "i might", "i may as well", "i might as well", "may as well", "might as well", "it's time to", "its time to",
    "it is time to", "time for me to", "i'm ready to", "i am ready to", "ready to", "i'd like to try to",
    "i'll try to", "i will try to", "i'll just", "i will just", "i must", "i have to", "i've got to", "i got to",
    "i gotta", "gotta", "we should", "we need to", "we must", "we have to", "let me just", "let's just",
    # Suggesting, which denies nothing: "why don't we go in", "why not ring the bell".
    "i just", "we just",
    "why don't i", "why don't we", "why dont i", "why dont we", "why don't you", "why not", "how about",
    # Asking for a hand with the deed is the deed: "can you help me moor up?", "help me lift the crate".
    "help me", "help me to", "help us", "help us to", "give me hand", "give me a hand",
    "think i'll", "think ill", "i think ill", "think i will",
))
# Trailing words that carry no command ("... please", "... for a while"); articles are already gone.
TRAILING = tuple(tuple(phrase.split()) for phrase in (
    "please", "now", "again", "for while", "for bit", "for moment", "for minute", "little", "here", "there",
    "back", "away", "softly", "gently", "slowly", "quietly", "carefully",
    # How well a deed is done, said after its object: "cut the wick straight", "trim it square".
    "straight", "square", "neatly", "properly", "evenly",
    # Politeness and hedging at the end: "... if that's ok", "... I guess", "... thanks".
    "i guess", "i think", "i suppose", "if i can", "if i may", "if possible", "if that's ok", "if that's okay",
    "if that's alright", "if thats ok", "if you don't mind", "if you dont mind", "thanks", "thank you", "pls",
    "plz", "real quick", "quickly", "right now", "for me", "ok", "okay", "maybe", "perhaps", "then", "too",
    # What the player says of the thing after naming it: "the red mitten I found", "the key you dropped".
    "i found", "i've found", "ive found", "that i found", "i just found", "i found earlier", "i picked up",
    "i've got", "ive got", "i have", "i got", "you lost", "you dropped", "she lost", "he lost", "they lost",
))
CONJUNCTIONS = {"and", "then"}
POSSESSIVES = {"her", "his", "their", "its", "our"}
PEOPLE_PRONOUNS = {"him", "her", "them"}

NEEDS_OBJECT = {"examine", "take", "drop", "use", "talk"}
NO_OBJECT = {"look", "inventory", "wait", "help"}
ARTICLES = {"the", "a", "an", "some", "my", "your", "this", "that", "these", "those", "please",
            # How many says nothing about which: "take two logs".
            "two", "three", "four", "five", "six", "several", "another"}
# Words that deny what follows: "do not go north" is never the way north.
NEGATIONS = {"not", "don't", "dont", "never", "won't", "wont", "can't", "cant", "cannot", "shouldn't", "shouldnt",
             "didn't", "didnt", "mustn't", "mustnt", "wouldn't", "wouldnt", "couldn't", "couldnt", "isn't", "isnt",
             "aren't", "arent", "wasn't", "wasnt", "nor", "neither", "doesn't", "doesnt", "haven't", "havent"}
PREPOSITIONS = ("on", "with", "to", "at", "into", "onto", "in", "under", "from", "about", "for", "over")
PRONOUNS = {"it", "them", "him", "her"}

_PUNCT = re.compile(r"[^\w\s?'-]|_")  # an id's underscore ("cocoa_tin", typed by authors) parts words


def fold(text: str) -> str:
    """Lower case without accents, so "cafe" and "café", "naive" and "naïve" are one word."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))


def words_of(text: str) -> list[str]:
    """Lower-case words without punctuation, accents or articles."""
    cleaned = _PUNCT.sub(" ", fold(text)).replace("?", " ? ").strip()
    words = [w for w in cleaned.split() if w not in ARTICLES]
    if len(words) > 1 and words[-1] == "?":
        words.pop()
    return words


def verb_phrases(story_verbs: frozenset[str]) -> dict[tuple[str, ...], str]:
    """Built-in phrases plus the story's own verbs (which win when they clash), spelt as `words_of` spells them."""
    phrases = dict(BUILTIN_PHRASES)
    for verb in story_verbs:
        typed = tuple(words_of(verb))
        if typed:
            phrases[typed] = verb
    return phrases
