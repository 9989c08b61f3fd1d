"""CircuitBreaker: N consecutive failures open it; it cools down, allows one trial, and closes on success."""

from __future__ import annotations

from engine.selector import BreakerConfig, CircuitBreaker


def test_opens_after_consecutive_failures(clock) -> None:
    breaker = CircuitBreaker(BreakerConfig(failures_to_open=3, cooldown_s=30), clock)
    assert [breaker.failure("m"), breaker.failure("m")] == [False, False]
    assert breaker.cooling("m") == 0.0
    assert breaker.failure("m") is True
    assert breaker.cooling("m") == 30.0
    clock.advance(10)
    assert breaker.cooling("m") == 20.0
    assert breaker.cooling("other") == 0.0


def test_a_success_resets_the_count(clock) -> None:
    breaker = CircuitBreaker(BreakerConfig(failures_to_open=2, cooldown_s=30), clock)
    breaker.failure("m")
    breaker.success("m")
    assert breaker.failure("m") is False


def test_half_open_trial(clock) -> None:
    breaker = CircuitBreaker(BreakerConfig(failures_to_open=2, cooldown_s=30), clock)
    breaker.failure("m")
    breaker.failure("m")
    clock.advance(31)
    assert breaker.cooling("m") == 0.0  # one trial allowed
    assert breaker.failure("m") is True  # a failed trial re-opens at once
    assert breaker.cooling("m") == 30.0
    assert breaker.trips("m") == 2
    clock.advance(31)
    breaker.success("m")
    assert breaker.failure("m") is False  # closed again: counting starts over
