"""Questions about how a thing is, which ask to look at it: "is the hedgehog ok?", "how rusty is the lock?"."""

from __future__ import annotations

from collections.abc import Iterator

from engine.parser.result import Reworded

# Openings of a yes/no question about a thing ("is the gate open?", "does the lamp need oil?").
# "do" and "have" open commands as often ("do the washing up", "have a rest"): never read as asking.
_BEING = {"is", "are", "was", "were", "does", "has", "isn't", "doesn't", "hasn't", "aren't"}
_HOW_BEING = {"is", "are", "was", "does", "do", "has", "have", "looks", "look", "seems", "seem"}
# Words after the thing that say what is asked about it, not which thing: "how is the dog doing?".
_ASKED = {"doing", "looking", "getting", "holding", "going", "like", "now", "today", "up", "on"}
# "what's wrong with the pump", "what happened to the boat", "what state is the lock in".
_WHATS = (("what's", "wrong", "with"), ("whats", "wrong", "with"), ("what", "is", "wrong", "with"),
          ("what's", "up", "with"), ("what", "happened", "to"), ("what's", "happened", "to"),
          ("what", "state", "is"), ("what", "condition", "is"), ("what", "shape", "is"))
_WHAT_IS = {"what's", "whats"}
# Words that point rather than name: "what's that grey box" is the grey box.
_POINTING = {"that", "this", "those", "these", "there", "here", "down", "up", "over"}
# Where a thing asked after would be: "is there a key under the mat?" looks under it.
_WHERE = {"under", "underneath", "beneath", "behind", "in", "inside", "on", "below", "beside", "among", "at"}
# Subjects that are no thing of the story: "how are you?", "is it time?".
_PEOPLE = {"you", "i", "we", "they", "it", "me", "he", "she", "there", "this", "that", "everything", "anything",
           "anyone", "someone", "everyone", "nothing", "what", "who", "u", "ya", "y'all"}


def asking(words: list[str]) -> Iterator[list[str]]:
    """Examine readings of a question about a thing: the thing is the words after the opening, with what is
    asked of it (a state, "doing", "like") cut from the end, longest first."""
    head = words[0]
    if words[:2] in (["is", "there"], ["are", "there"]):
        # "is there a key under the mat?": a look where it would be (the thing asked for is not the question).
        at = next((i for i, w in enumerate(words[2:-1], 2) if w in _WHERE), None)
        if at is not None:
            yield Reworded(["look", *words[at:]])
        return
    subject: list[str] = []
    if head in _BEING and len(words) > 1:
        subject = words[1:]
    elif head == "how" and len(words) > 2:
        # "how rusty is the lock", "how is the hedgehog doing", "how does the lamp look".
        at = next((i for i in range(1, min(4, len(words) - 1)) if words[i] in _HOW_BEING), None)
        subject = words[at + 1:] if at is not None else []
    elif head in ("how's", "hows") and len(words) > 1:
        subject = words[1:]
    if head in _WHAT_IS and len(words) > 1 or words[:2] in (["what", "is"], ["what", "are"]) and len(words) > 2:
        # "what are the scraps", "what's that grey box", "what's in the tin", "what's glinting down there".
        said = [w for w in words[1 if head in _WHAT_IS else 2:] if w not in _POINTING]
        if said[:1] and said[0] in _WHERE and len(said) > 1:
            yield Reworded(["look", *said])
            said = said[1:]
        elif said[:1] and said[0].endswith("ing") and len(said[0]) > 5:
            yield Reworded(["examine", said[0], "thing"])
            return
        subject = said
    for opening in _WHATS:
        if tuple(words[:len(opening)]) == opening and len(words) > len(opening):
            subject = [w for w in words[len(opening):] if w != "in"]
    while subject and subject[-1] in _ASKED:
        subject = subject[:-1]
    where = next((i for i, w in enumerate(subject[1:-1], 1) if w in _WHERE), None)
    if head in _BEING and where is not None:
        # "is the key under the pot?": a look where it is asked to be, before the thing itself.
        yield Reworded(["look", *subject[where:]])
    if subject[:1] and subject[0] in _PEOPLE:
        return  # "how are you?", "how long have I been here?": about someone, not a thing to look at
    for cut in range(len(subject), 0, -1):
        yield Reworded(["examine", *subject[:cut]])
