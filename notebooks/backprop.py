"""Notebook: checking backpropagation with numerical gradients (continues the chapter "backprop")."""

from notebooks.cells import code, md

CELLS = [
    md(
        id="backprop-experiments",
        ja=r"""
        # 逆伝播を確かめる

        章「[逆伝播](/backprop/)」と「[勾配確認](/gradient-check/)」の続きです。
        **勾配確認**（gradient check）では、各レイヤの `backward` が求めた勾配を、**数値微分**（numerical differentiation）で求めた勾配と比べます。
        このノートブックでは、その条件を自分で変えながら、次の 2 点を観察します。

        1. 数値微分の刻み幅 $h$ や計算の精度（`float64` と `float32`）を変えると、2 つの勾配の一致の度合いはどう変わるでしょうか。
        2. `backward` にわざと誤りを入れたら、勾配確認はそれを見つけられるでしょうか。

        セルは上から順に実行してください。値を変えたら、そのセルとそれより下のセルを実行し直します。
        実行には zeronn（この講座のパッケージ）、PyTorch、matplotlib が必要です。
        """,
        en=r"""
        # Checking backpropagation

        This notebook continues the chapters "[Backpropagation](/backprop/)" and
        "[Gradient check](/gradient-check/)". The **gradient check** compares the gradients that each layer's
        `backward` computes with gradients from **numerical differentiation**. Here you run it under
        conditions you choose, and watch two things:

        1. How well do the two gradients agree as the step size $h$ of numerical differentiation and the
           precision (`float64` or `float32`) change?
        2. Does the gradient check catch a mistake planted on purpose in a `backward`?

        Run the cells from top to bottom. After changing a value, run that cell and the ones below it again.
        You need zeronn (the course's package), PyTorch and matplotlib.
        """,
    ),
    code(
        ja="""
        import matplotlib.pyplot as plt
        import matplotlib_fontja  # グラフに日本語を表示するため
        import torch

        from zeronn import Relu, mlp, numerical_gradient, relative_error
        """,
        en="""
        import matplotlib.pyplot as plt
        import matplotlib_fontja  # lets the plots show Japanese text
        import torch

        from zeronn import Relu, mlp, numerical_gradient, relative_error
        """,
    ),
    md(
        id="check",
        ja=r"""
        ## 逆伝播と数値微分を比べる

        入力の次元 4、隠れ層のユニット数 5、クラス数 3 の小さなネットワークを `mlp` で作り、6 件のデータで損失 $L$ を計算します。
        レイヤは `InputAffine`、`Relu`、`Affine`、`SoftmaxWithLoss` の順です（`InputAffine` は、入力の勾配を求めない `Affine` です）。
        パラメータ（重みとバイアス）の要素 $w$ の 1 つ 1 つについて、逆伝播で求めた勾配と、次の中心差分で求めた勾配を比べます。

        $$
        \frac{\partial L}{\partial w} \approx \frac{L(w + h) - L(w - h)}{2h}
        $$

        比べるには、次の相対誤差を計算する `relative_error` を使います。$a$ が逆伝播の勾配、$b$ が数値微分の勾配です。

        $$
        \frac{\max_i |a_i - b_i|}{\max_i \left( |a_i| + |b_i| \right)}
        $$

        0 なら完全に一致、1 なら符号が逆で、0 に近いほどよく一致しています。
        """,
        en=r"""
        ## Backpropagation against numerical differentiation

        We build a small network with `mlp`, with input size 4, 5 hidden units and 3 classes, and compute its
        loss $L$ on 6 samples. Its layers are `InputAffine`, `Relu`, `Affine` and `SoftmaxWithLoss` (an
        `InputAffine` is an `Affine` that does not compute the gradient of its input). For every element $w$
        of the parameters (weights and biases) we compare the gradient from backpropagation with the one from
        the central difference

        $$
        \frac{\partial L}{\partial w} \approx \frac{L(w + h) - L(w - h)}{2h}
        $$

        using `relative_error`, which computes this relative error of $a$, the backpropagated gradient, and
        $b$, the numerical one:

        $$
        \frac{\max_i |a_i - b_i|}{\max_i \left( |a_i| + |b_i| \right)}
        $$

        It is 0 when they are equal and 1 when they have opposite signs; the closer to 0, the better they agree.
        """,
    ),
    code(
        id="check-parameters",
        ja="""
        h = 1e-5  # 刻み幅：1e-1、1e-8、1e-11 も試してみましょう
        dtype = torch.float64  # 精度：torch.float32 も試してみましょう
        """,
        en="""
        h = 1e-5  # the step: try 1e-1, 1e-8, 1e-11
        dtype = torch.float64  # precision: try torch.float32
        """,
    ),
    code(
        id="check-run",
        ja="""
        def make_problem(dtype):
            net = mlp([4, 5, 3], dtype=dtype, seed=0)
            generator = torch.Generator().manual_seed(1)
            x = torch.randn(6, 4, generator=generator, dtype=dtype)
            t = torch.tensor([0, 1, 2, 0, 1, 2])  # 正解のクラス
            return net, x, t


        def gradient_check(net, x, t, h):
            loss = net.gradient(x, t)  # 順伝播と逆伝播で dW と db を求める

            def f():  # 今のパラメータでの損失
                return net.loss(x, t)

            names = ["W1", "b1", "W2", "b2"]
            errors = {}
            for name, param, grad in zip(names, net.params(), net.grads()):
                numerical = numerical_gradient(f, param, h)
                errors[name] = relative_error(grad, numerical)
            return loss, errors


        net, x, t = make_problem(dtype)
        loss, errors = gradient_check(net, x, t, h)
        print(f"損失 = {loss:.6f}")
        for name, error in errors.items():
            print(f"{name}: 相対誤差 {error:.1e}")
        """,
        en="""
        def make_problem(dtype):
            net = mlp([4, 5, 3], dtype=dtype, seed=0)
            generator = torch.Generator().manual_seed(1)
            x = torch.randn(6, 4, generator=generator, dtype=dtype)
            t = torch.tensor([0, 1, 2, 0, 1, 2])  # the correct classes
            return net, x, t


        def gradient_check(net, x, t, h):
            loss = net.gradient(x, t)  # forward and backward: dW and db

            def f():  # the loss with the parameters as they are now
                return net.loss(x, t)

            names = ["W1", "b1", "W2", "b2"]
            errors = {}
            for name, param, grad in zip(names, net.params(), net.grads()):
                numerical = numerical_gradient(f, param, h)
                errors[name] = relative_error(grad, numerical)
            return loss, errors


        net, x, t = make_problem(dtype)
        loss, errors = gradient_check(net, x, t, h)
        print(f"loss = {loss:.6f}")
        for name, error in errors.items():
            print(f"{name}: relative error {error:.1e}")
        """,
    ),
    md(
        id="check-try",
        ja=r"""
        ### 試してみましょう

        `float64` で $h = 10^{-5}$ なら、相対誤差は $10^{-11}$ 前後です。逆伝播が正しければ、数値微分とここまで一致します。

        - `h = 1e-1` にすると、相対誤差は $10^{-3}$ から $10^{-1}$ 程度まで大きくなります。
          $h$ が大きいと、曲線を幅 $2h$ の直線で近似したずれ（中心差分そのものの誤差で、$h^2$ に比例します）が目立つからです。
        - `h = 1e-8` では $10^{-8}$ 前後で、$h = 10^{-5}$ のときより悪くなります。
        - `h = 1e-11` では $10^{-5}$ から $10^{-4}$ 程度です。$h$ が小さすぎて、ほとんど同じ 2 つの値の引き算
          $L(w + h) - L(w - h)$ で有効数字が失われるからです（丸め誤差）。
        - `dtype = torch.float32` にすると、`h = 1e-5` のままでは相対誤差が $10^{-2}$ 程度になります。
          float32 の有効数字は約 7 桁しかないので、$h$ をどう選んでも $10^{-4}$ より良くはなりません（次のグラフで確かめます）。
          なお、float32 では乱数から作る重みと入力も float64 のときとは違う値になるので、損失の値も変わります。
        - float32 のまま `h = 1e-8` にすると、$w + h$ が $w$ と同じ数に丸められ、`numerical_gradient` は `ValueError` で止まります。
        """,
        en=r"""
        ### Things to try

        With `float64` and $h = 10^{-5}$ the relative errors are around $10^{-11}$: that is how closely a correct
        backpropagation agrees with numerical differentiation.

        - With `h = 1e-1` the errors grow to between $10^{-3}$ and $10^{-1}$. A large $h$ replaces the curve by a
          straight line across a width of $2h$, and the gap shows (the error of the central difference itself,
          proportional to $h^2$).
        - With `h = 1e-8` they are around $10^{-8}$, already worse than with $h = 10^{-5}$.
        - With `h = 1e-11` they are between $10^{-5}$ and $10^{-4}$: $h$ is too small, and the subtraction of two
          almost equal values, $L(w + h) - L(w - h)$, cancels most of the significant digits (rounding error).
        - With `dtype = torch.float32` and `h = 1e-5` the errors grow to about $10^{-2}$. float32 has only about
          7 significant digits, so no choice of $h$ does better than $10^{-4}$ (the plot below shows it). Note
          that in float32 the random weights and inputs come out different from the float64 ones, so the loss
          changes too.
        - With float32 and `h = 1e-8`, $w + h$ rounds to the same number as $w$, and `numerical_gradient` stops
          with a `ValueError`.
        """,
    ),
    md(
        id="step-size",
        ja=r"""
        ## 刻み幅と誤差のグラフ

        $h$ を $10^{-1}$ から $10^{-12}$ まで 10 分の 1 ずつ変え、4 つのパラメータの相対誤差のうち最大のものを、
        float64 と float32 のそれぞれで描きます。float32 で $w + h$ が $w$ と同じ数になってしまう $h$ には、点を描きません。
        """,
        en=r"""
        ## Error against step size

        We vary $h$ from $10^{-1}$ down to $10^{-12}$, a factor of 10 at a time, and plot the largest relative
        error of the four parameters, in float64 and in float32. For float32, a step $h$ too small to change $w$
        leaves no point.
        """,
    ),
    code(
        id="step-size-plot",
        ja="""
        steps = [10.0**-k for k in range(1, 13)]
        curves = {}
        for precision in (torch.float64, torch.float32):
            curves[precision] = []
            for step in steps:
                net, x, t = make_problem(precision)
                try:
                    _, errors = gradient_check(net, x, t, step)
                except ValueError:  # w + h が w と同じ数に丸められた
                    errors = {"-": float("nan")}
                curves[precision].append(max(errors.values()))
            errors = curves[precision]
            best = min(range(len(steps)), key=lambda i: errors[i])
            print(f"{precision}: 最小の相対誤差 {errors[best]:.1e}",
                  f"(h = {steps[best]:.0e})")

        plt.figure(figsize=(6, 3.5))
        for precision, errors in curves.items():
            label = str(precision).removeprefix("torch.")
            plt.loglog(steps, errors, marker="o", label=label)
        plt.xlabel("刻み幅 h")
        plt.ylabel("相対誤差の最大値")
        plt.grid(alpha=0.3, which="both")
        plt.legend()
        plt.show()
        """,
        en="""
        steps = [10.0**-k for k in range(1, 13)]
        curves = {}
        for precision in (torch.float64, torch.float32):
            curves[precision] = []
            for step in steps:
                net, x, t = make_problem(precision)
                try:
                    _, errors = gradient_check(net, x, t, step)
                except ValueError:  # w + h rounded to w itself
                    errors = {"-": float("nan")}
                curves[precision].append(max(errors.values()))
            errors = curves[precision]
            best = min(range(len(steps)), key=lambda i: errors[i])
            print(f"{precision}: lowest relative error {errors[best]:.1e}",
                  f"(h = {steps[best]:.0e})")

        plt.figure(figsize=(6, 3.5))
        for precision, errors in curves.items():
            label = str(precision).removeprefix("torch.")
            plt.loglog(steps, errors, marker="o", label=label)
        plt.xlabel("step h")
        plt.ylabel("largest relative error")
        plt.grid(alpha=0.3, which="both")
        plt.legend()
        plt.show()
        """,
    ),
    md(
        id="step-size-read",
        ja=r"""
        float64 の線は V 字を描きます。右側（$h$ が大きい側）では中心差分そのものの誤差が、左側（$h$ が小さい側）では丸め誤差が大きくなり、
        その間の $h = 10^{-5}$ 付近で最も小さくなります。float32 の線は全体に高く、最も良いところでも $10^{-4}$ 程度にとどまります。
        勾配確認を float64 で行うのはこのためです。
        """,
        en=r"""
        The float64 line is a V. On the right (large $h$) the error of the central difference itself dominates,
        on the left (small $h$) rounding error, and the best $h$ lies in between, around $10^{-5}$. The float32
        line is higher everywhere and at best gets down to about $10^{-4}$. That is why gradient checks are
        done in float64.
        """,
    ),
    md(
        id="broken",
        ja=r"""
        ## わざと間違えた逆伝播

        勾配確認が本当に誤りを見つけられるかを試します。zeronn の `Relu.backward` は `return dout * ~self.mask` の 1 行です。
        `mask` は順伝播で $x \le 0$ だった場所が `True` のテンソルで、`~` はその真偽を反転します。
        そのため、$x > 0$ の場所では勾配をそのまま通し、それ以外の場所では 0 にします。
        この `~` を書き忘れた `BrokenRelu` を作り、ネットワークの `Relu` と入れ替えます。
        1 文字だけの誤りで、形も変わらないので、エラーにはなりません。
        """,
        en=r"""
        ## A backward pass with a planted mistake

        Does the gradient check really catch mistakes? zeronn's `Relu.backward` is one line,
        `return dout * ~self.mask`. `mask` is True wherever $x \le 0$ on the way forward, and `~` flips it, so
        the gradient passes unchanged where $x > 0$ and becomes 0 everywhere else. We write `BrokenRelu`,
        which forgets the `~`, and swap it in for the network's `Relu`. The mistake is one character long and
        changes no shape, so nothing raises an error.
        """,
    ),
    code(
        id="broken-run",
        ja="""
        class BrokenRelu(Relu):
            def backward(self, dout):
                return dout * self.mask  # 誤り：~ がない


        net, x, t = make_problem(torch.float64)
        net.layers[1] = BrokenRelu()  # 2 番目のレイヤ（Relu）を入れ替える
        loss, errors = gradient_check(net, x, t, 1e-5)
        for name, error in errors.items():
            print(f"{name}: 相対誤差 {error:.1e}")
        """,
        en="""
        class BrokenRelu(Relu):
            def backward(self, dout):
                return dout * self.mask  # the mistake: no ~


        net, x, t = make_problem(torch.float64)
        net.layers[1] = BrokenRelu()  # replace the second layer, the Relu
        loss, errors = gradient_check(net, x, t, 1e-5)
        for name, error in errors.items():
            print(f"{name}: relative error {error:.1e}")
        """,
    ),
    md(
        id="broken-read",
        ja=r"""
        `W1` と `b1` の相対誤差は 0.6 を超えるまで跳ね上がり、`W2` と `b2` は $10^{-11}$ 前後のままです。
        逆伝播は出力側から進むので、`W2` と `b2` の勾配は、`BrokenRelu` を通る前に求まっているからです。
        どのパラメータの相対誤差が大きいかを見れば、誤りのある場所の見当がつきます。ここでは `W2` と `W1` の間、つまり `Relu` です。

        `BrokenRelu` の `backward` を zeronn と同じ `return dout * ~self.mask` に直し、このセルをもう一度実行してみてください。
        4 つとも $10^{-11}$ 前後に戻ります。

        次のノートブック「[手書き数字を学習させる](/notebooks/training/)」では、こうして確かめた勾配を使って実際に学習させます。
        """,
        en=r"""
        The errors of `W1` and `b1` jump above 0.6, while `W2` and `b2` stay around $10^{-11}$.
        Backpropagation runs from the output side, so the gradients of `W2` and `b2` are computed before
        anything passes through `BrokenRelu`. Which parameters are off tells you where to look for the
        mistake: here, between `W2` and `W1`, that is, in the `Relu`.

        Fix `BrokenRelu`'s `backward` to zeronn's `return dout * ~self.mask` and run the cell again: all four
        errors are back around $10^{-11}$.

        The next notebook, "[Training on handwritten digits](/notebooks/training/)", uses gradients checked
        this way to actually learn.
        """,
    ),
]
