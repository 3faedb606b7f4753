"""train: an end-to-end run on the digits, and the bookkeeping of History."""

from __future__ import annotations

import pytest
import torch

from zeronn import SGD, History, load_digits, mlp, train


@pytest.fixture(scope="module")
def digits():
    return load_digits()


def test_digits_reach_93_percent(digits):
    # 64-50-10 ReLU, He init, SGD lr 0.1, batch 32: about 0.95 test accuracy after 20 epochs.
    history = train(mlp([64, 50, 10], seed=0), SGD(lr=0.1), *digits, epochs=20, batch_size=32, seed=0, progress=False)
    assert len(history.loss) == len(history.train_acc) == len(history.test_acc) == len(history.seconds) == 20
    assert history.test_acc[-1] >= 0.93
    assert history.loss[-1] < history.loss[0] / 4


def test_same_seed_same_run_whatever_the_global_rng(digits):
    small = [d[:200] for d in digits]
    runs = []
    for global_seed in (1, 2):
        torch.manual_seed(global_seed)
        runs.append(train(mlp([64, 10, 10]), SGD(lr=0.1), *small, epochs=2, batch_size=16, progress=False))
    assert runs[0].loss == runs[1].loss
    other = train(mlp([64, 10, 10]), SGD(lr=0.1), *small, epochs=2, batch_size=16, seed=1, progress=False)
    assert other.loss != runs[0].loss


def test_loss_is_the_mean_over_samples_of_one_pass():
    # lr so small that the weights barely move: the epoch's loss is the loss of the whole set.
    x, t = torch.randn(10, 3, dtype=torch.float64), torch.tensor([0, 1] * 5)
    net = mlp([3, 4, 2], dtype=torch.float64)
    expected = net.loss(x, t).item()
    history = train(net, SGD(lr=1e-12), x, t, x, t, epochs=1, batch_size=3, progress=False)
    assert history.loss[0] == pytest.approx(expected, rel=1e-9)


def test_each_epoch_visits_each_sample_once():
    seen = []

    class Recorder:
        def update(self, params, grads):
            pass

    net = mlp([1, 2])
    original = net.gradient

    def gradient(x, t):
        seen.extend(x[:, 0].tolist())
        return original(x, t)

    net.gradient = gradient
    x = torch.arange(7.0).reshape(7, 1)
    train(net, Recorder(), x, torch.zeros(7, dtype=torch.int64), x, torch.zeros(7, dtype=torch.int64),
          epochs=3, batch_size=3, progress=False)
    assert sorted(seen) == sorted(list(range(7)) * 3)
    assert seen[:7] != seen[7:14] or seen[7:14] != seen[14:]  # reshuffled


def test_progress_bar_goes_to_stderr_only(capsys):
    x, t = torch.randn(8, 2), torch.tensor([0, 1] * 4)
    train(mlp([2, 2]), SGD(), x, t, x, t, epochs=2, batch_size=4, progress=True)
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "epochs" in captured.err
    train(mlp([2, 2]), SGD(), x, t, x, t, epochs=2, batch_size=4, progress=False)
    assert capsys.readouterr().err == ""


def test_history_is_a_dataclass_of_lists():
    assert History() == History(loss=[], train_acc=[], test_acc=[], seconds=[])


def test_data_and_labels_must_have_the_same_number_of_rows():
    x, t = torch.randn(4, 2), torch.tensor([0, 1, 0, 1])
    with pytest.raises(ValueError, match=r"x_test of shape \(4, 2\) and t_test of shape \(3,\)"):
        train(mlp([2, 2]), SGD(), x, t, x, t[:3], epochs=1, batch_size=2, progress=False)


def test_without_a_test_set_test_acc_stays_empty():
    x, t = torch.randn(8, 2), torch.tensor([0, 1] * 4)
    history = train(mlp([2, 2]), SGD(), x, t, epochs=3, batch_size=4, progress=False)
    assert len(history.loss) == len(history.train_acc) == len(history.seconds) == 3
    assert history.test_acc == []


def test_leaving_out_the_test_set_does_not_change_the_training():
    x, t = torch.randn(12, 3), torch.tensor([0, 1, 2] * 4)
    with_test = train(mlp([3, 4, 3]), SGD(lr=0.1), x, t, x, t, epochs=2, batch_size=5, progress=False)
    without = train(mlp([3, 4, 3]), SGD(lr=0.1), x, t, epochs=2, batch_size=5, progress=False)
    assert with_test.loss == without.loss and with_test.train_acc == without.train_acc


@pytest.mark.parametrize("missing", ["x_test", "t_test"])
def test_x_test_and_t_test_come_together(missing):
    x, t = torch.randn(4, 2), torch.tensor([0, 1, 0, 1])
    given = {"x_test": x, "t_test": t}
    given.pop(missing)
    only = next(iter(given))
    with pytest.raises(ValueError, match=f"x_test and t_test together, or neither, got {only} only"):
        train(mlp([2, 2]), SGD(), x, t, epochs=1, batch_size=2, progress=False, **given)


def test_a_diverging_run_stops_at_the_first_non_finite_loss_and_says_where():
    import numpy as np

    from zeronn.trainer import NonFiniteLossError

    # inputs on a huge scale: the first update makes the weights so large that the next scores overflow
    x = torch.randn(8, 2, generator=torch.Generator().manual_seed(0)) * 1e30
    t = torch.tensor([0, 1] * 4)
    with pytest.raises(NonFiniteLossError, match=r"train stopped at epoch 1, batch 2: the loss is nan.*lr=1e\+06") as caught:
        train(mlp([2, 3, 2]), SGD(lr=1e6), x, t, epochs=np.int64(3), batch_size=4, progress=False)
    assert (caught.value.epoch, caught.value.batch) == (1, 2)
    assert isinstance(caught.value, FloatingPointError)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"epochs": "3"}, TypeError, "train expects epochs as an int, got str"),
        ({"epochs": 0}, ValueError, "train expects epochs >= 1, got epochs = 0"),
        ({"batch_size": 2.0}, TypeError, "train expects batch_size as an int, got float"),
        ({"seed": "0"}, TypeError, "train expects seed as an int, got str"),
        ({"seed": -1}, ValueError, "train expects seed >= 0"),
    ],
)
def test_bad_arguments_follow_the_error_rule(kwargs, error, message):
    x, t = torch.zeros(4, 2), torch.tensor([0, 1, 0, 1])
    args = {"epochs": 1, "batch_size": 2, "progress": False} | kwargs
    with pytest.raises(error, match=message):
        train(mlp([2, 2]), SGD(lr=0.1), x, t, **args)


def test_network_and_optimizer_must_be_what_train_needs():
    x, t = torch.zeros(4, 2), torch.tensor([0, 1, 0, 1])
    with pytest.raises(TypeError, match="train expects network to be a zeronn.Network .*got NoneType"):
        train(None, SGD(lr=0.1), x, t, epochs=1, batch_size=2, progress=False)
    with pytest.raises(TypeError, match="train expects optimizer with an update.*got float"):
        train(mlp([2, 2]), 0.1, x, t, epochs=1, batch_size=2, progress=False)
