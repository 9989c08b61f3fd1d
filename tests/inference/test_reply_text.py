"""ReplyText: UTF-8 split across tokens and stop strings split across chunks never leak to the reader."""

from __future__ import annotations

from engine.inference.backends.reply_text import ReplyText


def feed(reply: ReplyText, parts: list[bytes]) -> list[str]:
    shown = [reply.push(part) for part in parts]
    return [*shown, reply.flush()]


def test_a_character_split_across_tokens_is_shown_whole() -> None:
    data = "café ☕".encode()
    shown = feed(ReplyText(), [data[:4], data[4:5], data[5:9], data[9:]])
    assert "".join(shown) == "café ☕" and "\ufffd" not in "".join(shown)


def test_a_stop_string_split_across_chunks_ends_the_reply_unseen() -> None:
    reply = ReplyText(("<|im_end|>",))
    shown = feed(reply, [b"The sea is calm.<", b"|im", b"_end|>", b" more"])
    assert "".join(shown) == "The sea is calm." and reply.stopped


def test_text_that_only_looked_like_a_stop_string_is_released() -> None:
    reply = ReplyText(("Player:",))
    shown = feed(reply, [b"The Play", b"ful wind"])
    assert shown[0] == "The " and "".join(shown) == "The Playful wind" and not reply.stopped


def test_a_held_back_ending_comes_out_on_flush() -> None:
    assert feed(ReplyText(("\n\n",)), [b"Done.\n"]) == ["Done.", "\n"]
