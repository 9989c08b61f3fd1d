"""Every action the story knows here, legal or not, with the words that name it and how much it risks."""

from __future__ import annotations

from dataclasses import dataclass

from engine.core.actions import Action
from engine.core.rules.verbs import builtin_legal
from engine.core.rules.world import (
    action_available,
    all_hold,
    candidate_actions,
    in_scope,
    open_exits,
    visible_exits,
)
from engine.core.state import CARRIED, GameState
from engine.story.model import Story, StoryAction

# Built-in verbs whose effect cannot be taken back by the player in one move, or that move the player.
_LOSING_BUILTINS = {"drop"}


@dataclass(frozen=True)
class Known:
    """One action the player could mean here: legal now, or refused with the author's words (`refusal`)."""

    action: Action
    """Canonical: an authored action's primary verb, so a synonym and the verb compare equal."""
    verbs: tuple[str, ...]
    """The words that name it (an authored verb and its synonyms; a built-in verb)."""
    legal: bool
    refusal: str | None = None
    """The authored `fail:` or `blocked:` text said when it is tried while not legal."""
    moves: bool = False
    """It takes the player to another scene."""
    irreversible: bool = False
    """It ends the story, removes or moves things, drops what is carried, or can happen only once."""
    needs: frozenset[str] = frozenset()
    """Things its `when:` needs carried (`has X`): the instrument of "use X on Y"."""

    @property
    def risky(self) -> bool:
        """A misreading would cost the player something: such actions need an explicit reading."""
        return self.legal and (self.moves or self.irreversible)


def _authored(authored: StoryAction, legal: bool, state: GameState) -> Known:
    kinds = {effect.kind for effect in authored.effects}
    # Placing something the player carries takes it away; placing anything else only changes the scenery.
    loses = any(e.kind == "place" and state.locations.get(e.name) == CARRIED for e in authored.effects)
    return Known(
        Action(verb=authored.verb, obj=authored.obj, target=authored.target), authored.verbs, legal,
        None if legal else authored.fail, moves="goto" in kinds,
        irreversible=authored.once or loses or bool(kinds & {"end", "remove"}),
        needs=frozenset(c.name for c in authored.when if c.kind == "has" and not c.negate),
    )


def _missing_tool(authored: StoryAction, state: GameState) -> bool:
    """An action on something here whose target (its tool) is not in reach, and which can still happen."""
    if authored.once and authored.id in state.done or authored.target is None or not authored.fail:
        return False
    return (authored.obj is None or in_scope(state, authored.obj)) and not in_scope(state, authored.target)


def known_actions(story: Story, state: GameState) -> list[Known]:
    """Authored actions in reach (legal or not), legal built-ins, and open or explained exits; none once ended."""
    if state.ending:
        return []
    found: dict[str, Known] = {}
    for authored in candidate_actions(story, state):
        if not action_available(state, authored):
            if _missing_tool(authored, state):
                # "pull down the ladder" with the pole elsewhere: the deed is known here, refused for the tool.
                refused = _authored(authored, False, state)
                found.setdefault(refused.action.key(), refused)
            continue
        known = _authored(authored, all_hold(authored.when, state), state)
        key = known.action.key()
        earlier = found.get(key)
        if earlier is None:
            found[key] = known
        elif known.legal and not earlier.legal:
            # The engine runs the first authored entry whose conditions hold, so this one speaks for the key.
            found[key] = Known(known.action, tuple(dict.fromkeys(earlier.verbs + known.verbs)), True,
                               moves=known.moves, irreversible=known.irreversible, needs=known.needs)
        else:
            found[key] = Known(earlier.action, tuple(dict.fromkeys(earlier.verbs + known.verbs)), earlier.legal,
                               earlier.refusal or (None if earlier.legal else known.refusal), earlier.moves,
                               earlier.irreversible, earlier.needs)
    for action in builtin_legal(story, state):
        found.setdefault(action.key(), Known(action, (action.verb,), True, moves=action.verb == "go",
                                             irreversible=action.verb in _LOSING_BUILTINS))
    opened = open_exits(story, state)
    for direction, exit_ in visible_exits(story, state).items():
        if direction not in opened:
            action = Action(verb="go", obj=direction)
            found.setdefault(action.key(), Known(action, ("go",), False, exit_.blocked, moves=True))
    return list(found.values())


def canonical(known: list[Known], action: Action) -> Known | None:
    """The known action `action` names, when its verb is the primary verb or one of the synonyms."""
    for entry in known:
        if (entry.action.obj == action.obj and entry.action.target == action.target
                and (action.verb in entry.verbs or action.verb == entry.action.verb)):
            return entry
    return None
