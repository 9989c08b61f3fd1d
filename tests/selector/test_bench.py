"""The selector bench runs and reports sensible latency percentiles."""

from __future__ import annotations

from game.bench.selector_bench import format_bench, run_selector_bench


def test_bench_reports_latency_percentiles() -> None:
    result = run_selector_bench(n=300, simulation=False)
    print(format_bench(result))
    assert result["models"] == 3
    for figures in result["select_us"].values():
        assert 0 < figures["p50"] <= figures["p95"]
