"""A small labelled set for measuring how well a model maps player phrases to legal actions (bench only)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ChoiceItem:
    """A scene, its legal actions, what the player typed, and the index of the action meant."""

    scene: str
    options: tuple[str, ...]
    phrase: str
    answer: int


CHOICE_SET: tuple[ChoiceItem, ...] = (
    ChoiceItem("A kitchen. A brass key lies on the table. A door leads north.",
               ("go north", "take brass key", "open door", "look around"), "grab the key", 1),
    ChoiceItem("A kitchen. A brass key lies on the table. A door leads north.",
               ("go north", "take brass key", "open door", "look around"), "head through to the north", 0),
    ChoiceItem("A quiet garden with a bench and a pond. Paths lead east and west.",
               ("go east", "go west", "sit on bench", "look at pond"), "I want to sit down for a while", 2),
    ChoiceItem("A quiet garden with a bench and a pond. Paths lead east and west.",
               ("go east", "go west", "sit on bench", "look at pond"), "walk west", 1),
    ChoiceItem("A library. Mara, the librarian, is sorting books. A lamp flickers.",
               ("talk to mara", "take lamp", "read book", "go south"), "say hello to the librarian", 0),
    ChoiceItem("A library. Mara, the librarian, is sorting books. A lamp flickers.",
               ("talk to mara", "take lamp", "read book", "go south"), "pick up the lamp", 1),
    ChoiceItem("A library. Mara, the librarian, is sorting books. A lamp flickers.",
               ("talk to mara", "take lamp", "read book", "go south"), "open one of the books and read", 2),
    ChoiceItem("A locked chest sits in the attic. You hold a small iron key.",
               ("unlock chest with iron key", "go down", "drop iron key", "look around"), "use my key on the chest", 0),
    ChoiceItem("A locked chest sits in the attic. You hold a small iron key.",
               ("unlock chest with iron key", "go down", "drop iron key", "look around"), "climb back downstairs", 1),
    ChoiceItem("A beach at dusk. Waves roll in. A shell glitters in the sand.",
               ("take shell", "breathe slowly", "walk along the shore", "listen to the waves"),
               "take a few calm deep breaths", 1),
    ChoiceItem("A beach at dusk. Waves roll in. A shell glitters in the sand.",
               ("take shell", "breathe slowly", "walk along the shore", "listen to the waves"),
               "what do the waves sound like", 3),
    ChoiceItem("A forest clearing. An old man sits by a fire. A path leads north.",
               ("talk to old man", "warm hands by fire", "go north", "wait"), "ask the old man who he is", 0),
    ChoiceItem("A forest clearing. An old man sits by a fire. A path leads north.",
               ("talk to old man", "warm hands by fire", "go north", "wait"),
               "my hands are cold, get near the fire", 1),
    ChoiceItem("A hallway with a red door and a blue door. A mirror hangs on the wall.",
               ("open red door", "open blue door", "look in mirror", "go back"), "try the blue one", 1),
    ChoiceItem("A hallway with a red door and a blue door. A mirror hangs on the wall.",
               ("open red door", "open blue door", "look in mirror", "go back"), "check my reflection", 2),
    ChoiceItem("A hallway with a red door and a blue door. A mirror hangs on the wall.",
               ("open red door", "open blue door", "look in mirror", "go back"), "return the way I came", 3),
)
