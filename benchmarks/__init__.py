"""Benchmarks of zeronn against torch autograd and NumPy (``make bench``).

- ``benchmarks.cases``: the computations, written four times (zeronn, torch
  autograd on zeronn's weights and in nn.Linear's layout, NumPy) on the same numbers;
- ``benchmarks.timing``: interleaved repetitions and medians;
- ``benchmarks.results``: the results file (``benchmarks/results.json``) and the ratio
  tables printed by ``scripts/bench.py`` and by the performance page.
"""
