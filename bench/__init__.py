"""Benchmarks: scripts that report figures against targets (run each file; nothing is asserted).

``bench/names.py`` is the development benchmark for name repair; the modules beside it are
its parts (records, corruption, traps, scoring, the naive baseline).
"""
