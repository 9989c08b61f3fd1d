"""Framing text: the care disclaimer and a story's content notes, shown before play."""

from __future__ import annotations

DISCLAIMER = (
    "TTA is a game for reflection and practice. It is not a substitute for professional care, "
    "diagnosis or treatment. If you are struggling or in danger, please reach out to someone you "
    "trust, a local crisis line, or your local emergency number."
)


def content_notes_notice(title: str, notes: list[str]) -> str:
    """The notice shown before a story starts, naming its content notes."""
    cleaned = [note.strip() for note in notes if note.strip()]
    if not cleaned:
        return f"“{title}” has no content notes. You can pause or quit at any time."
    listed = "\n".join(f"  • {note}" for note in cleaned)
    return (
        f"Before you begin “{title}”, a note on what it touches on:\n{listed}\n"
        "Take care of yourself while you play. You can pause or quit at any time."
    )
