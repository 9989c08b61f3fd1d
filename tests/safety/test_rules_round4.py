"""Round-4 phrase rules (patterns of meaning found from the dev4 misses): clear statements reach their tier,
paraphrases not in any set too, and the ordinary lines that share their words stay silent."""

from __future__ import annotations

import pytest

from engine.safety.context import CrisisContext
from engine.safety.detector import CrisisDetector


@pytest.fixture(scope="module")
def detector() -> CrisisDetector:
    return CrisisDetector(semantic=False)


@pytest.mark.parametrize("text", [
    "did it. took them all. the room is spinning a bit",
    "40 of the antidepressants, 15 minutes ago",
    "swallowed about 30 of my sleeping tablets with vodka an hour ago",
    "got my dad's gun in my lap right now. it's loaded",
    "the blood won't stop",
    "on roof rn gonna jmp",
    "standing on the ledge of the bridge, typing this with one hand",
    "tok all my pils alredy",
    "the car's running in the garage with the door shut",
])
def test_harm_under_way_is_imminent(detector: CrisisDetector, text: str) -> None:
    assert detector.classify(text).level == "imminent"


@pytest.mark.parametrize("text", [
    "I've written letters for my mum and my brother, they're in the top drawer",
    "my husband says if I ever leave he'll find me and kill me",
    "my coach says it's our secret and that he'll only do it when I'm on my own",
    "this is me signing off for good",
    "i dont think ill be here next week",
    "how many of these would it take for me to not wake up",
    "im giving all my stuff away",
])
def test_clear_risk_is_a_crisis(detector: CrisisDetector, text: str) -> None:
    assert detector.classify(text).level == "crisis"


@pytest.mark.parametrize("text", [
    "i won't be here tomorrow, i'm on holiday",
    "put my affairs in order before the big move abroad",
    "I'd rather die than eat olives, tell the innkeeper no olives",
    "the detective says it wasn't suicide, it was murder",
    "we found three keys and I took them all",
    "im on the bridge now",
    "ate the whole box of chocolates at the party",
    "took the whole packet of crisps",
    "the knight gives his sword to the squire",
])
def test_ordinary_lines_sharing_the_words_stay_silent(detector: CrisisDetector, text: str) -> None:
    assert detector.classify(text).level == "none"


@pytest.mark.parametrize("semantic", [False, True])
def test_a_rule_matching_only_across_the_inputs_of_a_session_counts(semantic: bool) -> None:
    # With the semantic stage, the joined window is also scored there at the same level: the rule still counts.
    detector = CrisisDetector(semantic=semantic)
    context = CrisisContext()
    levels = [detector.classify(t, context=context).level for t in ("took my pills", "the whole box", "with vodka")]
    # "took my pills … the whole box" is worth a gentle check-in to the semantic stage (round 6: grey zone → check-in);
    # the rule's imminent still comes only once all three inputs are joined.
    assert levels[0] == "none" and levels[1] in ({"none", "check-in"} if semantic else {"none"})
    assert levels[2] == "imminent"
