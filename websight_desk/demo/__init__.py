"""Seeded, believable demo data for a workspace (`websight-desk demo`, the benchmarks).

Only `cli/demo.py` and `bench/` import this package; production code never depends on it.
Entry point: `websight_desk.demo.run.add_demo_data`.
"""
