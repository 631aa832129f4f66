"""Benchmarks: each module is a script printing ratios against a same-run baseline."""
