"""Notebook: experimenting with activation functions (continues the chapter "activation")."""

from notebooks.cells import code, md

CELLS = [
    md(
        id="activation-experiments",
        ja=r"""
        # 活性化関数を試す

        章「[活性化関数](/activation/)」の続きです。章では、4 つの活性化関数について式と微分を確かめました。
        このノートブックでは、値を自分で変えながら次の 2 点を観察します。

        1. シグモイド関数のグラフを急にしていくと、ステップ関数に近づきます。そのとき微分はどう変わるでしょうか。
        2. 活性化関数を何層も重ねると、入力側へ伝わる勾配はどれだけ小さくなるでしょうか。

        セルは上から順に実行してください。値を変えたら、そのセルとそれより下のセルを実行し直します。
        実行には zeronn（この講座のパッケージ）、PyTorch、matplotlib が必要です。
        """,
        en=r"""
        # Experimenting with activation functions

        This notebook continues the chapter "[Activation functions](/activation/)", which
        worked through the formulas and derivatives of four activation functions. Here you
        change the values yourself and watch two things:

        1. As the graph of the sigmoid function gets steeper, it approaches the step function. What happens to its derivative?
        2. When an activation function is applied layer after layer, how small does the gradient that reaches the input get?

        Run the cells from top to bottom. After changing a value, run that cell and the ones below it again.
        You need zeronn (the course's package), PyTorch and matplotlib.
        """,
    ),
    code(
        ja=r"""
        import matplotlib.pyplot as plt
        import matplotlib_fontja  # グラフに日本語を表示するため
        import torch

        from zeronn.functions import (
            relu, relu_grad, sigmoid, sigmoid_grad,
            step_function, tanh, tanh_grad,
        )
        """,
        en=r"""
        import matplotlib.pyplot as plt
        import matplotlib_fontja  # lets the plots show Japanese text
        import torch

        from zeronn.functions import (
            relu, relu_grad, sigmoid, sigmoid_grad,
            step_function, tanh, tanh_grad,
        )
        """,
    ),
    md(
        id="slope",
        ja=r"""
        ## シグモイド関数を急にする

        入力に正の数 $a$ を掛けてからシグモイド関数に通すと、$a$ が大きいほどグラフは急になります。
        連鎖律により、$x$ での傾きは $a$ と $\sigma'(ax)$ の積です。

        $$
        \sigma(ax) = \frac{1}{1 + e^{-ax}}, \qquad
        \frac{d}{dx}\,\sigma(ax) = a\,\sigma'(ax) = a\,\sigma(ax)\bigl(1 - \sigma(ax)\bigr)
        $$

        $\sigma'(0) = 0.25$ なので、$x = 0$ での傾きは $a / 4$ です。まずは $a = 5$ で計算します。
        """,
        en=r"""
        ## Making the sigmoid function steeper

        Multiply the input by a positive number $a$ before the sigmoid function, and the larger $a$, the steeper the curve.
        By the chain rule, the slope at $x$ is $a$ times $\sigma'(ax)$:

        $$
        \sigma(ax) = \frac{1}{1 + e^{-ax}}, \qquad
        \frac{d}{dx}\,\sigma(ax) = a\,\sigma'(ax) = a\,\sigma(ax)\bigl(1 - \sigma(ax)\bigr)
        $$

        Since $\sigma'(0) = 0.25$, the slope at $x = 0$ is $a / 4$. We start with $a = 5$.
        """,
    ),
    code(
        id="slope-parameters",
        ja=r"""
        a = 5.0  # ここを変えてみましょう：1.0、20.0、100.0、0.5 など
        """,
        en=r"""
        a = 5.0  # change this: try 1.0, 20.0, 100.0, 0.5
        """,
    ),
    code(
        id="slope-table",
        ja=r"""
        x = torch.tensor([-1.0, -0.1, 0.0, 0.1, 1.0])
        y = sigmoid(a * x)
        slope = a * sigmoid_grad(a * x)  # 連鎖律：(σ(ax))' = a·σ'(ax)

        print("     x  step(x)    σ(ax)  dσ(ax)/dx")
        for row in zip(x, step_function(x), y, slope):
            print("{:6.1f} {:8.1f} {:8.4f} {:10.4f}".format(*row))
        """,
        en=r"""
        x = torch.tensor([-1.0, -0.1, 0.0, 0.1, 1.0])
        y = sigmoid(a * x)
        slope = a * sigmoid_grad(a * x)  # chain rule: (σ(ax))' = a·σ'(ax)

        print("     x  step(x)    σ(ax)  dσ(ax)/dx")
        for row in zip(x, step_function(x), y, slope):
            print("{:6.1f} {:8.1f} {:8.4f} {:10.4f}".format(*row))
        """,
    ),
    code(
        id="slope-plot",
        ja=r"""
        xs = torch.linspace(-3, 3, 601)
        fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.2))
        left.plot(xs, step_function(xs), "gray", label="ステップ関数")
        left.plot(xs, sigmoid(xs), "--", label="σ(x)")
        left.plot(xs, sigmoid(a * xs), label=f"σ({a:g}x)")
        left.set_title("関数")
        right.plot(xs, sigmoid_grad(xs), "--", label="σ(x) の傾き")
        right.plot(xs, a * sigmoid_grad(a * xs), label=f"σ({a:g}x) の傾き")
        right.set_title("傾き（微分）")
        for ax in (left, right):
            ax.set_xlabel("x")
            ax.grid(alpha=0.3)
            ax.legend()
        plt.show()
        """,
        en=r"""
        xs = torch.linspace(-3, 3, 601)
        fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.2))
        left.plot(xs, step_function(xs), "gray", label="step function")
        left.plot(xs, sigmoid(xs), "--", label="σ(x)")
        left.plot(xs, sigmoid(a * xs), label=f"σ({a:g}x)")
        left.set_title("function")
        right.plot(xs, sigmoid_grad(xs), "--", label="d/dx σ(x)")
        right.plot(xs, a * sigmoid_grad(a * xs), label=f"d/dx σ({a:g}x)")
        right.set_title("slope (derivative)")
        for ax in (left, right):
            ax.set_xlabel("x")
            ax.grid(alpha=0.3)
            ax.legend()
        plt.show()
        """,
    ),
    md(
        id="slope-try",
        ja=r"""
        ### 試してみましょう

        - $a$ を 20 や 100 にしてみてください。$\sigma(ax)$ は、ステップ関数とほとんど見分けがつかなくなります。
          ただし $x = 0$ での値は、ステップ関数の 0 と違って 0.5 のままです。
        - そのときの傾きの列も見てください。$x = 0$ の傾き $a / 4$ は $a$ とともに大きくなりますが、
          $x = \pm 1$ の傾きは 0 に近づきます（$a = 100$ では 0.0000）。
          ほとんどの場所で傾きが 0 になる点は、ステップ関数の弱点そのものです。入力を少し動かしても出力が変わらないので、
          学習は、重みをどちらへ動かせばよいかの手がかりを得られません。
        - $a$ を 0.5 にすると、$-1$ から $1$ の範囲ではほぼ直線になり、傾きも 0.12 前後でほとんど変わりません。
        """,
        en=r"""
        ### Things to try

        - Set $a$ to 20 or 100. $\sigma(ax)$ becomes almost indistinguishable from the step function,
          yet its value at $x = 0$ stays 0.5, where the step function gives 0.
        - Look at the slope column too. The slope at $x = 0$, $a / 4$, grows with $a$, while the slope at
          $x = \pm 1$ goes to 0 (0.0000 for $a = 100$). A slope of 0 almost everywhere is exactly the step
          function's weakness: when a small change of the input does not change the output, learning gets
          no hint of which way to move the weights.
        - With $a = 0.5$ the curve is almost a straight line between $-1$ and $1$, and its slope stays close to 0.12.
        """,
    ),
    md(
        id="depth",
        ja=r"""
        ## 何層も重ねたときの勾配

        章「[逆伝播](/backprop/)」で見るとおり、勾配は出力側から入力側へ伝わり、層を 1 つ通るたびにその層の微分が掛かります。
        ここでは、同じ活性化関数 $\varphi$ を `depth` 回重ねた $y = \varphi(\varphi(\cdots \varphi(x_0) \cdots))$ で確かめます。
        $x_1 = \varphi(x_0)$、$x_2 = \varphi(x_1)$ のように、$k$ 回通した値を $x_k$ と書くと、連鎖律から次の式が成り立ちます。

        $$
        \frac{dy}{dx_0} = \varphi'(x_0)\, \varphi'(x_1) \cdots \varphi'(x_{\mathrm{depth}-1})
        $$

        シグモイド関数の微分は最大でも 0.25 なので、1 層通るごとに勾配は 4 分の 1 以下になります。
        実際のネットワークでは層と層の間で重みも掛かりますが、活性化関数の微分が掛け合わされる点は同じです。
        """,
        en=r"""
        ## The gradient through many layers

        As the chapter "[Backpropagation](/backprop/)" shows, the gradient travels from the output back
        towards the input and is multiplied by each layer's derivative on the way. We check this on one
        activation function $\varphi$ applied `depth` times, $y = \varphi(\varphi(\cdots \varphi(x_0) \cdots))$.
        Writing $x_k$ for the value after $k$ applications, $x_1 = \varphi(x_0)$, $x_2 = \varphi(x_1)$ and so on,
        the chain rule gives

        $$
        \frac{dy}{dx_0} = \varphi'(x_0)\, \varphi'(x_1) \cdots \varphi'(x_{\mathrm{depth}-1})
        $$

        The derivative of the sigmoid function is at most 0.25, so each layer cuts the gradient to a quarter
        or less. A real network also multiplies by weights between the layers, but the derivatives of the
        activation functions are still among the factors.
        """,
    ),
    code(
        id="depth-parameters",
        ja=r"""
        depth = 5  # φ を重ねる回数：10 や 20 も試してみましょう
        x0 = 0.5   # 最初の入力：-0.5 も試してみましょう
        """,
        en=r"""
        depth = 5  # how many times φ is applied: try 10 and 20
        x0 = 0.5   # the first input: try -0.5
        """,
    ),
    code(
        id="depth-chain",
        ja=r"""
        for phi, phi_grad in [(sigmoid, sigmoid_grad),
                              (tanh, tanh_grad),
                              (relu, relu_grad)]:
            x = torch.tensor(x0, dtype=torch.float64)
            grad = torch.tensor(1.0, dtype=torch.float64)
            for _ in range(depth):
                grad = grad * phi_grad(x)  # この層の微分を掛ける
                x = phi(x)
            print(f"{phi.__name__:8} dy/dx0 = {grad:.3e}")
        """,
        en=r"""
        for phi, phi_grad in [(sigmoid, sigmoid_grad),
                              (tanh, tanh_grad),
                              (relu, relu_grad)]:
            x = torch.tensor(x0, dtype=torch.float64)
            grad = torch.tensor(1.0, dtype=torch.float64)
            for _ in range(depth):
                grad = grad * phi_grad(x)  # times this layer's derivative
                x = phi(x)
            print(f"{phi.__name__:8} dy/dx0 = {grad:.3e}")
        """,
    ),
    md(
        id="depth-try",
        ja=r"""
        ### 試してみましょう

        - `depth` を 20 にすると、シグモイド関数の勾配は $10^{-13}$ 程度まで小さくなります。
          入力に近い層ほど勾配が届かなくなり、学習が進みません。これを**勾配消失**（vanishing gradient）といいます。
        - tanh の微分は最大で 1（$x = 0$ のとき）なので、勾配はシグモイド関数よりずっとゆっくり小さくなります。
          `depth` が 20 でも 0.1 程度です。
        - ReLU の微分は正の入力で 1 なので、何層重ねても勾配は 1 のままです。隠れ層に ReLU がよく使われる理由の 1 つです。
        - `x0` を $-0.5$ にすると、ReLU の勾配は 0 になります。入力が負なら、勾配はまったく通りません。

        次のノートブック「[順伝播を試す](/notebooks/forward/)」では、層を重ねたときに値そのものの大きさがどう変わるかを見ます。
        """,
        en=r"""
        ### Things to try

        - With `depth = 20` the gradient of the sigmoid function drops to about $10^{-13}$. The layers near
          the input receive almost no gradient and stop learning: this is the **vanishing gradient** problem.
        - The derivative of tanh is at most 1 (at $x = 0$), so its gradient shrinks much more slowly than
          the sigmoid function's: still about 0.1 at `depth = 20`.
        - ReLU's derivative is 1 for a positive input, so the gradient stays 1 however many layers you
          stack: one reason why hidden layers so often use ReLU.
        - With `x0 = -0.5`, ReLU's gradient becomes 0: for a negative input, no gradient gets through at all.

        The next notebook, "[Experimenting with forward propagation](/notebooks/forward/)", looks at how the
        size of the values themselves changes as layers are stacked.
        """,
    ),
]
