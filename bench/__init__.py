"""Benchmarks for frenemy: throughput against bare spaCy, memory, dyad query time, web load.

``python -m bench.run`` (``make bench``) measures everything and writes bench/results.json;
``python -m bench.run --smoke`` runs seconds-long versions for the test suite.
"""
