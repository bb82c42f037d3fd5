"""Crosstabs, significance tests, weighting, targets and benchmarks (see issue 4)."""
