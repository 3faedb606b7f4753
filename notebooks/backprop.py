"""Notebook: checking backpropagation with numerical gradients (continues the chapter "backprop")."""

from notebooks.cells import code, md

CELLS = [
    md(
        id="backprop-experiments",
        ja=r"""
        # 逆伝播を確かめる

        章「[逆伝播](/backprop/)」と「[勾配確認](/gradient-check/)」の続きです。各レイヤの `backward` が正しいかを
        **数値微分**と比べて確かめる**勾配確認**を、自分で条件を変えながら試し、次の 2 つを観察します。

        1. 数値微分の刻み幅 $h$ や計算の精度（`float64` と `float32`）を変えると、一致の度合いがどう変わるか。
        2. `backward` にわざと誤りを入れると、勾配確認がそれを見つけられるか。

        セルを上から順に実行してください。値を変えたら、そのセルから下をもう一度実行します。
        実行には zeronn（この講座のパッケージ）、PyTorch と matplotlib が必要です。
        """,
        en=r"""
        # Checking backpropagation

        This notebook continues the chapters "[Backpropagation](/backprop/)" and
        "[Gradient check](/gradient-check/)". You run the **gradient check**, which compares each layer's
        `backward` with **numerical differentiation**, under conditions you choose, and watch

        1. how well the two agree as the step $h$ of the numerical derivative and the precision
           (`float64` or `float32`) change, and
        2. whether the gradient check catches a mistake planted on purpose in a `backward`.

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
        import matplotlib_fontja  # a font that covers Japanese too
        import torch

        from zeronn import Relu, mlp, numerical_gradient, relative_error
        """,
    ),
    md(
        id="check",
        ja=r"""
        ## 逆伝播と数値微分を比べる

        入力 4、隠れ層 5、出力 3 の小さなネットワーク（`Affine`、`Relu`、`Affine`、`SoftmaxWithLoss`）を作り、
        6 件のデータで損失 $L$ を計算します。各パラメータ $w$ について、逆伝播で求めた勾配と、中心差分

        $$
        \frac{\partial L}{\partial w} \approx \frac{L(w + h) - L(w - h)}{2h}
        $$

        で求めた勾配を比べます。比べ方は `relative_error`（差の最大値を値の大きさで割ったもの）です。
        0 に近いほど一致しています。
        """,
        en=r"""
        ## Backpropagation against numerical differentiation

        We build a small network (`Affine`, `Relu`, `Affine`, `SoftmaxWithLoss`) with 4 inputs, 5 hidden units
        and 3 outputs, and compute its loss $L$ on 6 samples. For each parameter $w$ we compare the gradient
        from backpropagation with the one from the central difference

        $$
        \frac{\partial L}{\partial w} \approx \frac{L(w + h) - L(w - h)}{2h}
        $$

        using `relative_error` (the largest difference divided by the size of the values). The closer to 0,
        the better they agree.
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

        `float64` と $h = 10^{-5}$ では、相対誤差は $10^{-11}$ 程度です。逆伝播が正しければ、数値微分とここまで一致します。

        - `h = 1e-1` にすると、相対誤差は $10^{-1}$ から $10^{-3}$ 程度まで大きくなります。$h$ が大きいと、中心差分は曲線を直線で
          近似したときのずれ（打ち切り誤差）を含むからです。
        - `h = 1e-11` にすると、今度は $h$ が小さすぎて、$L(w + h) - L(w - h)$ の引き算で有効数字が失われます（丸め誤差）。
        - `dtype = torch.float32` にすると、有効数字が約 7 桁しかないため、どの $h$ でも $10^{-4}$ より良くはなりません。
          `h = 1e-8` では $w + h$ が $w$ と同じ数になり、`numerical_gradient` はエラーで止まります。
        """,
        en=r"""
        ### Things to try

        With `float64` and $h = 10^{-5}$ the relative errors are about $10^{-11}$: that is how closely a correct
        backpropagation agrees with the numerical derivative.

        - With `h = 1e-1` the errors grow to between $10^{-1}$ and $10^{-3}$. A large $h$ makes the central
          difference replace the curve by a straight line over a visible distance (truncation error).
        - With `h = 1e-11`, $h$ is too small: the subtraction $L(w + h) - L(w - h)$ cancels most of the
          significant digits (rounding error).
        - With `dtype = torch.float32`, which has only about 7 significant digits, no $h$ does better than
          about $10^{-4}$. At `h = 1e-8`, $w + h$ is the same number as $w$, and `numerical_gradient` stops with an error.
        """,
    ),
    md(
        id="step-size",
        ja=r"""
        ## 刻み幅と誤差のグラフ

        $h$ を $10^{-1}$ から $10^{-12}$ まで変えて、4 つのパラメータの相対誤差の最大値を描きます。
        `float32` で $w + h$ が $w$ と変わらない $h$ は、点を描きません。
        """,
        en=r"""
        ## Error against step size

        We vary $h$ from $10^{-1}$ to $10^{-12}$ and plot the largest relative error of the four parameters.
        For `float32`, a step $h$ too small to change $w$ leaves no point.
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
                except ValueError:  # w + h が w と同じ数になった
                    errors = {"-": float("nan")}
                curves[precision].append(max(errors.values()))
            errors = curves[precision]
            best = min(range(len(steps)), key=lambda i: errors[i])
            print(f"{precision}: 最小の誤差 {errors[best]:.1e}",
                  f"（h = {steps[best]:.0e}）")

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
                except ValueError:  # w + h is the same number as w
                    errors = {"-": float("nan")}
                curves[precision].append(max(errors.values()))
            errors = curves[precision]
            best = min(range(len(steps)), key=lambda i: errors[i])
            print(f"{precision}: smallest error {errors[best]:.1e}",
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
        `float64` の線は V 字になります。右側（$h$ が大きい）では打ち切り誤差が、左側（$h$ が小さい）では丸め誤差が大きくなり、
        その間の $h = 10^{-5}$ 付近がいちばん良くなります。`float32` の線は全体に高く、いちばん良いところでも $10^{-4}$ 程度です。
        勾配確認を `float64` で行うのはこのためです。
        """,
        en=r"""
        The `float64` line is a V. On the right (large $h$) truncation error dominates, on the left (small $h$)
        rounding error, and the best $h$ lies in between, around $10^{-5}$. The `float32` line is higher
        everywhere and at best reaches about $10^{-4}$. That is why gradient checks are done in `float64`.
        """,
    ),
    md(
        id="broken",
        ja=r"""
        ## わざと間違えた逆伝播

        勾配確認が本当に誤りを見つけられるかを試します。`Relu` の `backward` から、マスクで勾配を止める処理を抜いた
        `BrokenRelu` を作り、ネットワークの `Relu` と入れ替えます。正しい `backward` は、順伝播で $x \le 0$ だった場所の勾配を 0 にします。
        """,
        en=r"""
        ## A backward pass with a planted mistake

        Does the gradient check really catch mistakes? We write `BrokenRelu`, whose `backward` forgets to block
        the gradient with the mask, and swap it in for the network's `Relu`. A correct `backward` sets the
        gradient to 0 wherever $x \le 0$ on the way forward.
        """,
    ),
    code(
        id="broken-run",
        ja="""
        class BrokenRelu(Relu):
            def backward(self, dout):
                return dout  # 誤り：self.mask の場所を 0 にしていない


        net, x, t = make_problem(torch.float64)
        net.layers[1] = BrokenRelu()  # layers は [Affine, Relu, Affine]
        loss, errors = gradient_check(net, x, t, 1e-5)
        for name, error in errors.items():
            print(f"{name}: 相対誤差 {error:.1e}")
        """,
        en="""
        class BrokenRelu(Relu):
            def backward(self, dout):
                return dout  # the mistake: self.mask is not applied


        net, x, t = make_problem(torch.float64)
        net.layers[1] = BrokenRelu()  # layers is [Affine, Relu, Affine]
        loss, errors = gradient_check(net, x, t, 1e-5)
        for name, error in errors.items():
            print(f"{name}: relative error {error:.1e}")
        """,
    ),
    md(
        id="broken-read",
        ja=r"""
        `W1` と `b1` の相対誤差は 0.6 を超えるほどに跳ね上がり、`W2` と `b2` は $10^{-11}$ 程度のままです。
        逆伝播は出力側から進むので、`W2` と `b2` の勾配は `BrokenRelu` を通る前に求まります。
        誤差が大きいパラメータを見れば、誤りがどの層にあるか（ここでは `W2` と `W1` の間）の見当がつきます。

        `BrokenRelu` の `backward` を `return dout.masked_fill(self.mask, 0)` に直して、もう一度実行してみてください。

        次のノートブック「[手書き数字を学習させる](/notebooks/training/)」では、こうして確かめた勾配で実際に学習させます。
        """,
        en=r"""
        The errors of `W1` and `b1` jump above 0.6, while `W2` and `b2` stay at about $10^{-11}$.
        Backpropagation runs from the output side, so the gradients of `W2` and `b2` are computed before
        anything passes through `BrokenRelu`. Which parameters are off tells you where to look for the
        mistake: here, between `W2` and `W1`.

        Fix `BrokenRelu`'s `backward` to `return dout.masked_fill(self.mask, 0)` and run it again.

        The next notebook, "[Training on handwritten digits](/notebooks/training/)", uses gradients checked
        this way to actually learn.
        """,
    ),
]
