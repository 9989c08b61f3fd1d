"""A retelling may not claim a change the outcome did not make, nor a way on the scene does not have."""

from __future__ import annotations

from engine.turn.claims import claimed_change, wrong_way
from engine.turn.faithfulness import Faithfulness

EXITS = {"out": "The Porch", "east": "The Kitchen", "north": "The Woodshed", "west": "The Drying Room"}
ROOM = "A low room. The front door is out, the kitchen east, the woodshed north through a back door."


def test_a_change_the_outcome_made_may_be_retold() -> None:
    assert claimed_change("You lift the latch and the gate swings open.", "You lift the latch. The gate swings open.") \
        is None
    assert claimed_change("You take the iron key; it is heavy.", "You take the iron key.") is None


def test_a_change_the_outcome_did_not_make_is_caught() -> None:
    look = "The gate is shut with an old iron latch."
    assert claimed_change("You lift the old iron latch.", look) == "lift"
    assert claimed_change("The gate swings open onto the garden.", look) == "swings open"
    assert claimed_change("You step onto the ferry.", "The last ferry idles with its door open.") is not None
    # The path climbing licenses nothing about the player climbing.
    assert claimed_change("You climb the stair.", "A narrow stair climbs to a door.") == "climb"
    assert claimed_change("A narrow stair climbs to a door.", "A narrow stair climbs to a door.") is None


def test_ways_on_must_agree_with_the_exits() -> None:
    assert wrong_way("The kitchen is east, and the woodshed north.", EXITS, ROOM) is None
    assert wrong_way("The front door is out, the kitchen north through a back door.", EXITS, ROOM) \
        == "The Kitchen is not north"
    assert wrong_way("To the south a sauna steams.", EXITS, ROOM) == "no way south from here"
    # A direction the authored prose itself names is not an invention (a view, say).
    assert wrong_way("Far to the south the valley falls away.", EXITS, "Far to the south the valley falls away.") \
        is None


def test_a_closed_world_names_what_the_scene_does_not_have() -> None:
    check = Faithfulness.of("A low room of dark wood. Ilse sits by the iron stove.", closed=True)
    assert check.problem("Ilse sits by the warm iron stove, quiet in the evening light.") is None
    problem = check.problem("Sipping a cold beer, Ilse sits by the iron stove.") or ""
    assert "beer" in problem
    # Open (the default for other gates), a mostly faithful sentence still passes.
    assert Faithfulness.of("A low room of dark wood. Ilse sits by the iron stove.").problem(
        "Ilse sits by the iron stove with a beer.") is None


def test_we_and_our_are_first_person_too() -> None:
    assert Faithfulness.of("You stand on the porch.").problem("We stand on our porch.") == "speaks in the first person"
