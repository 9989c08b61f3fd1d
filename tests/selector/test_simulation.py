"""Rating simulation: the adaptive selector finds the best synthetic model and re-adapts when it changes."""

from __future__ import annotations

from game.bench.selector_simulation import SyntheticModel, default_scenario, simulate

CHECKPOINTS = (10, 25, 50, 100, 150, 200)


def test_finds_the_best_model_and_readapts() -> None:
    # Phase 1: the config's prior favours model-a, but players rate model-b best (4.2 vs 3.4 vs 2.6).
    # Phase 2: the true means change: model-a becomes best (4.4), model-b worst (2.8).
    result = simulate(default_scenario(), turns_per_phase=200, seed=7)
    for number, phase in enumerate(result.phases, start=1):
        print(
            f"phase {number}: best={phase.best} last-50 share={phase.best_share(50):.2f} "
            f"fresh-pick share={phase.eval_best_share:.3f} cumulative regret={phase.cumulative_regret(CHECKPOINTS)}"
        )
    first, second = result.phases
    assert (first.best, second.best) == ("model-b", "model-a")
    # Measured two ways: over the last 50 of 200 rated turns, and by 1000 fresh select() calls afterwards.
    assert first.best_share(50) >= 0.9 and first.eval_best_share >= 0.9
    assert second.best_share(50) >= 0.9 and second.eval_best_share >= 0.9
    # Regret flattens once learnt: the last 100 turns cost less than the first 100.
    for phase in (first, second):
        assert sum(phase.regret[100:]) < sum(phase.regret[:100])


def test_without_decay_it_is_slower_to_readapt() -> None:
    decaying = simulate(default_scenario(), seed=7).phases[1]
    frozen = simulate(default_scenario(), seed=7, half_life=1e12).phases[1]
    print(f"re-adaptation regret over 200 turns: decay={sum(decaying.regret):.1f} none={sum(frozen.regret):.1f}")
    assert sum(decaying.regret) < sum(frozen.regret)


def test_equal_models_share_the_turns() -> None:
    # A control: with no difference to find, no model should be locked in.
    same = [SyntheticModel(name, true_mean=3.5) for name in ("x", "y", "z")]
    phase = simulate([same], turns_per_phase=150, seed=3).phases[0]
    assert set(phase.picks) == {"x", "y", "z"}
    assert sum(phase.regret) == 0
