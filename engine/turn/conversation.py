"""Characters who converse: `ask/tell X about Y` and words addressed to them; authored topics first."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from engine.core.game import Game
from engine.core.rules.topics import open_topics
from engine.core.rules.world import in_scope
from engine.inference.base import Backend, GenerationRequest, Response
from engine.inference.config import GenParams
from engine.parser.offered import offered_to
from engine.safety import quote_for_prompt, sanitize_text
from engine.story.conversation import Topic
from engine.story.model import Npc
from engine.tasks import TaskType
from engine.turn.events import ModelUsed
from engine.turn.faithfulness import Faithfulness, content_words
from engine.turn.offscript import ModelSteps, Reply, present_words
from engine.turn.reply_gate import ReplyGate, first_sentences, gated_step
from engine.turn.step_prompts import npc_messages
from engine.turn.story_words import grounding_for

_ARTICLES = frozenset(["the", "a", "an", "old", "young", "dear", "miss", "mister", "mr", "mrs", "ms", "sir", "madam"])
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple((kind, re.compile(p)) for kind, p in (
    ("ask", r"^(?:please )?(?:ask|question|quiz|query) (?P<who>.+?) "
            r"(?:about|regarding|concerning|of|on|for) (?P<what>.+)$"),
    ("ask", r"^(?:please )?(?:ask|question) (?P<who>.+?) "
            r"(?P<what>(?:if|whether|why|how|what|where|who|when|which|who's|whos|what's|whats|where's|wheres|how's"
            r"|hows|do|does|did|is|are|was|were|has|have) .+)$"),
    ("tell", r"^(?:tell|inform|remind) (?P<who>.+?) (?:about|that|of|regarding) (?P<what>.+)$"),
    # "tell Agnes I'm ready", "let her know we're here": saying one is ready is the character's own `talk`.
    ("tell", r"^(?:tell|let) (?P<who>.+?) (?:know )?(?:that )?(?P<what>(?:i'm|im|i am|we're|we are) "
             r"(?:ready|here|back|set|done)(?: now| to go| to start)?)$"),
    ("ask", r"^(?:talk|speak|chat) (?:to|with) (?P<who>.+?) (?:about|regarding|of) (?P<what>.+)$"),
    ("say", r"^(?:say|whisper|shout|call|mention|sing) (?P<what>.+?) to (?P<who>.+)$"),
    ("say", r"^(?P<what>hello|hi|hey|hiya|howdy|hullo|hallo|good evening|good morning|good afternoon|good day|"
            r"good night|morning|afternoon|evening|goodbye|bye|thanks|thank you|cheers|sorry)"
            r"(?: there)?,? (?P<who>.+)$"),
    ("say", r"^(?P<what>greet|thank|comfort|console|reassure|apologise to|apologize to) (?P<who>.+)$"),
    # "tell Walter thank you", "say goodbye Nia": a greeting or thanks passed on is said to them.
    ("say", r"^(?:tell|say) (?P<who>.+?),? (?P<what>thank you|thanks|hello|hi|goodbye|bye|good night|sorry)$"),
))
_QUOTE = re.compile(r"^(?:say|tell her|tell him|tell them)?\s*[\"“'](?P<what>.+?)[\"”']?$")
# "Tell X that ..." and the like are still speech: never an engine action, and never effects from a model.
# A greeting or a plain request for help is the character's own `talk` (which may move the story on).
_HELLO = re.compile(r"^(?:hello|hi|hey|hiya|howdy|hullo|hallo|good evening|good morning|good afternoon|good day|"
                    r"good night|morning|afternoon|evening|greet|greetings|thank|thanks|thank you|cheers|"
                    r"excuse me|pardon me|sorry to bother you)"
                    r"(?: there| again| so much| all)?(?:,? (?:sir|madam|miss|mister|mate|love|dear|duck))?$")
_GREETING = re.compile(_HELLO.pattern
                       + r"|^(?:some |a little |any |for )?(?:help|advice|a hand|guidance|a hint)$"
                       # "ask her what we should do": a plain request for guidance, the character's own `talk`.
                       r"|^what (?:to|i should|we should|should i|should we|do i|do we|can i|can we|i can|we can"
                       r"|i ought to|we ought to) do(?: now| next| here)?$"
                       r"|^(?:i'm|im|i am|we're|we are) (?:ready|here|back|set|done)(?: now| to go| to start)?$")
# A question said to someone without a comma: "Ruth how have you been", "do you remember school Ruth".
_ASKING = (r"(?:how|what|what's|whats|where|where's|wheres|who|who's|whos|why|when|which|have you|has|do you|did you|"
           r"are you|were you|can you|could you|would you|will you|is there|is it|any)\b")
# Words said to whoever is here, without a name: "hey, you ok?", "are you hungry?", "what do you want to be?".
# "can you ..." and "could you ..." open polite commands as often ("can you open the door"): never read so.
_CALLING_OUT = re.compile(r"^(?:hey|oi|excuse me|pardon me|sorry|hello|hi)(?: there)?"
                          r"(?:,? (?:sir|madam|miss|mate|love))?,? (?P<what>.+)$")
_TO_YOU = re.compile(r"^(?:(?:are|were|do|did|have|had|aren't|don't|didn't|haven't) you"
                     r"|you (?:ok|okay|alright|all right|good|there|cold|hungry|lost|warm)"
                     r"|(?:what|how|where|who|why|when|which|what's|whats|how's"
                     r"|hows|where's)\b.*\byou(?:r|rs|rself)?)\b")
_ASK_ABOUT = re.compile(r"^(?:please )?(?:ask|enquire|inquire) (?:about|after|regarding) (?P<what>.+)$")
_WANTS_SOMETHING = re.compile(r"\b(?:give|hand|let me have|may i have|can i have|could i have|lend)\b")


@dataclass(frozen=True)
class Address:
    """Words meant for a character: who (the id, or None when no one fits), what about, and how."""

    kind: Literal["ask", "tell", "say"]
    who: str | None
    named: str
    subject: str
    chat: bool = False
    """Said to whoever is here without a name ("are you hungry?"): without a model, their own `talk` answers."""


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9'\" ,?“”]+", " ", text.lower().replace("’", "'")).split()).strip(" ?")


def names_of(npc: Npc) -> list[str]:
    """Every way the story lets the player name a character, longest first."""
    return sorted({n.lower() for n in (npc.name, *npc.aliases)}, key=len, reverse=True)


def resolve(game: Game, words: str) -> str | None:
    """The character `words` names (characters in reach first), or None."""
    wanted = " ".join(w for w in words.strip(" ,?.!").split() if w not in _ARTICLES)
    ranked = sorted(game.story.npcs.values(), key=lambda n: not in_scope(game.state, n.id))
    for npc in ranked:
        for name in names_of(npc):
            if wanted == name or re.search(rf"\b{re.escape(name)}\b", wanted):
                return npc.id
    return None


def addressed(text: str, game: Game) -> Address | None:
    """The character this line speaks to, if it speaks to one; plain commands ("talk to X") are left alone."""
    plain = _plain(text)
    for kind, pattern in _PATTERNS:
        match = pattern.match(plain)
        if match:
            who = resolve(game, match["who"])
            if who is not None or kind in ("ask", "tell"):
                return Address(kind, who, match["who"], match["what"].strip(" \"“”'"))  # type: ignore[arg-type]
    here = [n for n in game.story.npcs.values() if in_scope(game.state, n.id)]
    for npc in here:
        for name in names_of(npc):
            # "Mara, how are you?" / "how are you, Mara?"
            lead = re.match(rf"^(?:{re.escape(name)}|the {re.escape(name)})\s*(?:[,:]\s*|\s(?={_ASKING}))"
                            rf"(?P<what>.+)$", plain)
            trail = re.match(rf"^(?P<what>.+?),\s*(?:{re.escape(name)}|the {re.escape(name)})$", plain) or re.match(
                rf"^(?P<what>{_ASKING}.+?)\s(?:{re.escape(name)}|the {re.escape(name)})$", plain)
            found = lead or trail
            if found:
                return Address("say", npc.id, name, found["what"].strip(" \"“”'"))
    if _HELLO.match(plain) and len(here) == 1:
        return Address("say", here[0].id, here[0].name, plain)  # "hi there" with one person in reach
    asked = _ASK_ABOUT.match(plain)
    if asked and len(here) == 1:
        return Address("ask", None, "", asked["what"])  # "ask about the girl": of the one person here
    called = _CALLING_OUT.match(plain)
    said = called["what"].strip(" ,") if called else plain
    if len(here) == 1 and (_TO_YOU.match(said) or (called and _HELLO.match(said))):
        return Address("say", here[0].id, here[0].name, said, chat=True)
    quoted = _QUOTE.match(text.strip())
    if quoted and len(here) == 1 and (text.strip()[:1] in "\"“'" or plain.startswith("say")):
        return Address("say", here[0].id, here[0].name, quoted["what"])
    return None


_FRAME = frozenset(content_words("tell talk ask say speak chat know wonder curious more bit please"))
"""Words that frame a question to someone rather than say what it is about ("tell me about yourself")."""


def best_topic(topics: list[Topic], subject: str) -> Topic | None:
    """The open topic sharing most keywords with the subject; else the catch-all (no keywords), if any."""
    content = set(content_words(subject))
    said = content | {w for w in re.findall(r"[a-z]+", subject.lower()) if len(w) > 1}

    def score(topic: Topic) -> int:
        keys = {w for k in topic.keywords for w in content_words(k)}
        bare = {k.lower() for k in topic.keywords if not content_words(k)}
        # A keyword with no meaning of its own ("you", "from") counts only when the player said nothing else
        # ("and you?", "where are you from?"), never inside a request about something else ("can you order
        # me a pizza?").
        others = content - keys - _FRAME
        return len(said & keys) + (0 if others else len(said & bare))

    scored = [(score(t), t) for t in topics if t.keywords]
    best = max(scored, key=lambda pair: pair[0], default=(0, None))
    if best[0] > 0:
        return best[1]
    return next((t for t in topics if not t.keywords), None)


@dataclass
class Heard:
    """What conversation decided: an authored topic to say (an engine turn), or a reply that changes nothing."""

    npc: str | None
    topic: Topic | None = None
    reply: Reply | None = None
    talk: bool = False
    """A plain greeting: the story's own `talk` (which may move the story on) rather than a topic."""


class Conversation:
    """Routes words addressed to a character: authored topic, else a gated in-character model reply."""

    def __init__(self, steps: ModelSteps | None, *, timeout_s: float = 20.0, enabled: bool = True) -> None:
        self._steps = steps
        self._timeout_s = timeout_s
        self._enabled = enabled and steps is not None

    def hear(self, text: str, game: Game) -> Heard | None:
        """None when the line is not addressed to a character."""
        address = addressed(text, game)
        if address is None:
            return None
        story = game.story
        who = address.who
        if who is None:
            here = [n for n in story.npcs.values() if in_scope(game.state, n.id)]
            if len(here) != 1:
                return Heard(None, reply=Reply("There is no one here by that name to talk to.", "engine"))
            who = here[0].id
        npc = story.npcs[who]
        if not in_scope(game.state, who):
            return Heard(who, reply=Reply(f"{npc.name} isn't here.", "engine"))
        if offered_to(text, game, who):
            return None  # "Dot, here's your pen": a deed of the story's done to her, which the parser reads
        if _GREETING.match(address.subject):
            return Heard(who, talk=True)
        topic = best_topic(open_topics(story, game.state, who), address.subject)
        if topic is not None:
            return Heard(who, topic=topic)
        if not self._enabled and (address.chat or address.who is None):
            # Without a model, small talk or a question put to the one person here is their own `talk`, which
            # the author wrote for it (better than "has nothing to say").
            return Heard(who, talk=True)
        return Heard(who, reply=self._improvise(npc, address, text, game))

    def _improvise(self, npc: Npc, address: Address, text: str, game: Game) -> Reply:
        used: list[ModelUsed] = []
        reason: str | None = None
        if self._enabled and (npc.persona or npc.knows):
            reply, used, reason = self._model(npc, text, game)
            if reply is not None:
                return reply
        line = f"{npc.name} listens, and thinks about it, but has nothing to say about that just now."
        if _WANTS_SOMETHING.search(address.subject):
            line = f"{npc.name} hears you out, but does not hand anything over just for the asking."
        return Reply(line, "default", task=TaskType.NPC_DIALOGUE, reason=reason, used=[
            *used, ModelUsed(task=TaskType.NPC_DIALOGUE, model=None, explanation="the engine's line for a character")])

    def _model(self, npc: Npc, text: str, game: Game) -> tuple[Reply | None, list[ModelUsed], str | None]:
        assert self._steps is not None
        selector, backends, guard = self._steps
        facts = game.facts()
        things = [f"{game.story.items[t].name}: {game.story.items[t].description}" for t in game.story.items
                  if in_scope(game.state, t)]
        reference = " ".join([*npc.knows, npc.persona or "", npc.description, npc.name, *npc.aliases, "says",
                              facts.title, facts.description, *things, text])
        # A character speaks for itself, so first person is allowed; its facts are bounded by `knows`.
        knowledge = Faithfulness(frozenset(content_words(reference)), 0.5, allow_first_person=True)
        gate = ReplyGate(guard, grounding_for(game), (*present_words(game), *npc.knows),
                         knowledge=knowledge, speaker=True)
        task = TaskType.NPC_DIALOGUE

        def call(backend: Backend, params: GenParams) -> Response:
            messages = npc_messages(npc.name, npc.persona or "", npc.knows, facts, text)
            prompt = (f"{npc.name}, in a gentle story. {npc.persona or ''}\n"
                      f"The player says: {quote_for_prompt(text)}\n{npc.name} answers:")
            return backend.generate(GenerationRequest(messages=messages, prompt=prompt, params=params,
                                                      timeout_s=self._timeout_s, task=task))

        step, reason = gated_step(gate, selector, backends, task, call, lambda text: _speech(npc, text))
        if step.response is None:
            return None, step.used, reason
        return (Reply(_speech(npc, step.response.text), "model", task=task, model=step.model, used=step.used),
                step.used, None)


def _speech(npc: Npc, raw: str) -> str:
    """A model's words as the character's: bare speech is quoted and attributed."""
    text = first_sentences(sanitize_text(raw).strip().removeprefix(f"{npc.name}:").strip())
    if not text:
        return ""
    if '"' in text or "“" in text:
        return text
    return f'{npc.name} says, "{text}"'
