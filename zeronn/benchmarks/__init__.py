"""Benchmarks of zeronn against torch autograd and NumPy (``make bench``).

- ``zeronn.benchmarks.cases``: the computations, written four times (zeronn, torch
  autograd on zeronn's weights and in nn.Linear's layout, NumPy) on the same numbers;
- ``zeronn.benchmarks.timing``: interleaved repetitions and medians;
- ``zeronn.benchmarks.results``: the results file (``results.json`` beside it) and the ratio
  tables printed by ``scripts/bench.py`` and by the performance page.
"""
