"""Everyday wording, round six (categories from an outside author's allotment story, tried here with new phrasings
on an inline orchard story nobody tuned on): a place named by whose it is or by its own text, going through or onto
the place itself, questions about how a thing is, borrowing, a reason after the command, a remark before a comma,
the stuff a deed uses named instead of it, filling from and into, a thing's tool used alone, a deed named by what
its things are for, a part its description names, short slips, the day's first light in words; and the readings
that must never happen (climbing onto a part of a place, putting a thing where its deed does not)."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.core.game import Game
from tests.parser.inline_play import inline_game, key

ORCHARD = """\
format: 1
id: orchard
title: The Orchard at Evening
version: "1"
author: Test
start: lane
flags: {bucket_full: false, tree_watered: false, bolt_greased: false, barn_open: false, kit_safe: false}
items:
  pump:
    name: iron pump
    aliases: [pump, handle]
    adjectives: [iron, old]
    description: An old iron pump over the well, its handle worn bright.
    location: walk
    portable: false
  bucket:
    name: bucket
    aliases: [pail]
    adjectives: [tin]
    description: A dented tin bucket.
    location: walk
  pear_tree:
    name: pear tree
    aliases: [tree, pears]
    adjectives: [old]
    description: An old pear tree. Ripe yellow fruit hangs among the leaves.
    location: my_row
    portable: false
  basket:
    name: basket
    aliases: [wicker basket]
    description: A wicker basket for picking.
    location: my_row
  grease_tin:
    name: tin of grease
    aliases: [grease, tin]
    description: A small tin of axle grease.
    location: nell_row
  bolt:
    name: bolt
    aliases: [latch]
    adjectives: [iron, stiff]
    description: A stiff iron bolt across the barn door, red with rust.
    location: barn_front
    portable: false
  barn:
    name: barn
    aliases: [barn door]
    description: A tall black barn with a tin roof.
    location: barn_front
    portable: false
  key:
    name: barn key
    aliases: [key]
    description: A long iron key.
    location: barn_front
  kitten:
    name: kitten
    aliases: [kit, cat]
    adjectives: [grey, small]
    description: A grey kitten asleep on a sack.
    location: barn_front
    portable: false
  cart:
    name: hay cart
    aliases: [cart]
    description: A hay cart with one wheel off.
    location: walk
    portable: false
  stone:
    name: flat stone
    aliases: [stone]
    description: A flat stone by the gate post.
    location: lane
    portable: false
  gloves:
    name: gloves
    description: Thick gloves.
    location: inventory
npcs:
  nell:
    name: Nell
    aliases: [neighbour, old woman]
    description: Nell from the next row, sorting windfalls.
    location: nell_row
endings:
  supper: {title: Supper, text: You eat.}
  dawn: {title: Dawn, text: The sun rises.}
scenes:
  lane:
    title: The Orchard Gate
    text: A wooden gate stands open onto the orchard. Beyond it a grass walk runs between the trees.
    exits: {north: walk, in: walk}
    actions:
      - verb: lift
        synonyms: [look under, turn over]
        obj: stone
        text: Nothing under it but woodlice.
  walk:
    title: The Grass Walk
    text: A mown walk through the orchard. Your row is to the west and Nell's to the east; the barn is north.
    exits: {south: lane, west: my_row, east: nell_row, north: barn_front}
    actions:
      - verb: wheel
        obj: cart
        text: You wheel the cart aside.
      - verb: fill
        obj: bucket
        target: pump
        when: [has bucket, not bucket_full]
        fail: You'd need the bucket in your hand, and empty.
        text: You work the handle until the bucket brims.
        effects: [set bucket_full]
  my_row:
    title: Your Row
    text: Your row. A stand of gooseberry bushes, and the old pear tree at the end.
    exits: {east: walk}
    actions:
      - verb: water
        obj: pear_tree
        when: [bucket_full]
        fail: The bucket is empty.
        text: You tip the bucket round the roots.
        effects: [set tree_watered, clear bucket_full]
      - verb: pick
        synonyms: [harvest, gather]
        obj: pear_tree
        when: [has basket, tree_watered]
        fail: Water it first, and bring the basket.
        text: You fill the basket with pears.
        once: true
        effects: [remove basket]
  nell_row:
    title: Nell's Row
    text: Nell's row, all neat. Rows of plum trees, and a brazier smoking by the fence.
    exits: {west: walk, north: barn_front}
    actions:
      - verb: cook
        synonyms: [have supper, share supper]
        when: [has pear_tree]
        fail: Nell shakes her head. "Pears first."
        text: Nell lights the brazier.
        effects: [end supper]
  barn_front:
    title: Outside the Barn
    text: The barn looms over a yard of nettles. Nell's row is back to the south.
    exits:
      south: nell_row
      in: {to: barn_inside, when: barn_open, blocked: The bolt holds the door.}
    actions:
      - verb: grease
        synonyms: [oil]
        obj: bolt
        target: grease_tin
        when: [has grease_tin, not bolt_greased]
        fail: You need something to free the rust.
        text: You work grease into the bolt.
        effects: [set bolt_greased]
      - verb: unlock
        obj: bolt
        target: key
        when: [has key, bolt_greased, not barn_open]
        fail: It won't give yet.
        text: The bolt slides back.
        effects: [set barn_open]
      - verb: lift
        synonyms: [move, carry, rescue]
        obj: kitten
        when: [has gloves, not kit_safe]
        text: You carry the kitten and set it down in the straw of the barn.
        effects: [set kit_safe]
      - verb: watch
        synonyms: [wait for dawn, wait for morning]
        text: You watch the sky.
        effects: [end dawn]
  barn_inside:
    title: Inside the Barn
    text: Dark and dusty.
    exits: {out: barn_front}
"""


@pytest.fixture
def orchard(tmp_path: Path) -> Game:
    return inline_game(tmp_path, ORCHARD)


WALK = ("n",)
BARN = ("n", "e", "take grease", "n")


@pytest.mark.parametrize(("moves", "text", "expected"), [
    (WALK, "head over to my own row", "go west"),
    (WALK, "walk from the gate up to the barn", "go north"),
    (WALK, "go to the row", "go west"),
    (WALK, "stroll across to nell's row", "go east"),
    (WALK, "visit nell's", "go east"),
    (WALK, "wander over to the gooseberry bushes", "go west"),
    (WALK, "go over to the plum trees", "go east"),
    (WALK, "wander across to the brazier", "go east"),
    ((), "go through the gate", "go in"),
    ((), "walk into the orchard", "go in"),
    (("n", "e"), "walk up to the barn", "go north"),
    (("n", "e"), "go and find the barn", "go north"),
    ((), "go to nell's row", "go north"),
    ((), "go to my row", "go north"),
])
def test_a_place_named_by_whose_it_is_its_own_text_or_the_place_itself(orchard: Game, moves: tuple[str, ...],
                                                                       text: str, expected: str) -> None:
    assert key(text, orchard, *moves) == expected


@pytest.mark.parametrize(("moves", "text", "expected"), [
    (BARN, "is the kitten all right?", "examine kitten"),
    (BARN, "how stiff is the bolt?", "examine bolt"),
    (BARN, "how's the kitten doing", "examine kitten"),
    (WALK, "what's wrong with the pump?", "examine pump"),
    (("n", "e"), "could I borrow the grease?", "take grease_tin"),
    (BARN, "the bolt's rusty, can I grease it?", "grease bolt on grease_tin"),
    (BARN, "grease the bolt so it slides", "grease bolt on grease_tin"),
    (BARN, "rub some grease on the latch", "grease bolt on grease_tin"),
    ((*BARN, "grease bolt", "take key"), "try the key now it's greased", "unlock bolt on key"),
    ((*BARN, "grease bolt", "take key"), "use the key", "unlock bolt on key"),
    ((*BARN, "grease bolt", "take key"), "unlock the barn", "unlock bolt on key"),
    ((*WALK, "take bucket"), "put some water in the bucket", "fill bucket on pump"),
    ((*WALK, "take bucket"), "get water from the pump", "fill bucket on pump"),
    ((*WALK, "take bucket"), "fil the bucket", "fill bucket on pump"),
    ((*WALK, "take bucket", "fill bucket", "w"), "pour the water round the tree", "water pear_tree"),
    ((*WALK, "take bucket", "fill bucket", "w"), "give the tree some water", "water pear_tree"),
    ((*WALK, "take bucket", "fill bucket", "w", "water tree", "take basket"), "fill the basket with pears",
     "pick pear_tree"),
    ((*WALK, "take bucket", "fill bucket", "w", "water tree", "take basket"), "harvest the fruit", "pick pear_tree"),
    ((*WALK, "take bucket", "fill bucket", "w", "water tree", "take basket"), "gather the paers", "pick pear_tree"),
    ((*WALK, "take bucket", "fill bucket", "w", "water tree", "take basket"), "gather the poars", "pick pear_tree"),
    (BARN, "put the kitten in the straw", "lift kitten"),
    (BARN, "wait for the sun to come up", "watch"),
    ((), "is there a key under the stone?", "lift stone"),
    ((), "is the key under the stone?", "lift stone"),
    (BARN, "wait for it to get light", "watch"),
    ((*WALK, "take bucket", "fill bucket", "w"), "carry the bucket round to water", "water pear_tree"),
    (("n", "e"), "put the grease in my pocket", "take grease_tin"),
    (WALK, "wheel the hay away", "wheel cart"),
])
def test_everyday_wording_round_six(orchard: Game, moves: tuple[str, ...], text: str, expected: str) -> None:
    assert key(text, orchard, *moves) == expected


@pytest.mark.parametrize("text", ["let's cook the pears", "have supper with nell", "hand the pears to nell"])
def test_a_verb_only_deed_said_with_what_it_needs_or_whom_it_is_shared_with(orchard: Game, text: str) -> None:
    orchard.state.locations["pear_tree"] = "inventory"  # the picked fruit, as a picking deed would leave it
    assert key(text, orchard, "n", "e") == "cook"


def test_trying_a_thing_a_deed_needs_is_never_that_deed(orchard: Game) -> None:
    orchard.state.locations["pear_tree"] = "inventory"
    assert key("try the pears", orchard, "n", "e") != "cook"  # tasting them, never the supper that ends the story


@pytest.mark.parametrize(("moves", "text"), [
    (("n", "e"), "climb onto the barn roof"),
    (BARN, "climb up onto the roof"),
    (WALK, "climb up onto the roof of the barn"),  # the part is the goal, whatever place it belongs to
    (WALK, "step away from the barn"),  # what is left behind names no way on
    (WALK, "get out of the barn's shadow"),
    (BARN, "put the kitten in my pocket"),
    ((*WALK, "take bucket"), "put the gloves in the bucket"),
    (BARN, "put my hands in my pockets"),
    (WALK, "get help from someone"),
    (WALK, "walk into the wall"),
    (WALK, "do the thing with the stuff"),
    (BARN, "I'm not cold, I'll wait"),
    (BARN, "wait a while"),
])
def test_readings_that_must_never_happen(orchard: Game, moves: tuple[str, ...], text: str) -> None:
    found = key(text, orchard, *moves)
    assert found is None or found in ("wait",) and text == "wait a while"
