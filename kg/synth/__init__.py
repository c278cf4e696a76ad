"""Synthetic disclosures with their truth, and damaged copies, for tests and benchmarks."""
