"""Everyday wording, round two (an outside author's categories, new phrasings, an inline story nobody tuned on):
particles before a destination, landmarks, "use A on B", omitted tools, pronouns that agree, light verbs, wrappers,
compounds, synonyms from other scenes, questions, fixed things raised, and targets filled."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.core.actions import Action
from engine.core.game import Game
from engine.parser import parse
from engine.parser.wh import information_question
from engine.turn.candidates import aims_there
from tests.parser.inline_play import inline_game

MILL = """\
format: 1
id: mill
title: The Mill House by the River
version: "1"
author: Test
start: lane
flags: {chest_open: false, bucket_down: false, lamp_lit: false, gong: false, fed: false, paid: false}
items:
  signboard: {name: signboard, aliases: [sign, board, plaque], adjectives: [blue, gold, painted],
    description: 'A blue and gold board. "MILL" is painted on it.', location: lane, portable: false}
  pebble: {name: pebble, aliases: [stone], adjectives: [smooth], description: "A smooth pebble.", location: lane}
  chest: {name: oak chest, aliases: [chest, box], adjectives: [oak, heavy],
    description: "A heavy oak chest with an iron padlock.", location: hall, portable: false}
  key: {name: iron key, aliases: [key], adjectives: [iron], description: "An iron key.", location: hall}
  gong: {name: gong, aliases: [gong], adjectives: [bronze],
    description: "A bronze gong.", location: hall, portable: false}
  lamp: {name: oil lamp, aliases: [lamp], adjectives: [oil],
    description: "An oil lamp.", location: hall, portable: false}
  tinder: {name: tinderbox, aliases: [tinderbox, flint], description: "A tinderbox.", location: hall}
  carrots: {name: carrots, aliases: [carrots, carrot], adjectives: [orange],
    description: "A bunch of carrots.", location: hall}
  grain: {name: sack of grain, aliases: [grain, sack], description: "A sack of grain.", location: yard}
  hopper: {name: hopper, aliases: [hopper], description: "A wooden hopper.", location: hall, portable: false}
  rope: {name: coil of rope, aliases: [rope, coil], description: "A coil of rope.", location: yard}
  crate: {name: fish crate, aliases: [crate], adjectives: [fish, wet],
    description: "An upturned fish crate.", location: yard, portable: false}
  hatchway: {name: boathouse hatch, aliases: [hatch, hatchway],
    description: "A low hatch into the boathouse.", location: jetty, portable: false}
  bucket: {name: bucket, aliases: [bucket, pail],
    description: "A wooden bucket.", location: well_yard, portable: false}
  coins: {name: copper coins, aliases: [coins, money], adjectives: [copper],
    description: "A few copper coins.", location: inventory}
npcs:
  goat: {name: Nanny, aliases: [goat], description: "A goat with a bell on her collar.", location: hall}
  miller: {name: Tom, aliases: [miller, man], description: "The miller, flour in his beard.", location: hall}
  ferryman: {name: ferryman, aliases: [ferryman, boatman], description: "A ferryman with a pole.", location: jetty}
scenes:
  lane:
    title: The Lane
    text: A muddy lane by the river. The cart track goes on east to the watermill. A jetty is south.
    exits:
      east: hall
      south: jetty
      out: meadow
  meadow: {title: The Meadow, text: Grass., exits: {in: lane}}
  jetty:
    title: The Jetty
    text: Planks over the water. The lane is back north.
    exits:
      north: lane
      east:
        to: meadow
        when: paid
        blocked: The boathouse hatch is bolted from inside.
    actions:
      - verb: give
        obj: coins
        target: ferryman
        text: The ferryman takes your coins.
        effects: [set paid]
  hall:
    title: The Grinding Hall
    text: A dusty hall. The lane is out, and the well yard north past the millstones; a store is west.
    exits:
      out: lane
      north: well_yard
      west: yard
    actions:
      - verb: open
        obj: chest
        when: [has key, not chest_open]
        fail: The chest is locked.
        text: The padlock clicks open.
        effects: [set chest_open]
      - verb: put
        synonyms: [fill, load, tip]
        obj: grain
        target: hopper
        when: has grain
        text: The grain rattles into the hopper.
        effects: [remove grain]
      - verb: strike
        synonyms: [bang, hit]
        obj: gong
        text: The gong booms.
        effects: [set gong]
      - verb: light
        obj: lamp
        target: tinder
        when: [has tinder, not lamp_lit]
        fail: You need something to light it with.
        text: The lamp glows.
        effects: [set lamp_lit]
      - verb: feed
        obj: goat
        target: carrots
        when: has carrots
        text: The goat crunches the carrots.
        effects: [set fed, remove carrots]
      - verb: give
        synonyms: [hand]
        obj: carrots
        target: miller
        when: has carrots
        text: Tom takes the carrots.
        effects: [remove carrots]
  yard:
    title: The Store
    text: Sacks. The hall is back east.
    exits: {east: hall}
    actions:
      - verb: turn over
        obj: crate
        text: Under the crate, a dry floor.
  well_yard:
    title: The Well Yard
    text: A stone well. The hall is back south.
    exits: {south: hall}
    actions:
      - verb: lower
        obj: bucket
        target: rope
        when: [has rope, not bucket_down]
        fail: The bucket needs a rope to go down the well.
        text: The bucket splashes far below.
        effects: [set bucket_down]
"""


@pytest.fixture
def mill(tmp_path: Path) -> Game:
    return inline_game(tmp_path, MILL, seed=3)


def key(text: str, game: Game) -> str | None:
    result = parse(text, game)
    return result.action.key() if result.action is not None else None


def at(game: Game, scene: str, *carried: str) -> Game:
    game.state.scene = scene
    for thing in carried:
        game.state.locations[thing] = "inventory"
    return game


# 1. A particle after the verb is part of the verb when a destination follows.
@pytest.mark.parametrize("text", ["run out back to the well yard", "hurry out over to the well",
                                  "step out into the well yard"])
def test_particle_before_a_destination_is_not_the_direction(mill: Game, text: str) -> None:
    assert key(text, at(mill, "hall")) == "go north"


def test_particle_alone_still_moves(mill: Game) -> None:
    assert key("head out", at(mill, "hall")) == "go out"


# 2. Landmarks from the scene's own text, and leaving the building the story is set in.
@pytest.mark.parametrize("text", ["walk over to the watermill", "follow the cart track to the watermill",
                                  "go along the track"])
def test_landmark_in_the_scene_text_names_the_way(mill: Game, text: str) -> None:
    assert key(text, at(mill, "lane")) == "go east"


def test_landmark_after_a_direction_in_a_list(mill: Game) -> None:
    assert key("go past the millstones", at(mill, "hall")) == "go north"


@pytest.mark.parametrize("text", ["leave the mill house", "exit the mill house"])
def test_leaving_the_building_of_the_title_is_the_way_out(mill: Game, text: str) -> None:
    assert key(text, at(mill, "hall")) == "go out"


def test_the_buildings_name_outside_it_is_no_way_on(mill: Game) -> None:
    assert key("leave the mill house", at(mill, "jetty")) is None


def test_trying_the_thing_that_shuts_a_way_is_that_way(mill: Game) -> None:
    assert key("try the hatch", at(mill, "jetty")) == "go east"


def test_a_move_naming_no_place_here_is_only_a_guess(mill: Game) -> None:
    east = Action(verb="go", obj="east")
    game = at(mill, "lane")
    assert not aims_there(game, "I want to go home", east)
    assert aims_there(game, "walk on to the watermill", east) and aims_there(game, "go east please", east)
    assert not aims_there(game, "walk to the jetty", east)


# 3. Two things: the author's action they fit, before the built-in "use"; an omitted tool.
def test_use_a_needed_thing_on_an_object(mill: Game) -> None:
    assert key("use the iron key on the oak chest", at(mill, "hall", "key")) == "open chest"


def test_use_with_the_roles_swapped(mill: Game) -> None:
    game = at(mill, "hall", "tinder")
    assert key("use the tinderbox on the lamp", game) == "light lamp on tinder"
    assert key("use the lamp with the flint", game) == "light lamp on tinder"


def test_try_a_thing_in_a_part_the_description_names(mill: Game) -> None:
    assert key("try the key in the padlock", at(mill, "hall", "key")) == "open chest"
    assert key("I'll try the key in the lock", at(mill, "hall", "key")) == "open chest"


def test_omitted_tool_out_of_reach_is_the_action_refused(mill: Game) -> None:
    assert key("lower down the bucket", at(mill, "well_yard")) == "lower bucket on rope"


# 8. A fixed thing that cannot be taken: the author's action that raises it.
@pytest.mark.parametrize("text", ["pick the wet crate up", "flip the crate over", "lift up the fish crate"])
def test_raising_a_fixed_thing_is_the_authors_action(mill: Game, text: str) -> None:
    assert key(text, at(mill, "yard")) == "turn over crate"


# 12. The thing named is the action's target: what goes into it is what the player carries.
@pytest.mark.parametrize("text", ["fill the hopper", "load up the hopper"])
def test_filling_a_target_with_what_is_carried(mill: Game, text: str) -> None:
    assert key(text, at(mill, "hall", "grain")) == "put grain on hopper"


# 4. Pronouns: the candidate with an action for the verb, agreeing in number, then the most recent.
def test_it_is_the_thing_the_verb_fits(mill: Game) -> None:
    game = at(mill, "hall", "key")
    game.state.last_object = "gong"
    assert key("open it with the key", game) == "open chest"


def test_them_prefers_a_plural_name(mill: Game) -> None:
    game = at(mill, "hall", "carrots", "tinder")
    game.state.last_object = "tinder"
    assert key("give them to the miller", game) == "give carrots on miller"


def test_him_is_the_person_the_verb_fits(mill: Game) -> None:
    game = at(mill, "hall", "carrots")
    game.state.last_object = "goat"
    assert key("hand him the carrots", game) == "give carrots on miller"


# 5. Light verbs and wrappers.
def test_give_a_thing_a_deed(mill: Game) -> None:
    assert key("give the bronze gong a bang", at(mill, "hall")) == "strike gong"


def test_get_a_thing_going(mill: Game) -> None:
    assert key("get the oil lamp lit", at(mill, "hall", "tinder")) == "light lamp on tinder"


@pytest.mark.parametrize("text", ["carry on walking east", "keep heading east"])
def test_keep_doing_is_doing(mill: Game, text: str) -> None:
    assert key(text, at(mill, "lane")) == "go east"


@pytest.mark.parametrize("text", ["examine the blue and gold board", "what does the plaque say?",
                                  "what's written on the sign"])
def test_one_noun_phrase_and_questions_about_writing(mill: Game, text: str) -> None:
    assert key(text, at(mill, "lane")) == "examine signboard"


# 6. "X and Y" where only Y is something the story does here.
def test_compound_runs_the_clause_the_story_knows(mill: Game) -> None:
    assert key("take the gong and light the lamp", at(mill, "hall", "tinder")) == "light lamp on tinder"


# 7a. A synonym authored in another scene is no verb here: its everyday meaning is.
def test_synonym_from_another_scene_is_read_by_its_meaning(mill: Game) -> None:
    assert key("hand over my coins", at(mill, "jetty")) == "give coins on ferryman"


# 7b. Information questions never act through a model.
@pytest.mark.parametrize("text", ["what is the goat's name?", "Who is the miller?", "how does the gong work",
                                  "where's the key"])
def test_wh_questions_are_information_questions(text: str) -> None:
    assert information_question(text)


@pytest.mark.parametrize("text", ["could I open the chest?", "shall we go east", "how about striking the gong",
                                  "open the chest"])
def test_requests_are_not_information_questions(text: str) -> None:
    assert not information_question(text)
