"""The embedded action matcher on the real MiniLM: the command's own verb leads, dropping needs a word of letting go,
and a lasting deed the words do not name is asked about ("Do you mean ...?"), never performed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from engine.core.actions import Action
from engine.core.game import Game
from engine.inference.embedder import SentenceEmbedder, locate_minilm
from engine.inference.minilm import MiniLMEncoder
from engine.turn.candidates import aims_there, candidates, command, commands, leads, rankable
from engine.turn.cascade import ParseCascade
from engine.turn.config import TurnConfig
from engine.turn.offturn import OffTurn
from game.factory import Services, build_services
from tests.parser.inline_play import inline_game
from tests.turn.conftest import make_settings

MODEL = locate_minilm()
needs_minilm = pytest.mark.skipif(MODEL is None, reason="the shipped sentence model is not installed")

KITCHEN = """\
format: 1
id: kitchen
title: The Kitchen
version: "1"
author: Test
start: kitchen
flags: {torch_on: false, fed: false}
items:
  torch:
    name: torch
    aliases: [flashlight, lamp]
    adjectives: [yellow, rubber]
    description: A yellow rubber torch.
    location: inventory
  logs:
    name: logs
    aliases: [firewood, wood]
    adjectives: [dry]
    description: A stack of dry logs.
    location: kitchen
  tank:
    name: fish tank
    aliases: [tank, aquarium, goldfish]
    adjectives: [glass]
    description: A glass tank with one goldfish.
    location: kitchen
    portable: false
  food:
    name: tub of fish food
    aliases: [fish food, food, flakes, tub]
    description: A tub of fish flakes.
    location: inventory
scenes:
  kitchen:
    title: The Kitchen
    text: A warm kitchen. A fish tank bubbles on the counter.
    exits: {out: yard}
    actions:
      - verb: switch on
        synonyms: [turn on]
        obj: torch
        when: [has torch, not torch_on]
        text: The torch clicks on.
        effects: [set torch_on]
      - verb: feed
        obj: tank
        target: food
        when: [has food, not fed]
        text: The goldfish darts up to the flakes.
        effects: [set fed]
  yard:
    title: The Yard
    text: A cold yard.
    exits: {in: kitchen}
"""


@pytest.fixture
def game(tmp_path: Path) -> Game:
    return inline_game(tmp_path, KITCHEN)


@pytest.fixture(scope="module")
def services(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    made = build_services(settings=make_settings({}), data_dir=tmp_path_factory.mktemp("home"), rng_seed=1,
                          use_matcher=False)
    yield made
    made.close()


@pytest.fixture(scope="module")
def matcher() -> SentenceEmbedder:
    assert MODEL is not None
    return SentenceEmbedder(MiniLMEncoder(MODEL))


def _cascade(services: Services, matcher: SentenceEmbedder) -> ParseCascade:
    return ParseCascade(services.selector, services.manager, TurnConfig(parse_method="embedding"), matcher)


def test_the_command_starts_at_its_own_verb() -> None:
    assert command("I'd like to just take the logs") == ["take", "logs"]
    assert command("please could you switch the torch on") == ["switch", "torch", "on"]
    assert command("now") == ["now"]  # a leading word alone is still the words


def test_a_leading_verb_belongs_to_its_own_action(game: Game) -> None:
    by_key = {c.action.key(): c for c in candidates(game)}
    words = command("take some of the logs")
    assert leads(words, by_key["take logs"])
    assert not leads(words, by_key["examine logs"])
    assert leads(command("switch the torch on"), by_key["switch on torch"])
    assert leads(command("flick the torch on"), by_key["switch on torch"])  # an everyday synonym, split round it
    assert not leads(command("wave the torch around"), by_key["switch on torch"])
    assert not leads(command("look at the torch and switch it on"), by_key["switch on torch"])  # not the lead
    assert not any(leads(command("go out"), c) for c in by_key.values() if c.action.verb == "go")


def test_dropping_is_ranked_only_with_a_word_of_letting_go(game: Game) -> None:
    every = candidates(game)
    assert any(c.action == Action(verb="drop", obj="torch") for c in every)
    kept = rankable(game, "flick the torch on", every)
    assert not any(c.action.verb == "drop" for c in kept)
    assert len(kept) == len(every) - sum(c.action.verb == "drop" for c in every)
    assert any(c.action == Action(verb="drop", obj="torch") for c in rankable(game, "put the torch down", every))


@needs_minilm
def test_a_verb_the_sentence_model_weighs_below_the_thing_still_leads(game: Game, services: Services,
                                                                       matcher: SentenceEmbedder) -> None:
    decision = _cascade(services, matcher).model_parse("take some of the dry logs", game)
    assert decision.ranked and decision.ranked[0].action == Action(verb="take", obj="logs")


@needs_minilm
def test_the_torch_switched_on_in_other_words_is_never_read_as_dropping_it(game: Game, services: Services,
                                                                           matcher: SentenceEmbedder) -> None:
    decision = _cascade(services, matcher).model_parse("flick the torch on", game)
    assert all(c.action.verb != "drop" for c in decision.ranked)
    assert game.state.flags["torch_on"] is False and "torch" in game.state.inventory


@needs_minilm
def test_a_lasting_deed_the_words_do_not_name_is_neither_performed_nor_asked_about(
        game: Game, services: Services, matcher: SentenceEmbedder) -> None:
    """Asking "Do you mean: feed the fish tank?" for words that never ask for it turned off-script lines into
    questions ("sit down on the sand and listen to the waves" -> "go east?"): such a reading gets a reply instead."""
    cascade, off = _cascade(services, matcher), OffTurn(None, TurnConfig())
    feed = Action(verb="feed", obj="tank", target="food")
    line = "put some food in the fish tank"
    decision = cascade.model_parse(line, game)
    assert decision.kind == "rephrase" and decision.unconfirmed == feed  # "put" is not a verb of feeding
    before = game.state.model_dump()
    route = off.route(line, game, lambda: decision)
    assert route.question is None and route.reply is not None
    assert game.state.model_dump() == before


@needs_minilm
@pytest.mark.parametrize("line", ["I feel a bit lonely tonight", "sing a song to the goldfish",
                                  "what a lovely warm kitchen", "jump up and down to keep warm",
                                  "jump out of the window into the pond"])
def test_off_script_lines_are_never_performed(game: Game, services: Services, matcher: SentenceEmbedder,
                                              line: str) -> None:
    cascade, off = _cascade(services, matcher), OffTurn(None, TurnConfig())
    route = off.route(line, game, lambda: cascade.model_parse(line, game))
    assert route.decision is None or route.decision.action is None or route.band != "act", route


@needs_minilm
@pytest.mark.parametrize("line", ["take the chainsaw", "pick up the hammer", "grab my phone charger",
                                  "put the kettle on the stove"])
def test_a_thing_the_words_do_not_name_is_never_taken_or_used(game: Game, services: Services,
                                                               matcher: SentenceEmbedder, line: str) -> None:
    """Words naming nothing here ("take the chainsaw"): the match's nearest thing is at most asked about."""
    cascade, off = _cascade(services, matcher), OffTurn(None, TurnConfig())
    route = off.route(line, game, lambda: cascade.model_parse(line, game))
    assert route.band != "act", route


@needs_minilm
def test_calibration_reads_every_line_as_if_the_rules_had_failed(tmp_path: Path, services: Services,
                                                                 matcher: SentenceEmbedder) -> None:
    from game.bench.bands_calibration import calibration_rows

    folder = tmp_path / "kitchen"
    folder.mkdir()
    (folder / "story.yaml").write_text(KITCHEN, encoding="utf-8")
    cases = folder / "paraphrases.yaml"
    cases.write_text("groups:\n  - cases:\n      - {say: take the logs, expect: take logs}\n"
                     "      - {say: put some food in the fish tank, expect: [feed tank on food]}\n", encoding="utf-8")
    args = (folder, cases, "paraphrases", services.selector, services.manager, matcher)
    assert calibration_rows(*args) == []  # the rules read both lines
    rows = {r["say"]: r for r in calibration_rows(*args, every=True)}
    assert rows["take the logs"]["right"] and not rows["take the logs"]["asked"]
    fed = rows["put some food in the fish tank"]
    assert fed["action"] == "feed tank on food" and fed["asked"] and fed["right"] and fed["risk"] == "irreversible"


@needs_minilm
def test_a_deed_the_story_lacks_keeps_the_engines_reason_rather_than_a_look(game: Game, services: Services,
                                                                           matcher: SentenceEmbedder) -> None:
    cascade = _cascade(services, matcher)
    line = "give the torch to the glass fish tank"  # the rules read a give the story has no deed for
    assert cascade.model_parse(line, game).action == Action(verb="examine", obj="tank")  # the closest reading
    assert cascade.reread(line, game) is None


def test_each_clause_has_its_own_command() -> None:
    assert commands("I'm freezing, let's get the fire going") == [["i'm", "freezing"], ["get", "fire", "going"]]
    assert commands("padlock the gate and then go home") == [["padlock", "gate"], ["go", "home"]]
    assert commands("and") == []


def test_a_move_that_names_other_ways_is_not_aimed_this_way(game: Game) -> None:
    out = Action(verb="go", obj="out")
    assert not aims_there(game, "jump up and down to keep warm", out)  # on the spot
    assert aims_there(game, "jump out into the yard", out)
    assert aims_there(game, "hurry outside", out)


BOAT = """\
format: 1
id: boat
title: The Boat
version: "1"
author: Test
start: cabin
npcs:
  ruth:
    name: Ruth
    aliases: [aunt]
    description: Your aunt, in a fisherman's jumper.
    location: cabin
    talk:
      - {text: '"Good to see you," Ruth says.'}
scenes:
  cabin:
    title: The Cabin
    text: A snug cabin.
    exits: {out: deck}
  deck:
    title: The Deck
    text: A wet deck.
    exits: {in: cabin}
"""


@pytest.mark.parametrize(("line", "looks"), [
    ("ruth where is the dog", False), ("how have you been", False), ("do you remember school, aunt?", False),
    ("look at ruth", True), ("examine ruth closely", True), ("wave at ruth", True)])
def test_words_said_to_a_character_are_not_a_look_at_them(tmp_path: Path, line: str, looks: bool) -> None:
    game = inline_game(tmp_path, BOAT)
    kept = {c.action.key() for c in rankable(game, line, candidates(game))}
    assert "talk ruth" in kept
    assert ("examine ruth" in kept) is looks
