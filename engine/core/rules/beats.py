"""Therapeutic beats: mood check-ins (1-5), guided exercises (step by step) and reflections (stored, never judged)."""

from __future__ import annotations

from engine.core.outcome import BeatPrompt, Outcome
from engine.core.state import GameState, MoodEntry, PendingBeat, Reflection

SKIP_WORDS = {"skip", "pass", "no thanks", "not now", "later"}
NEXT_WORDS = {"", "next", "n", "ok", "okay", "done", "continue", "go on", "yes", "y"}
STOP_WORDS = {"stop", "end", "enough", "quit", "exit"}
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}


def prompt_for(pending: PendingBeat) -> BeatPrompt:
    """What to show for a pending beat right now."""
    beat = pending.beat
    if beat.kind == "exercise":
        step = beat.steps[pending.step]
        text = f"{beat.prompt.strip()}\n\n{step}" if pending.step == 0 else step
        return BeatPrompt(kind="exercise", id=beat.id, prompt=text, step=pending.step, total=len(beat.steps),
                          hint="Say 'next' to go on, or 'stop' to end here.")
    hint = ("Answer with a number from 1 (low) to 5 (good), or 'skip'." if beat.kind == "mood"
            else "Write whatever comes to you, or 'skip'. Nothing you write is judged.")
    return BeatPrompt(kind=beat.kind, id=beat.id, prompt=beat.prompt.strip(), hint=hint)


def answer_beat(state: GameState, text: str) -> Outcome:
    """Answer the first pending beat; mutates `state` only when the answer is accepted."""
    pending = state.beats[0]
    beat = pending.beat
    said = " ".join(text.strip().split())
    lowered = said.lower().rstrip(".!")
    if lowered in SKIP_WORDS:
        state.beats.pop(0)
        return Outcome(ok=True, text="That's fine. We can go on.", events=[f"skipped:{beat.id}"])
    if beat.kind == "mood":
        value = NUMBER_WORDS.get(lowered) or (int(lowered) if lowered.isdigit() else 0)
        if not 1 <= value <= 5:
            return Outcome(ok=False, refusal="answer",
                           text="Please answer with a number from 1 to 5, or say 'skip'.", beat=prompt_for(pending))
        state.mood_log.append(MoodEntry(turn=state.turn, scene=state.scene, value=value))
        state.beats.pop(0)
        return Outcome(ok=True, text=beat.done.strip() or "Thank you for checking in.", events=[f"mood:{value}"])
    if beat.kind == "reflection":
        if not said:
            return Outcome(ok=False, refusal="answer",
                           text="Take your time. Write anything at all, or say 'skip'.", beat=prompt_for(pending))
        state.reflections.append(Reflection(beat=beat.id, turn=state.turn, scene=state.scene,
                                            prompt=beat.prompt.strip(), text=said))
        state.beats.pop(0)
        return Outcome(ok=True, text=beat.done.strip() or "Thank you. That's yours to keep.",
                       events=[f"reflection:{beat.id}"])
    if lowered in STOP_WORDS:
        state.beats.pop(0)
        return Outcome(ok=True, text="You let the exercise rest there. That was enough.",
                       events=[f"stopped:{beat.id}"])
    if lowered not in NEXT_WORDS:
        return Outcome(ok=False, refusal="answer", text="Say 'next' to go on, or 'stop' to end the exercise.",
                       beat=prompt_for(pending))
    if pending.step + 1 < len(beat.steps):
        pending.step += 1
        shown = prompt_for(pending)
        return Outcome(ok=True, text=shown.prompt, beat=shown, events=[f"step:{beat.id}:{pending.step}"])
    state.beats.pop(0)
    return Outcome(ok=True, text=beat.done.strip() or "You finish the exercise.", events=[f"finished:{beat.id}"])
