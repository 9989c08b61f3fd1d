"""Beyond the parser: confirmations, engine questions, conversation, confidence bands and in-world replies.

One object decides, before and around the parse cascade, what a line that may not be an action gets. It never
changes the state itself: an action goes back to the host loop to perform, an authored topic to `Game.discuss`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from engine.core.actions import Action
from engine.core.game import Game
from engine.story.conversation import Topic
from engine.turn.acknowledge import acknowledge
from engine.turn.cascade import ParseDecision
from engine.turn.confidence import Confirmation, band_for
from engine.turn.config import TurnConfig
from engine.turn.conversation import Conversation
from engine.turn.events import ModelUsed, NarrationDone, NarrationStart, SystemText, TurnDone, TurnEvent
from engine.turn.injection import injection_kind
from engine.turn.models import TurnModels
from engine.turn.offscript import Improviser, Reply
from engine.turn.questions import answer_question
from engine.turn.records import TurnRecord, new_turn_id
from engine.turn.story_words import story_vocabulary


@dataclass
class Route:
    """Exactly one of: a decision for the host loop to act on, a reply to show, a topic to say, a question."""

    decision: ParseDecision | None = None
    reply: Reply | None = None
    topic: tuple[str, Topic] | None = None
    question: str | None = None
    band: str = ""
    """Why the route was taken (the band, the question kind...), for the record and the benchmarks."""


class OffTurn:
    """Decides what a line gets when it may not be a plain, confident action."""

    def __init__(self, models: TurnModels | None, config: TurnConfig) -> None:
        # Without models (the rules profile) the story's own lines answer; no model is ever asked.
        steps = (models.selector, models.backends, models.guard) if models and models.guard else None
        enabled = config.improvise and steps is not None
        self._steps = steps if enabled else None
        self._timeout_s = config.reply_timeout_s
        self.improviser = Improviser(steps, timeout_s=config.reply_timeout_s, enabled=enabled)
        self.conversation = Conversation(steps, timeout_s=config.reply_timeout_s, enabled=enabled)
        self.confidence = config.confidence
        self.confirmation = Confirmation()

    def acknowledge(self, prompt: str, answer: str, authored: str) -> tuple[str, list[ModelUsed]]:
        """A reflection answer's acknowledgement: a model's, within the guard, else the beat's `done`."""
        text, _, used = acknowledge(self._steps, prompt, answer, authored, self._timeout_s)
        return text, used

    def acts(self, decision: ParseDecision, game: Game) -> bool:
        """Whether a reading found after the engine refused the rules' one is confident enough to act on."""
        if decision.action is None:
            return False
        return band_for(game, decision.action, decision.confidence, decision.method, self.confidence).band == "act"

    def route(self, text: str, game: Game, parse: Callable[[], ParseDecision]) -> Route:
        """Where `text` goes this turn; `parse` runs the cascade only when nothing earlier answered."""
        answer, held = self.confirmation.answer(text)
        if answer == "yes" and held is not None:
            return Route(decision=ParseDecision("action", held, "model", confidence=1.0), band="confirmed")
        if answer == "no":
            return Route(reply=Reply("All right. What would you like to do?", "engine"), band="declined")
        injected = injection_kind(text, story_vocabulary(game))
        if injected is not None:
            # Aimed at the machinery: no parse, no model; the world simply goes on.
            return Route(reply=self.improviser.lines.pick(text, game)
                         or Reply("Nothing in the world answers to that.", "engine"), band=f"hostile:{injected}")
        question = answer_question(text, game)
        if question is not None:
            return Route(reply=Reply(question.text, "engine"), band=f"question:{question.kind}")
        heard = self.conversation.hear(text, game)
        if heard is not None and heard.npc is not None and heard.talk:
            return Route(decision=ParseDecision("action", Action(verb="talk", obj=heard.npc), "rules"), band="talk")
        if heard is not None and heard.npc is not None and heard.topic is not None:
            return Route(topic=(heard.npc, heard.topic), band="topic")
        if heard is not None and heard.reply is not None:
            return Route(reply=heard.reply, band="npc")
        decision = parse()
        if decision.kind in ("empty", "question"):
            return Route(decision=decision, band=decision.kind)
        if decision.kind == "action" and decision.action is not None:
            verdict = band_for(game, decision.action, decision.confidence, decision.method, self.confidence)
            if verdict.band == "act":
                return Route(decision=decision, band="act")
            if verdict.band == "confirm":
                return Route(question=self.confirmation.ask(game, decision.action), band="confirm",
                             decision=decision)
        reply = self.improviser.reply(text, game, decision.suggestions)
        reply.used = [*decision.used, *reply.used]
        return Route(reply=reply, band="none")


def reply_events(reply: Reply) -> Iterator[TurnEvent]:
    """A reply shown as narration (the story's words or a model's, marked) or as the game's own text."""
    yield from reply.used
    if reply.source in ("engine", "rephrase"):
        yield SystemText(reply.text, "info" if reply.source == "engine" else "rephrase")
    else:
        yield NarrationStart(reply.model)
        yield NarrationDone(reply.text, "model" if reply.improvised else "authored", reason=reply.reason)
    yield TurnDone(None, False, models=list(reply.used))


def reply_record(text: str, reply: Reply, game: Game, band: str) -> TurnRecord:
    """The journal's line for a reply: it does not advance, and improvised text is marked as such."""
    return TurnRecord(new_turn_id(), game.state.turn, text, parse_method=f"offscript:{band}",
                      outcome="(no change)", narration=reply.text,
                      narration_source="improvised" if reply.improvised else reply.source,
                      models=list(reply.used), scene=game.state.scene)


def confirm_events(question: str, used: list[ModelUsed]) -> Iterator[TurnEvent]:
    """The "Do you mean ...?" question; nothing happens until the player says yes."""
    yield from used
    yield SystemText(question, "question")
    yield TurnDone(None, False, models=list(used))


def route_events(route: Route) -> Iterator[TurnEvent]:
    """What the player sees for a route that does not act: a reply, or the "Do you mean ...?" question."""
    if route.reply is not None:
        yield from reply_events(route.reply)
    elif route.question is not None:
        yield from confirm_events(route.question, route.decision.used if route.decision else [])
