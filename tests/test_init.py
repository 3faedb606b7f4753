"""Initial weights: the spread of a large draw matches each rule's formula."""

from __future__ import annotations

import math

import pytest
import torch

from zeronn.init import he_normal, lecun_normal, xavier_normal

RULES = [
    (he_normal, lambda fan_in, fan_out: math.sqrt(2 / fan_in)),
    (xavier_normal, lambda fan_in, fan_out: math.sqrt(2 / (fan_in + fan_out))),
    (lecun_normal, lambda fan_in, fan_out: math.sqrt(1 / fan_in)),
]
IDS = ["he", "xavier", "lecun"]


@pytest.mark.parametrize("rule, std", RULES, ids=IDS)
@pytest.mark.parametrize("fan_in, fan_out", [(1000, 200), (50, 800)])
def test_std_matches_the_formula(rule, std, fan_in, fan_out):
    W = rule(fan_in, fan_out, generator=torch.Generator().manual_seed(0), dtype=torch.float64)
    assert W.shape == (fan_in, fan_out)
    # 160,000 or 40,000 draws: the sample std is within 1% of the true one.
    assert W.std().item() == pytest.approx(std(fan_in, fan_out), rel=0.01)
    assert abs(W.mean().item()) < 0.01 * std(fan_in, fan_out) * 10


def test_xavier_is_glorot_not_the_books_sqrt_1_over_n():
    W = xavier_normal(100, 900, generator=torch.Generator().manual_seed(0), dtype=torch.float64)
    assert W.std().item() == pytest.approx(math.sqrt(2 / 1000), rel=0.01)
    assert W.std().item() != pytest.approx(math.sqrt(1 / 100), rel=0.1)


@pytest.mark.parametrize("rule", [r for r, _ in RULES], ids=IDS)
def test_seeded_generator_is_reproducible_and_dtype_kept(rule):
    a = rule(5, 3, generator=torch.Generator().manual_seed(1))
    b = rule(5, 3, generator=torch.Generator().manual_seed(1))
    assert torch.equal(a, b) and a.dtype == torch.float32
    assert rule(5, 3, dtype=torch.float64).dtype == torch.float64


@pytest.mark.parametrize("rule", [r for r, _ in RULES], ids=IDS)
def test_bad_arguments(rule):
    with pytest.raises(ValueError, match="fan_in >= 1, got fan_in = 0"):
        rule(0, 3)
    with pytest.raises(TypeError, match="fan_out as an int, got float"):
        rule(3, 2.0)
    with pytest.raises(ValueError, match=f"{rule.__name__} expects a floating-point dtype, got torch.int32"):
        rule(3, 2, dtype=torch.int32)


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA device")
def test_device_gets_the_same_draw():
    cpu = he_normal(4, 3, generator=torch.Generator().manual_seed(2))
    cuda = he_normal(4, 3, generator=torch.Generator().manual_seed(2), device="cuda")
    assert cuda.device.type == "cuda"
    torch.testing.assert_close(cuda.cpu(), cpu)
