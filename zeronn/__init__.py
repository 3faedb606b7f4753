"""zeronn: a fully connected neural network from scratch, on PyTorch tensors.

Layers are plain classes with ``forward`` and ``backward``; no ``torch.nn``,
no autograd.
"""

from zeronn.affine import Affine
from zeronn.relu import Relu
from zeronn.sigmoid import Sigmoid

__all__ = ["Affine", "Relu", "Sigmoid"]
__version__ = "0.1.0"
