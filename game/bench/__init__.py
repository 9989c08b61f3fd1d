"""Benchmarks and evaluations (the top layer, above everything it measures); `tta bench` runs them."""
