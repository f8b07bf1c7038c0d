"""Deterministic demo data: Moroccan universities, alumni, partners, postings."""

from gateway.demo.seed import DemoDataExists, SeedSummary, seed_demo

__all__ = ["DemoDataExists", "SeedSummary", "seed_demo"]
