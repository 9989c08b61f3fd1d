"""Topic keywords with no meaning of their own ("you", "from") must not pull a request about something else into a
once-only topic (an outside author's "teo, can you order me a pizza?" used up Teo's life story); said alone they
still find it. Tried on new wordings, not the author's line."""

from __future__ import annotations

import pytest

from engine.story.conversation import Topic
from engine.turn.conversation import best_topic

TOPICS = [
    Topic(keywords=["home", "family", "yourself", "you", "from"], once=True, text="life story"),
    Topic(keywords=["boat", "engine", "fuel"], text="the boat"),
    Topic(keywords=[], text="anything else"),
]


@pytest.mark.parametrize("said", [
    "could you fetch me a sandwich?",
    "can you sing a song for me",
    "would you mind opening the window",
    "you should see a doctor about that cough",
    "will you dance with me",
])
def test_a_request_about_something_else_gets_the_catch_all(said: str) -> None:
    assert best_topic(TOPICS, said).text == "anything else"  # type: ignore[union-attr]


@pytest.mark.parametrize("said", [
    "where are you from?",
    "and you?",
    "tell me about yourself",
    "what about your family",
    "do you miss home",
])
def test_asking_about_the_person_still_finds_their_topic(said: str) -> None:
    assert best_topic(TOPICS, said).text == "life story"  # type: ignore[union-attr]


def test_a_content_keyword_still_wins_inside_a_request() -> None:
    assert best_topic(TOPICS, "can you check the fuel for me").text == "the boat"  # type: ignore[union-attr]
