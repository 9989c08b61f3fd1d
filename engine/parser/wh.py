"""Information questions ("what is the dog's name?"): words that ask, never ask for a deed to be done."""

from __future__ import annotations

import re

_WH = {"what", "who", "whom", "whose", "why", "where", "when", "how", "which", "whats", "what's", "who's",
       "whos", "where's", "wheres", "how's", "hows", "why's", "when's", "which's"}
# Wh-words that open a suggestion rather than a question: "how about lighting the stove".
_SUGGESTING = {("how", "about"), ("why", "not"), ("why", "don't"), ("why", "dont"), ("what", "if"),
               ("what", "about")}
_WORD = re.compile(r"[a-z']+")


def information_question(text: str) -> bool:
    """Whether `text` asks for information (opens with a wh-word), as opposed to a polite request ("could I
    open it?", "shall we go?") or a suggestion ("how about ringing the bell?")."""
    words = _WORD.findall(text.lower().replace("\u2019", "'"))
    if not words or words[0] not in _WH:
        return False
    return tuple(words[:2]) not in _SUGGESTING
