"""Hypothesis strategies, one module per domain: the only home of strategies."""
