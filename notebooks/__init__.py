"""The course notebooks, written once for both languages (see notebooks/cells.py).

``python -m notebooks.build`` writes docs/ja/notebooks/<name>.ipynb and
docs/en/notebooks/<name>.ipynb from ``notebooks/<name>.py``.
"""

# In the order of the chapters they continue.
NOTEBOOKS = ["activation", "forward", "backprop", "training"]
