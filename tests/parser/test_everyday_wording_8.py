"""Everyday wording, round eight (categories from two outside authors' stories, tried with new phrasings on an
inline ferry-terminal story nobody tuned on): going to where a person is, small talk said to the one person here
without a name, telephoning in everyday words, crossing over, a way said without a verb, looking round the place
one is in, fondness shown to a character; and the readings that must never happen."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.core.game import Game
from engine.turn.conversation import Conversation
from tests.parser.inline_play import inline_game, key

TERMINAL = """\
format: 1
id: terminal
title: The Ferry Terminal
version: "1"
author: Test
start: quay
flags: {rang_sister: false, bell_rung: false}
items:
  kiosk:
    name: telephone kiosk
    aliases: [kiosk, telephone, phone]
    adjectives: [red]
    description: A red telephone kiosk that takes cards.
    location: quay
    portable: false
  card:
    name: phone card
    aliases: [card]
    description: A phone card with a little credit left.
    location: quay
  bell:
    name: ship's bell
    aliases: [bell]
    adjectives: [brass]
    description: A brass bell on a post.
    location: quay
    portable: false
actions:
  - verb: call
    synonyms: [phone, telephone, make a call]
    obj: kiosk
    target: card
    when: [has card, not rang_sister]
    fail: The kiosk wants a card.
    text: You ring your sister. She picks up on the second ring.
    effects: [set rang_sister]
  - verb: ring
    obj: bell
    when: [not bell_rung]
    text: The bell clangs out over the water.
    effects: [set bell_rung]
npcs:
  ivy:
    name: Ivy
    aliases: [ivy, ferry hand, deckhand]
    description: Ivy, in a salt-stiff jumper, coiling a rope.
    location: hut
    talk:
      - text: Ferry's late, Ivy says. Fog.
  gulliver:
    name: Gulliver
    aliases: [gulliver, skipper]
    description: The skipper, asleep in his wheelhouse.
    location: wheelhouse
    talk:
      - text: Gulliver snores.
scenes:
  quay:
    title: The Quay
    text: A wet stone quay. The ticket hut is north; the ferry's gangway leads east.
    exits:
      north: hut
      east: deck
  hut:
    title: The Ticket Hut
    text: A wooden hut with a paraffin heater. The quay is south.
    exits:
      south: quay
  deck:
    title: The Ferry Deck
    text: A rocking deck. The wheelhouse is up a ladder; the quay is west.
    exits:
      west: quay
      up: wheelhouse
  wheelhouse:
    title: The Wheelhouse
    text: A cramped wheelhouse that smells of diesel. The ladder goes down.
    exits:
      down: deck
"""


@pytest.fixture
def terminal(tmp_path: Path) -> Game:
    return inline_game(tmp_path, TERMINAL)


@pytest.mark.parametrize(("text", "expected"), [
    ("i'd better find ivy", "go north"),
    ("look for the deckhand", "go north"),
    ("go and find the ferry hand", "go north"),
    ("visit the skipper", "go east"),  # two scenes away: the first step of the way there
    ("go see gulliver", "go east"),
])
def test_seeking_a_person_elsewhere_is_going_where_they_are(terminal: Game, text: str, expected: str) -> None:
    assert key(text, terminal) == expected


def test_seeking_a_person_here_is_no_move(terminal: Game) -> None:
    assert key("find ivy", terminal, "north") != "go south"


@pytest.mark.parametrize("text", [
    "telephone my sister", "ring my gran", "i should phone home", "call my dad on the kiosk", "dial home",
    "make a call with the card",
])
def test_telephoning_in_everyday_words_is_the_storys_call(terminal: Game, text: str) -> None:
    assert key(text, terminal, "take card") == "call kiosk on card"


def test_a_bell_of_the_storys_is_rung_never_telephoned(terminal: Game) -> None:
    assert key("ring the bell", terminal, "take card") == "ring bell"


@pytest.mark.parametrize("text", ["call out to ivy", "call it a day", "call for help", "ring the bell",
                                  "throw the phone card away"])
def test_calling_words_that_are_no_telephone_call(terminal: Game, text: str) -> None:
    assert key(text, terminal, "take card") != "call kiosk on card"


@pytest.mark.parametrize("text", [
    "excuse me, miss", "oi, you all right?", "are you cold out here?", "do you know when the ferry goes",
    "what are you doing", "ask her how long she's worked here", "tell ivy thanks", "ask about the fog",
    "sorry to bother you",
])
def test_small_talk_to_the_one_person_here_is_their_talk(terminal: Game, text: str) -> None:
    key("look", terminal, "north")
    heard = Conversation(None).hear(text, terminal)
    assert heard is not None and heard.npc == "ivy" and heard.talk


@pytest.mark.parametrize("text", ["are you cold out here?", "excuse me, miss", "what are you doing"])
def test_small_talk_with_no_one_here_is_not_speech(terminal: Game, text: str) -> None:
    assert Conversation(None).hear(text, terminal) is None


@pytest.mark.parametrize("text", ["can you open the door", "could you help me find the key", "what have i got"])
def test_polite_commands_and_questions_of_the_game_are_not_small_talk(terminal: Game, text: str) -> None:
    key("look", terminal, "north")
    assert Conversation(None).hear(text, terminal) is None



@pytest.mark.parametrize(("moves", "text", "expected"), [
    (("east",), "head across to the other side", "go up"),  # the one way on that is not back to the quay
    (("east",), "carry on", "go up"),
    (("east",), "keep walking", "go up"),
    (("east", "up"), "go over to the other side", None),  # the wheelhouse has only the way back
])
def test_crossing_is_the_way_on_that_is_not_back(terminal: Game, moves: tuple[str, ...], text: str,
                                                 expected: str | None) -> None:
    assert key(text, terminal, *moves) == expected


@pytest.mark.parametrize(("moves", "text", "expected"), [
    ((), "into the ticket hut", "go north"),
    ((), "over to the ferry", "go east"),
    (("east",), "up to the wheelhouse", "go up"),
    (("north",), "back out to the quay", "go south"),
    (("east",), "i'll climb up there", "go up"),
    (("east", "up"), "get down there", "go down"),
])
def test_a_way_said_without_a_verb_is_going_that_way(terminal: Game, moves: tuple[str, ...], text: str,
                                                     expected: str) -> None:
    assert key(text, terminal, *moves) == expected


@pytest.mark.parametrize(("moves", "text"), [
    ((), "look round the quay"), (("north",), "have a look around the hut"), (("east",), "explore the deck"),
])
def test_looking_round_the_place_one_is_in_is_the_look(terminal: Game, moves: tuple[str, ...], text: str) -> None:
    assert key(text, terminal, *moves) == "look"


def test_looking_round_another_place_is_no_look_here(terminal: Game) -> None:
    assert key("look around the wheelhouse", terminal) != "look"


@pytest.mark.parametrize("text", ["stroke the deckhand", "pat the ferry hand", "scratch ivy"])
def test_fondness_shown_to_a_character_is_their_talk(terminal: Game, text: str) -> None:
    assert key(text, terminal, "north") == "talk ivy"


def test_fondness_shown_to_someone_elsewhere_is_not_their_talk(terminal: Game) -> None:
    assert key("stroke the deckhand", terminal) != "talk ivy"


@pytest.mark.parametrize("text", ["hug ivy", "cuddle the deckhand"])
def test_hugging_a_person_is_never_their_talk(terminal: Game, text: str) -> None:
    assert key(text, terminal, "north") != "talk ivy"
