"""zeronn: a fully connected neural network from scratch, on PyTorch tensors.

Layers are plain classes with ``forward`` and ``backward``; no ``torch.nn``,
no autograd. Plain functions (activations, softmax, losses) are in
``zeronn.functions``, initial weights in ``zeronn.init`` and the logic gates
of chapter 2 in ``zeronn.perceptron``.
"""

from zeronn.affine import Affine
from zeronn.checker import check
from zeronn.datasets import load_digits
from zeronn.input_affine import InputAffine
from zeronn.gradient import numerical_gradient, relative_error
from zeronn.network import Network, mlp
from zeronn.optimizers import SGD, Adam, Momentum
from zeronn.relu import Relu
from zeronn.sigmoid import Sigmoid
from zeronn.softmax_with_loss import SoftmaxWithLoss
from zeronn.tanh import Tanh
from zeronn.trainer import History, train

__all__ = [
    "Affine",
    "InputAffine",
    "Relu",
    "Sigmoid",
    "Tanh",
    "SoftmaxWithLoss",
    "Network",
    "mlp",
    "SGD",
    "Momentum",
    "Adam",
    "train",
    "History",
    "load_digits",
    "numerical_gradient",
    "relative_error",
    "check",
]
__version__ = "0.1.0"
