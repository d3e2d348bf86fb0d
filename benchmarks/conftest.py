"""Benchmarks run with the dev Hypothesis profile and no coverage (see docs/benchmarks.md)."""
