"""Everyday wording the story's own words do not cover: synonyms, plurals, compounds, particles, results,
questions about looks, "... by knocking", and direction words that contradict a way on (new phrasings, on an
inline story nobody tuned on)."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.core.game import Game
from engine.parser import parse
from engine.parser.lexicon import singular, stands_for
from engine.story import load_story
from tests.parser.inline_play import inline_game

COTTAGE = """\
format: 1
id: cottage
title: The Cottage
version: "1"
author: Test
start: yard
flags: {hatch_open: false, rang: false}
items:
  shell:
    name: spiral shell
    aliases: [shell]
    adjectives: [pale, spiral]
    description: A pale spiral shell.
    location: yard
  penny:
    name: bent coin
    aliases: [coin]
    adjectives: [bent]
    description: A bent coin.
    location: yard
  trough:
    name: water trough
    aliases: [trough]
    adjectives: [water]
    description: A trough of rainwater.
    location: yard
    portable: false
  hatch:
    name: cellar hatch
    aliases: [hatch]
    adjectives: [cellar, wooden]
    description: A wooden hatch.
    location: yard
    portable: false
  bell:
    name: brass bell
    aliases: [bell]
    adjectives: [brass, large]
    description: A large brass bell by the door.
    location: yard
    portable: false
  barley:
    name: sheaf of barley
    aliases: [barley, sheaf]
    description: Dry barley.
    location: yard
npcs:
  nell:
    name: Nell
    aliases: [woman, farmer]
    adjectives: [old]
    description: An old farmer leaning on the fence.
    location: yard
    talk:
      - {text: '"Evening," says Nell.'}
scenes:
  yard:
    title: The Farmyard
    text: A muddy yard. A lane runs north to the orchard; the farmhouse door is in.
    exits:
      north: orchard
      in: parlour
    actions:
      - verb: open
        obj: hatch
        when: not hatch_open
        text: The hatch creaks open.
        effects: [set hatch_open]
      - verb: ring
        obj: bell
        text: The bell clangs.
        effects: [set rang]
      - verb: hand
        obj: barley
        target: nell
        when: has barley
        text: Nell takes the barley.
        effects: [remove barley]
  orchard:
    title: The Apple Orchard
    text: Apple trees.
    exits: {south: yard}
  parlour:
    title: The Parlour
    text: A low parlour inside the farmhouse. The yard is out.
    exits: {out: yard, north: larder}
  larder:
    title: The Larder
    text: Shelves of jars.
    exits: {south: parlour}
"""


@pytest.fixture
def cottage(tmp_path: Path) -> Game:
    return inline_game(tmp_path, COTTAGE, seed=2)


def key(text: str, game: Game) -> str | None:
    result = parse(text, game)
    return result.action.key() if result.action is not None else None


@pytest.mark.parametrize(("text", "expected"), [
    ("snatch the shell", "take shell"),              # a verb synonym for a built-in verb
    ("scoop up the pale shell", "take shell"),
    ("sound the brass bell", "ring bell"),           # ... and for a story verb
    ("pass the barley to the old woman", "hand barley on nell"),  # not carried yet: the author's refusal
])
def test_everyday_verbs_stand_for_the_story_or_built_in_ones(cottage: Game, text: str, expected: str) -> None:
    assert key(text, cottage) == expected


def test_a_synonym_of_giving_reaches_the_story_verb(cottage: Game) -> None:
    cottage.perform(parse("take barley", cottage).action)  # type: ignore[arg-type]
    assert key("give the sheaf to the old lady", cottage) == "hand barley on nell"


@pytest.mark.parametrize(("text", "expected"), [
    ("take the shells", "take shell"),               # plural for singular
    ("pick up the penny", "take penny"),            # a noun synonym (coin)
    ("examine the large bell", "examine bell"),     # an adjective synonym (big/large)
    ("look at the seashell", "examine shell"),       # a compound names its head
    ("gather some of the barley", "take barley"),   # "some of"
])
def test_nouns_match_by_plural_synonym_and_compound(cottage: Game, text: str, expected: str) -> None:
    assert key(text, cottage) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("fish the coin out of the trough", "take penny"),   # a particle after the object
    ("get the cellar hatch open", "open hatch"),         # a result word at the end
    ("push the hatch open", "open hatch"),
    ("what does the bell look like", "examine bell"),    # a question about looks
    ("tell them I'm here by ringing the bell", "ring bell"),  # the deed after "by"
])
def test_other_shapes_of_the_same_request(cottage: Game, text: str, expected: str) -> None:
    assert key(text, cottage) == expected


def test_a_way_on_named_by_a_synonym_of_its_title(tmp_path: Path) -> None:
    (tmp_path / "story.yaml").write_text(COTTAGE, encoding="utf-8")
    game = Game.new(load_story(tmp_path), seed=2, scene="orchard")
    # The yard's title says "Farmyard"; "garden" is its everyday synonym.
    assert key("stroll back over to the garden", game) == "go south"


def test_direction_words_that_contradict_a_way_on_never_take_it(tmp_path: Path) -> None:
    (tmp_path / "story.yaml").write_text(COTTAGE, encoding="utf-8")
    game = Game.new(load_story(tmp_path), seed=2, scene="parlour")
    # "yard" names the way out, but "deeper into" says the opposite: no move rather than the wrong one.
    assert key("go deeper into the yard", game) != "go out"
    assert key("go out to the yard", game) == "go out"


def test_the_story_words_come_first_and_unknown_words_stay_unknown(cottage: Game) -> None:
    assert key("open the hatch", cottage) == "open hatch"
    assert parse("frobnicate the shell", cottage).kind == "not_understood"
    assert parse("snatch the moon", cottage).action is None


def test_lexicon_helpers() -> None:
    assert singular("boxes") == "box" and singular("berries") == "berry" and singular("glass") == "glass"
    assert stands_for("rock", {"stone", "smooth"}) == "stone"
    assert stands_for("goldfish", {"fish", "tank"}) == "fish"
    assert stands_for("moon", {"stone"}) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("could you please ring the bell", "ring bell"),       # polite wrappers
    ("would you mind opening the hatch", "open hatch"),    # ... with the deed as an -ing word
    ("I guess I'll take the shell", "take shell"),
    ("can we open the hatch", "open hatch"),
    ("try ringing the brass bell", "ring bell"),
    ("i'm heading north", "go north"),
    ("cautiously open the hatch", "open hatch"),           # an adverb says how, not what
    ("look around the farmyard", "look"),                  # the place itself
    ("that spiral shell, grab it", "take shell"),          # the thing first, then the verb
])
def test_wrappers_gerunds_and_adverbs(cottage: Game, text: str, expected: str) -> None:
    assert key(text, cottage) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("tkae the shell", "take shell"),        # two letters swapped
    ("rnig the bell", "ring bell"),
    ("opne the hatch", "open hatch"),
    ("go nroth", "go north"),
    ("exmine the shell", "examine shell"),   # a letter missing from a long word
])
def test_typing_slips_are_mended(cottage: Game, text: str, expected: str) -> None:
    assert key(text, cottage) == expected


@pytest.mark.parametrize(("text", "mended"), [("bake the shell", "take"), ("bring the shell", "ring"),
                                            ("sing to the bell", "ring")])
def test_other_real_words_are_not_mended_into_story_words(cottage: Game, text: str, mended: str) -> None:
    # "bake" is one letter from "take" and "bring" from "ring", but they are words of their own ("bring the
    # shell" may mean taking it along, as an everyday synonym; never ringing it).
    action = parse(text, cottage).action
    assert action is None or (action.verb != mended and (text, action.verb) == ("bring the shell", "take"))
