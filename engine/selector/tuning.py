"""Selector tuning knobs (`selector:` in settings.yaml): scoring weights, the bandit and the circuit breaker."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class AdaptiveConfig(BaseModel):
    """The per-task bandit that learns from ratings and outcomes."""

    model_config = ConfigDict(extra="forbid")

    enabled: bool = True
    """Sample quality from the learned posteriors (Thompson sampling); off means use the posterior means."""
    half_life: float = Field(100.0, gt=0.0)
    """Evidence halves after this many later events of the same task and kind (ratings, or outcomes)."""
    prior_strength: float = Field(6.0, gt=0.0)
    """How many ratings the configured quality_score is worth before real ratings arrive."""
    rating_sd: float = Field(1.0, gt=0.0)
    """How much one player's rating scatters around a model's true mean, in rating points (sets exploration)."""
    reliability_prior: float = Field(8.0, gt=0.0)
    """How many successful calls each model is credited with before real outcomes arrive."""


class BreakerConfig(BaseModel):
    """The circuit breaker that rests a failing model."""

    model_config = ConfigDict(extra="forbid")

    failures_to_open: int = Field(3, ge=1)
    """Consecutive failures after which a model cools down."""
    cooldown_s: float = Field(60.0, ge=0.0)
    """Seconds a tripped model is skipped before one trial call is allowed."""
    quality_failures_to_open: int = Field(6, ge=1)
    """Consecutive poor outputs (invalid, blocked by the guard) on one task before the model rests from it."""
    quality_cooldown_s: float = Field(30.0, ge=0.0)
    """How long a model rests from a task after poor outputs."""


class SelectorConfig(BaseModel):
    """How the selector weighs quality, speed and loading cost."""

    model_config = ConfigDict(extra="forbid")

    latency_weight: float = Field(0.25, ge=0.0, le=1.0)
    """Share of speed in a model's score (the rest is quality); response_time_priority uses 1.0."""
    speed_reference_tps: float = Field(40.0, gt=0.0)
    """Measured tokens/s that counts as a speed score of 0.5 (score = tps / (tps + reference))."""
    speed_prior_strength: float = Field(5.0, ge=0.0)
    """How many measured generations the configured speed_score is worth."""
    cold_penalty: float = Field(0.05, ge=0.0, le=1.0)
    """Subtracted from the score of a model that is not loaded yet, so a loaded model that fits is preferred."""
    adaptive: AdaptiveConfig = Field(default_factory=AdaptiveConfig)
    """The learning part."""
    breaker: BreakerConfig = Field(default_factory=BreakerConfig)
    """The circuit breaker."""
