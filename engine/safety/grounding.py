"""The 5-4-3-2-1 grounding exercise offered by the crisis response, one calm step at a time."""

from __future__ import annotations

GROUNDING_STEPS: list[str] = [
    "Let's slow down together. There's no rush, and nothing you need to get right.",
    "Take a slow breath in through your nose, and let it out gently through your mouth.",
    "Look around and notice 5 things you can see. Name them quietly to yourself.",
    "Notice 4 things you can feel: your feet on the floor, the seat beneath you, the air on your skin.",
    "Listen for 3 things you can hear, near or far away.",
    "Notice 2 things you can smell. If nothing comes, think of two smells you like.",
    "Notice 1 thing you can taste, or take a sip of water if you have some nearby.",
    "Take one more slow breath. You are here, right now. When you're ready, you can choose what to do next.",
]
