"""Everyday wording, round seven (categories from four outside authors' stories, tried here with new phrasings on
an inline boatyard story nobody tuned on): whose a thing is when the story says it only in passing, the head of
"a jar of honey", "and" inside a name, whom a deed is for, what the player says of a thing after it, putting one
thing into another for the deed that does so, a deed named by what it makes, a phrase the lexicon gives a deed of
the story's, "its owner", slang and everyday verbs, ways that lead to one place, getting on and off, leaps, the
weather and this place left behind, company, person-first and swapping gifts, sensing and asking about a thing,
a remark before a comma; and the readings that must never happen."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.core.game import Game
from engine.turn.conversation import addressed
from tests.parser.inline_play import inline_game, key

BOATYARD = """\
format: 1
id: boatyard
title: The Boatyard
version: "1"
author: Test
start: shed
flags: {feeder_full: false, lamp_on: false, hatch_open: false, net_mended: false, tea_made: false, dial_set: false}
items:
  honey:
    name: jar of honey
    aliases: [honey]
    adjectives: [sticky]
    description: A sticky jar of heather honey.
    location: shed
  seed:
    name: bag of birdseed
    aliases: [birdseed, seed, seeds]
    description: A paper bag of mixed birdseed.
    location: shed
  feeder:
    name: bird feeder
    aliases: [feeder]
    adjectives: [wooden]
    description: A wooden bird feeder hanging from a nail, empty.
    location: shed
    portable: false
  scarf:
    name: striped scarf
    aliases: [scarf]
    adjectives: [striped, woolly]
    description: A woolly striped scarf. The label inside says NELL in biro.
    location: shed
  hat:
    name: sun hat
    aliases: [hat]
    adjectives: [straw]
    description: A battered straw sun hat.
    location: shed
  umbrella:
    name: umbrella
    aliases: [brolly]
    adjectives: [black]
    description: A black umbrella with a broken spoke.
    location: shed
  odds_box:
    name: odds and ends box
    aliases: [odds and ends, box]
    adjectives: [cardboard]
    description: A cardboard box of odds and ends.
    location: shed
    portable: false
  lamp:
    name: hurricane lamp
    aliases: [lamp, lantern]
    adjectives: [hurricane]
    description: A hurricane lamp with a wick and a little switch for its battery.
    location: shed
  dial:
    name: heater dial
    aliases: [dial, heater]
    adjectives: [heater]
    description: The dial on the old heater.
    location: shed
    portable: false
  net:
    name: fishing net
    aliases: [net]
    adjectives: [torn]
    description: A fishing net with a hole in it.
    location: jetty
  twine:
    name: ball of twine
    aliases: [twine, string]
    description: A ball of tarred twine.
    location: jetty
  pencil:
    name: pencil
    aliases: [pencil]
    adjectives: [blunt]
    description: A blunt carpenter's pencil, kept behind Tom's ear.
  apple:
    name: apple
    aliases: [apple]
    adjectives: [red]
    description: A red apple.
    location: shed
  kettle:
    name: kettle
    aliases: [kettle]
    description: A tin kettle.
    location: shed
    portable: false
  tea:
    name: mug of tea
    aliases: [tea, brew]
    description: A mug of strong tea.
npcs:
  nell:
    name: Nell
    aliases: [nell, woman]
    description: Nell, in a yellow oilskin, with her own umbrella tucked under one arm.
    location: shed
    talk:
      - text: '"Evening," says Nell.'
    topics:
      - keywords: [boat, boats]
        text: '"She needs a coat of paint," Nell says.'
        effects: [set dial_set]
  tom:
    name: Tom
    aliases: [tom, boatbuilder]
    description: Tom, sawdust in his beard.
    location: jetty
    talk:
      - text: '"All right?" says Tom.'
scenes:
  shed:
    title: The Boat Shed
    text: A long tarred shed of half-built boats. The jetty is west, through the big doors; the loft is up a ladder.
    exits:
      west: jetty
      out: jetty
      up: loft
    actions:
      - verb: fill
        synonyms: [top up]
        obj: feeder
        target: seed
        when: [has seed, not feeder_full]
        text: You tip the seed into the feeder. A robin arrives at once.
        effects: [set feeder_full]
      - verb: switch
        synonyms: [switch on, turn on]
        obj: lamp
        when: [has lamp, not lamp_on]
        text: The lamp glows.
        effects: [set lamp_on]
      - verb: adjust
        synonyms: [turn down]
        obj: dial
        when: not dial_set
        text: The heater ticks down to low.
        effects: [set dial_set]
      - verb: brew
        synonyms: [make tea]
        when: not tea_made
        once: true
        text: You brew a mug of tea on the stove.
        effects: [set tea_made, give tea]
      - verb: fill
        obj: kettle
        text: You fill the kettle at the tap.
      - verb: search
        synonyms: [rummage]
        obj: odds_box
        text: Screws, a cork, a shell.
  jetty:
    title: The Jetty
    text: A wooden jetty over grey water. The shed is east. A barge is moored alongside, down a short ladder.
    exits:
      east: shed
      in: shed
      down: barge
    actions:
      - verb: mend
        obj: net
        target: twine
        when: [has twine, not net_mended]
        text: You darn the hole with twine.
        effects: [set net_mended]
      - verb: shelter
        synonyms: [take shelter]
        text: You duck under the eaves of the shed.
      - verb: give
        obj: apple
        target: tom
        when: has apple
        text: Tom crunches the apple.
        effects: [remove apple]
  loft:
    title: The Loft
    text: A dusty loft under the roof beams. The ladder goes back down.
    exits:
      down: shed
  barge:
    title: The Barge
    text: The deck of an old barge, rocking gently. The jetty is up the ladder.
    exits:
      up: jetty
"""


@pytest.fixture
def boatyard(tmp_path: Path) -> Game:
    return inline_game(tmp_path, BOATYARD)


@pytest.mark.parametrize(("moves", "text", "expected"), [
    # Whose it is, said by the story in passing (a label, the owner holding it), or by nobody else.
    ((), "pick up nell's scarf", "take scarf"),
    ((), "grab nell's hat", "take hat"),
    # The head of "a jar of honey" names it.
    ((), "take the jar", "take honey"),
    # "and" inside a name joins it.
    ((), "rummage in the odds and ends", "search odds_box"),
    # The lexicon's phrase for a deed of the story's beats a bare look at the same thing.
    ((), "look through the box", "search odds_box"),
    # Putting one thing into another: the deed that puts it there.
    (("take seed",), "put some seed in the feeder", "fill feeder on seed"),
    (("take seed",), "pop the birdseed into the bird feeder", "fill feeder on seed"),
    # Slang and everyday verbs.
    ((), "nick the apple", "take apple"),
    ((), "pinch the honey", "take honey"),
    (("take lamp",), "flick the lamp on", "switch lamp"),
    (("take lamp",), "put the lantern on", "switch lamp"),
    ((), "twist the dial", "adjust dial"),
    ((), "set the heater to low", "adjust dial"),
    # Water is fetched by filling what holds it.
    ((), "go and get some water", "fill kettle"),
    # A deed named by what it makes.
    ((), "make a hot drink", "brew"),
    ((), "whip up a mug of tea", "brew"),
    # Asking for a hand with it is doing it; a remark about oneself before a comma.
    ((), "can you help me top up the feeder", "fill feeder on seed"),
    (("take lamp",), "i'm so cold, switch on the lamp", "switch lamp"),
    # Sensing and asking about a thing is looking at it.
    ((), "sniff the honey", "examine honey"),
    ((), "what are the seeds", "examine seed"),
    ((), "what's that sticky jar", "examine honey"),
    ((), "look behind the feeder", "examine feeder"),
])
def test_taking_putting_and_making_in_everyday_words(boatyard: Game, moves: tuple[str, ...], text: str,
                                                    expected: str) -> None:
    assert key(text, boatyard, *moves) == expected


@pytest.mark.parametrize(("moves", "text", "expected"), [
    # Whom a gift is for, said in every order; "its owner"; the thing the player found.
    (("take apple", "w"), "give tom the apple", "give apple on tom"),
    (("take apple", "w"), "give apple tom", "give apple on tom"),
    (("take apple", "w"), "hand the apple i found to its owner", "give apple on tom"),
    (("take apple", "w"), "share the apple with him", "give apple on tom"),
    (("take apple", "w"), "toss tom the apple", "give apple on tom"),
    # Holding a thing out to the person here is giving it, where a deed of giving fits.
    (("take apple", "w"), "here, this is for you", "give apple on tom"),
    (("take apple", "w"), "tom, is this yours?", "give apple on tom"),
    (("take apple", "w"), "i found your apple by the shed", "give apple on tom"),
    # Swapping for what the other one holds is giving to them.
    (("take apple", "w"), "swap the apple for his pencil", "give apple on tom"),
    # A flaw names the thing it is in.
    (("w", "take twine"), "mend the hole in the net", "mend net on twine"),
    # A deed for someone is the deed.
    (("w", "take twine"), "mend the net for tom", "mend net on twine"),
])
def test_giving_and_doing_for_someone(boatyard: Game, moves: tuple[str, ...], text: str, expected: str) -> None:
    assert key(text, boatyard, *moves) == expected


@pytest.mark.parametrize(("moves", "text", "expected"), [
    # Two ways to one place are one way.
    ((), "go to the jetty", "go west"),
    (("w",), "walk back over to the shed", "go east"),
    # Getting on and off, back on, leaping across.
    (("w", "down"), "get off the barge", "go up"),
    (("w",), "get back on the barge", "go down"),
    (("w",), "jump across to the barge", "go down"),
    (("up",), "get off the loft", "go down"),
    # The weather left behind is going in; this place left behind, the way on that is not in.
    (("w",), "let's get out of the drizzle", "go in"),
    (("w", "down"), "get out of this rocking barge", "go up"),
    # Carrying a thing somewhere is going there with it.
    (("take honey",), "carry the honey up to the loft", "go up"),
    (("take honey",), "bring the jar of honey out to the jetty", "go west"),
])
def test_ways_on_in_everyday_words(boatyard: Game, moves: tuple[str, ...], text: str, expected: str) -> None:
    assert key(text, boatyard, *moves) == expected


@pytest.mark.parametrize(("moves", "text", "never"), [
    ((), "take nell's umbrella", "take umbrella"),  # her own umbrella is no item: not the black one here
    ((), "put the apple in the kettle", "fill"),    # no deed puts an apple there
    (("take seed",), "put the seed on the bench", "fill"),  # a bench is no thing of the story's
    ((), "look for nell", "go "),                   # looking for someone is never a way
    (("w",), "jump in the water", "go "),           # into a thing, not the way in
    (("w",), "walk along with tom", "go "),         # whom one goes with is no place
    ((), "get the lamp going", "go "),              # a taking word is no walk to where the lamp is lit
    (("take apple", "w"), "show tom the apple", "give"),  # showing is not handing over
    ((), "i'm not cold, switch on the lamp", "switch"),   # a denial before the comma
    ((), "take the honey to the loft", "go "),      # not carried yet: no walk with it
    ((), "leave nell alone", "go "),                # what is left names no way on
    (("take apple", "w"), "i found the walk tiring", "give"),   # nothing named, nothing held out
    (("w",), "here, this is for you", "give"),     # nothing carried to give
    (("take apple", "w"), "i found your pencil", "give"),       # the thing named is not the one carried
    (("w",), "jump up and down", "go "),            # on the spot, one clause
    (("w",), "take it", "shelter"),                 # "it" pointing at nothing is no noun of a deed's phrase
    (("w",), "chuck it", "shelter"),
    (("take apple", "w"), "take the apple to tom", "go "),  # to someone, not a place
])
def test_readings_that_must_never_happen(boatyard: Game, moves: tuple[str, ...], text: str, never: str) -> None:
    found = key(text, boatyard, *moves)
    assert found is None or not found.startswith(never)


@pytest.mark.parametrize(("text", "who"), [
    ("nell how are the boats doing", "nell"),       # a question to someone, said without a comma
    ("do you like boats nell", "nell"),
    ("nell, what's that", "nell"),
    ("take the hat nell", None),                    # a command with a name after it is no question to her
    ("nell hat", None),
])
def test_a_question_said_to_someone_without_a_comma(boatyard: Game, text: str, who: str | None) -> None:
    found = addressed(text, boatyard)
    assert (found.who if found is not None else None) == who
