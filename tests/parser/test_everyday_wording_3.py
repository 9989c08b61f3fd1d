"""Everyday wording, round three (categories from an outside author's story, new phrasings, an inline story nobody
tuned on): an exit named by its own refusal and the vessel beside it, boarding and alighting, light verbs with a
noun, split phrasal and compound verbs, typing slips in short and direction words, and everyday synonyms."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.core.game import Game
from engine.parser import parse
from tests.parser.inline_play import inline_game

BARGE = """\
format: 1
id: bargeway
title: The River Barge
version: "1"
author: Test
start: wharf
flags: {ticket: false, fed: false, full: false, rested: false, freed: false}
items:
  purse: {name: purse of coins, aliases: [coins, purse], adjectives: [leather], description: "A few coins.",
    location: inventory}
  flask: {name: tin flask, aliases: [flask], adjectives: [tin], description: "An empty tin flask.", location: inventory}
  postcard: {name: postcard, aliases: [postcard, card], description: "A postcard you never sent.", location: inventory}
  hammock: {name: hammock, aliases: [hammock], description: "A canvas hammock.", location: hold, portable: false}
  boiler: {name: boiler, aliases: [boiler], description: "A hissing boiler of hot water.",
    location: galley, portable: false}
  pass: {name: river pass, aliases: [pass, ticket], description: "A paper pass.", location: booth, portable: false}
  noticeboard: {name: notice board, aliases: [board, notices], description: "Notices.",
    location: wharf, portable: false}
  poster: {name: poster, aliases: [poster], description: "A faded poster.", location: booth, portable: false}
npcs:
  pilot: {name: Arno, aliases: [pilot, arno, man], description: "The pilot.", location: saloon}
  clerk: {name: Vera, aliases: [clerk, vera, woman], description: "The clerk.", location: booth}
actions:
  - verb: breathe
    text: You breathe slowly.
  - verb: go home
    text: You turn for home.
    effects: [set rested]
scenes:
  wharf:
    title: The Wharf
    text: Wet stones by the river. The barge waits at the end of a plank. The booth is west.
    exits:
      west: booth
      east:
        to: saloon
        when: ticket
        closed: east, up the slippery plank
        blocked: A man at the foot of the plank shakes his head. No pass, no crossing.
  booth:
    title: The Pass Booth
    text: A tiny booth. The wharf is east.
    exits: {east: wharf}
    actions:
      - verb: buy
        obj: pass
        text: You buy a pass.
        effects: [set ticket]
      - verb: pay
        text: You pay.
        effects: [set ticket]
  saloon:
    title: The Saloon
    text: Benches and lamps. Steps lead down to the hold. The galley is west. A ladder goes up to the roof.
    exits: {down: hold, west: galley, up: roof, out: wharf}
    actions:
      - verb: give
        obj: flask
        target: pilot
        text: Arno takes the flask.
        effects: [set fed]
  galley:
    title: The Galley
    text: A narrow galley. The saloon is east.
    exits: {east: saloon}
    actions:
      - verb: fill
        obj: flask
        text: You fill the flask with hot cocoa from the boiler.
        effects: [set full]
  hold:
    title: The Hold
    text: A dim hold. Steps go up.
    exits: {up: saloon}
    actions:
      - verb: rest
        text: You rest in the hammock.
        effects: [set rested]
  roof:
    title: The Roof
    text: The flat roof of the barge. The prow is ahead, north; the stern is behind, south.
    exits: {down: saloon, north: prow, south: sternpost}
    actions:
      - verb: stargaze
        text: You look up at the stars.
      - verb: watch
        text: You watch the banks go by.
      - verb: release
        obj: postcard
        text: You let the postcard go into the river.
        effects: [remove postcard, set freed]
  prow:
    title: The Bow
    text: The front of the barge.
    exits: {south: roof, north: landing}
  landing:
    title: The Landing Stage
    text: Wet boards on the far bank.
    exits: {south: prow}
  sternpost:
    title: The Stern
    text: The back of the barge.
    exits: {north: roof}
"""


@pytest.fixture
def barge(tmp_path: Path) -> Game:
    return inline_game(tmp_path, BARGE, seed=3)


def key(text: str, game: Game, scene: str) -> str | None:
    game.state.scene = scene
    result = parse(text, game)
    return result.action.key() if result.action is not None else None


@pytest.mark.parametrize(("scene", "text", "expected"), [
    ('wharf', 'walk up the plank', 'go east'),
    ('wharf', 'climb the plank', 'go east'),
    ('wharf', 'get on the boat', 'go east'),
    ('wharf', 'can I get on the ship?', 'go east'),
    ('wharf', 'try the plank', 'go east'),
    ('wharf', 'go up the plank now', 'go east'),
])
def test_exit_named_by_its_refusal_and_vessel(barge: Game, scene: str, text: str, expected: str) -> None:
    assert key(text, barge, scene) == expected


@pytest.mark.parametrize(("scene", "text", "expected"), [
    ('wharf', 'board the barge', 'go east'),
    ('wharf', 'step aboard', 'go east'),
    ('wharf', "let's embark", 'go east'),
    ('wharf', 'get on board', 'go east'),
    ('wharf', 'climb aboard', 'go east'),
    ('saloon', 'get off the barge', 'go out'),
    ('saloon', 'disembark', 'go out'),
    ('saloon', 'step ashore', 'go out'),
    ('prow', 'walk off the front of the barge', 'go north'),
    ('prow', 'get off the boat', 'go north'),
])
def test_boarding_and_alighting(barge: Game, scene: str, text: str, expected: str) -> None:
    assert key(text, barge, scene) == expected


@pytest.mark.parametrize(("scene", "text", "expected"), [
    ('wharf', 'take a few slow breaths', 'breathe'),
    ('wharf', 'take some deep breaths', 'breathe'),
    ('hold', 'have a rest', 'rest'),
    ('hold', 'lie in the hammock', 'rest'),
    ('hold', 'lie down', 'rest'),
    ('hold', 'lie down on the hammock', 'rest'),
    ('roof', 'gaze at the stars', 'stargaze'),
    ('roof', 'keep an eye out for the bank', 'watch'),
    ('roof', 'look for the shore', 'watch'),
    ('roof', 'let the postcard go', 'release postcard'),
    ('roof', 'let go of the postcard', 'release postcard'),
])
def test_light_verbs_phrasal_and_compound(barge: Game, scene: str, text: str, expected: str) -> None:
    assert key(text, barge, scene) == expected


@pytest.mark.parametrize(("scene", "text", "expected"), [
    ('booth', 'buy a pas', 'buy pass'),
    ('booth', 'buy a tiket', 'buy pass'),
    ('booth', 'buy a tickt', 'buy pass'),
    ('saloon', 'go upstaris', 'go up'),
    ('saloon', 'go downstars', 'go down'),
    ('saloon', 'go upstares', 'go up'),
    ('saloon', 'head downstares', 'go down'),
])
def test_typing_slips(barge: Game, scene: str, text: str, expected: str) -> None:
    assert key(text, barge, scene) == expected


@pytest.mark.parametrize(("scene", "text", "expected"), [
    ('booth', 'hand over my money', 'pay'),
    ('booth', 'count my money', 'examine purse'),
    ('galley', 'make some cocoa', 'fill flask'),
    ('galley', 'pour myself a cup', 'fill flask'),
    ('roof', 'go to the front of the barge', 'go north'),
    ('roof', 'head for the back of the boat', 'go south'),
    ('roof', 'go aft', 'go south'),
    ('roof', 'go forward', 'go north'),
    ('wharf', "I'm heading home", 'go home'),
    ('wharf', "forget it, I'm going home", 'go home'),
    ('wharf', "never mind, I'll head back home", 'go home'),
    ('saloon', 'give arno the cocoa', 'give flask on pilot'),
    ('saloon', 'hand him the drink', 'give flask on pilot'),
])
def test_everyday_synonyms(barge: Game, scene: str, text: str, expected: str) -> None:
    assert key(text, barge, scene) == expected


@pytest.mark.parametrize(("scene", "text", "expected"), [
    ('saloon', 'open the galley door', 'go west'),
    ('wharf', 'examine the board', 'examine noticeboard'),
    ('roof', 'stargaze', 'stargaze'),
    ('saloon', 'give arno the flask', 'give flask on pilot'),
    ('wharf', 'go home', 'go home'),
])
def test_other(barge: Game, scene: str, text: str, expected: str) -> None:
    assert key(text, barge, scene) == expected


@pytest.mark.parametrize(("scene", "text"), [
    ("wharf", "make a wish"), ("saloon", "hop on one leg"), ("roof", "look at the stars"),
    ("wharf", "i'm in"), ("saloon", "get off my back"),
])
def test_no_move_or_deed_read_into_other_words(barge: Game, scene: str, text: str) -> None:
    assert key(text, barge, scene) is None
