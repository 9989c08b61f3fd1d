"""Turn settings: time limits per model step and the confidence needed to accept a model's parse."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from engine.turn.confidence import ConfidenceConfig


class TurnConfig(BaseModel):
    """How a turn uses models (`turn:` in settings.yaml)."""

    model_config = ConfigDict(extra="forbid")

    narrate: bool = True
    """Let a model retell the authored outcome; off means authored text only."""
    narration_timeout_s: float = Field(30.0, gt=0)
    """Time limit for one narration; on expiry the authored text is shown."""
    parse_timeout_s: float = Field(15.0, gt=0)
    """Time limit for the model step of the parse cascade."""
    narration_sentences: int = Field(3, ge=1, le=12)
    """At most this many narrated sentences per turn."""
    faithfulness: float = Field(0.6, ge=0, le=1)
    """Share of a narrated sentence's content words that the authored text and facts must support."""
    state_update: bool = True
    """Ask a model for a state-update proposal after each advancing turn."""
    state_update_timeout_s: float = Field(30.0, gt=0)
    """Time limit for one state-update proposal."""
    parse_min_confidence: float = Field(0.35, ge=0, le=1)
    """A model's parse is accepted only above this probability; below it the player is asked to rephrase."""
    parse_min_margin: float = Field(0.05, ge=0, le=1)
    """...and only when it leads the runner-up by this much."""
    parse_method: Literal["cascade", "likelihood", "embedding", "fused"] = "cascade"
    """How words the rules do not understand are resolved: `cascade` takes a confident sentence-embedding
    match, else asks the tool-selection model and averages both; or one method alone, or always both."""
    embedding_temperature: float = Field(0.05, gt=0)
    """Softmax temperature over cosine similarities."""
    embedding_none_similarity: float = Field(0.35, ge=-1, le=1)
    """Below this similarity to every action, the embedding match says "none of these"."""
    rerank_top: int = Field(3, ge=2, le=10)
    """When the embedding match is unsure, the model chooses among this many of its best candidates."""
    rerank_floor: float = Field(0.02, ge=0, le=1)
    """...unless even the best candidate's embedding probability is below this: then ask to rephrase."""
    suggestions: int = Field(3, ge=0, le=10)
    """How many legal actions to suggest when asking to rephrase."""
    history_turns: int = Field(2, ge=0, le=10)
    """How many recent turns of narration the narrator sees, for continuity."""
    improvise: bool = True
    """Let a model answer off-script lines and speak for characters (gated); off: the story's own lines only."""
    reply_timeout_s: float = Field(20.0, gt=0)
    """Time limit for one in-world reply or character reply."""
    confidence: ConfidenceConfig = ConfidenceConfig()
    """Bars a model's reading must clear to act, or to be offered as "Do you mean ...?"."""
    autosave: bool = True
    """Save to the `auto` slot after every advancing turn and on quitting (off: explicit saves only, e.g. the
    engine benchmark, which measures turns and not the disk)."""
