"""Synthetic review documents for tests, the demo and benchmarks (never copied from real reviews)."""
