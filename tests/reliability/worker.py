"""One player process for the concurrency test: moves, saves, rates and notes on a shared data folder, then
prints every confirmation it was given as JSON (the parent checks each one is really on disk).

Run: python tests/reliability/worker.py HOME STORY ID MOVES
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from engine.safety import CrisisDetector  # noqa: E402
from tests.reliability.helpers import MOVES, pipeline_for, said, services_for  # noqa: E402


def main(home: Path, story: Path, worker: str, moves: int) -> dict[str, object]:
    services = services_for(home, outputs=moves + 10)
    # The phrase-list crisis check only: the semantic stage is a model call per line that says nothing about
    # files, and without it the processes' writes collide far more often, which is what is under test.
    services.detector = CrisisDetector(semantic=False)
    pipeline, _ = pipeline_for(services, story)
    session = pipeline.session
    saves: list[tuple[str, int]] = []
    ratings: list[tuple[str, int]] = []
    notes: list[tuple[str, str]] = []
    narrated = 0
    for index in range(moves):
        said(pipeline.run(MOVES[index % len(MOVES)]))  # the full turn: safety, parse, engine, narration, autosave
        turn = session.last_turn
        assert turn is not None
        narrated += turn.narration_model() is not None
        # The meta commands' own code, called directly: a crisis check per line would only add model time.
        slot = f"{worker}-{index}"
        if session.save(slot) == f"Saved to slot '{slot}'.":
            saves.append((slot, session.game.state.turn))
        rating = 1 + index % 5
        if session.rate(rating).endswith("Thank you."):
            ratings.append((turn.turn_id, rating))
        text = f"{worker} note {index}"
        if session.note(text) == "Note saved.":
            notes.append((turn.turn_id, text))
    journal = session.log.journal
    services.close()
    return {"saves": saves, "ratings": ratings, "notes": notes, "narrated": narrated,
            "journal": str(journal.path) if journal else None}


if __name__ == "__main__":
    home_arg, story_arg, worker_arg, moves_arg = sys.argv[1:5]
    print(json.dumps(main(Path(home_arg), Path(story_arg), worker_arg, int(moves_arg))))
