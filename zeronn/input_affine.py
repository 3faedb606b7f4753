"""The first layer of a network: an Affine layer whose input is the data."""

from __future__ import annotations

import torch

from zeronn._checks import checks_dout
from zeronn.affine import Affine


class InputAffine(Affine):
    r"""An :class:`Affine` layer for the data: ``backward`` sets ``dW`` and ``db`` and returns None.

    Training needs the gradients of the parameters only. The gradient of the
    data, $dX = dY\, W^\top$, is a matrix product as large as the forward
    pass's $X W$, and nothing uses it, so this layer skips it (PyTorch's
    autograd skips it too, for a tensor that does not require a gradient).
    :func:`zeronn.mlp` puts it first. Everything else is :class:`Affine`'s.

    Example:
        >>> import torch
        >>> from zeronn import InputAffine
        >>> layer = InputAffine(torch.ones(3, 2), torch.zeros(2))
        >>> layer.forward(torch.ones(4, 3)).shape
        torch.Size([4, 2])
        >>> print(layer.backward(torch.ones(4, 2)), layer.db)
        None tensor([4., 4.])
    """

    @checks_dout
    def backward(self, dout: torch.Tensor) -> None:
        self.dW = self.x.T @ dout
        self.db = dout.sum(dim=0)
