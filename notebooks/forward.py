"""Notebook: experimenting with forward propagation (continues the chapter "forward")."""

from notebooks.cells import code, md

CELLS = [
    md(
        id="forward-experiments",
        ja=r"""
        # 順伝播を試す

        章「[順伝播](/forward/)」の続きです。章では `Affine` と `Relu` をつないで、入力を出力まで順に計算しました。
        このノートブックでは層の数や大きさ、重みの大きさを自分で変えて、次の 2 つを観察します。

        1. 層を通るたびに、データの形（shape）がどう変わるか。
        2. 層を何段も重ねると、値の大きさがどう変わるか。重みの大きさでそれがどう変わるか。

        セルを上から順に実行してください。値を変えたら、そのセルから下をもう一度実行します。
        実行には zeronn（この講座のパッケージ）、PyTorch と matplotlib が必要です。
        """,
        en=r"""
        # Experimenting with forward propagation

        This notebook continues the chapter "[Forward propagation](/forward/)", where `Affine` and `Relu`
        were joined to compute an output from an input, step by step. Here you change the number and size
        of the layers, and the size of the weights, and watch two things:

        1. How the shape of the data changes from layer to layer.
        2. How the size of the values changes when many layers are stacked, and what the size of the weights has to do with it.

        Run the cells from top to bottom. After changing a value, run that cell and the ones below it again.
        You need zeronn (the course's package), PyTorch and matplotlib.
        """,
    ),
    code(
        ja="""
        import math

        import matplotlib.pyplot as plt
        import matplotlib_fontja  # グラフに日本語を表示するため
        import torch

        from zeronn import Affine, Relu
        """,
        en="""
        import math

        import matplotlib.pyplot as plt
        import matplotlib_fontja  # a font that covers Japanese too
        import torch

        from zeronn import Affine, Relu
        """,
    ),
    md(
        id="shapes",
        ja=r"""
        ## 形をたどる

        `sizes` に各層のユニット数を入力側から順に並べます。`[3, 4, 4, 2]` なら、入力が 3 個、隠れ層が 4 個と 4 個、出力が 2 個です。
        隣り合う 2 つの数 $D$ と $H$ ごとに、重み $W$ が $(D, H)$、バイアス $b$ が $(H,)$ の `Affine` を 1 つ作り、
        出力層以外の後ろには `Relu` を置きます。入力 $X$ は $(N, D)$ で、$N$ はバッチサイズです。

        $$
        (N, D) \cdot (D, H) + (H,) \rightarrow (N, H)
        $$
        """,
        en=r"""
        ## Following the shapes

        `sizes` lists the number of units of each layer, from the input side. `[3, 4, 4, 2]` means 3 inputs,
        hidden layers of 4 and 4 units, and 2 outputs. For each pair of neighbours $D$ and $H$ we make one
        `Affine` with weights $W$ of shape $(D, H)$ and a bias $b$ of shape $(H,)$, and put a `Relu` after every
        layer but the output layer. The input $X$ has shape $(N, D)$, where $N$ is the batch size.

        $$
        (N, D) \cdot (D, H) + (H,) \rightarrow (N, H)
        $$
        """,
    ),
    code(
        id="shapes-parameters",
        ja="""
        N = 2                 # バッチサイズ：5 や 1 も試してみましょう
        sizes = [3, 4, 4, 2]  # 各層のユニット数（入力側から）
        # sizes は [3, 8, 2] や [3, 4, 4, 4, 10] も試してみましょう
        """,
        en="""
        N = 2                 # batch size: try 5 or 1
        sizes = [3, 4, 4, 2]  # units per layer, from the input side
        # try sizes [3, 8, 2] or [3, 4, 4, 4, 10] too
        """,
    ),
    code(
        id="shapes-forward",
        ja="""
        torch.manual_seed(0)
        layers = []
        for D, H in zip(sizes[:-1], sizes[1:]):
            layers += [Affine(torch.randn(D, H), torch.randn(H)), Relu()]
        layers = layers[:-1]  # 出力層の後ろには Relu を置かない
        X = torch.randn(N, sizes[0])

        print(f"input  {tuple(X.shape)}")
        Y = X
        for layer in layers:
            Y = layer.forward(Y)
            print(f"{type(layer).__name__:6} {tuple(Y.shape)}")
        print(Y)
        """,
        en="""
        torch.manual_seed(0)
        layers = []
        for D, H in zip(sizes[:-1], sizes[1:]):
            layers += [Affine(torch.randn(D, H), torch.randn(H)), Relu()]
        layers = layers[:-1]  # no Relu after the output layer
        X = torch.randn(N, sizes[0])

        print(f"input  {tuple(X.shape)}")
        Y = X
        for layer in layers:
            Y = layer.forward(Y)
            print(f"{type(layer).__name__:6} {tuple(Y.shape)}")
        print(Y)
        """,
    ),
    md(
        id="shapes-try",
        ja=r"""
        ### 試してみましょう

        - `N` を変えても、変わるのは形の 1 つ目の数だけです。重みの形は $N$ に関係しないので、同じ層で何件でもまとめて計算できます。
        - `sizes` を変えると、`Affine` の後ろの形の 2 つ目の数が次の層のユニット数になります。`Relu` は形を変えません。
        - 出力の値には 0 がありません。最後の `Affine` の後ろに `Relu` を置いていないからです。
        """,
        en=r"""
        ### Things to try

        - Changing `N` changes only the first number of each shape. The weights' shapes do not depend on $N$,
          so the same layers compute any number of samples at once.
        - Changing `sizes` changes the second number after each `Affine` to the next layer's number of units.
          `Relu` never changes the shape.
        - The output values contain no zeros: there is no `Relu` after the last `Affine`.
        """,
    ),
    md(
        id="spread",
        ja=r"""
        ## 重みの大きさと値の広がり

        次は、100 ユニットの層を 5 段重ねて、1000 件の入力を流します。各層の `Affine` の重みは、標準偏差 `weight_std` の
        正規分布から作ります（バイアスは 0）。各層の出力について、標準偏差と、`Relu` が 0 にした値の割合を表示します。

        1 つのユニットは 100 個の入力に重みを掛けて足すので、出力の大きさはおよそ $\sqrt{100} \times$ `weight_std` 倍になり、
        `Relu` がその約半分を 0 にします。そのため、`weight_std` を $\sqrt{2 / 100}$ にすると、大きさがほぼ保たれます。
        これは zeronn の `mlp` が使う「He の初期値」（`zeronn.init.he_normal`）です。
        """,
        en=r"""
        ## The size of the weights and the spread of the values

        Next we stack 5 layers of 100 units and pass 1000 inputs through them. The weights of each `Affine`
        are drawn from a normal distribution with standard deviation `weight_std` (the biases are 0). For each
        layer's output we print its standard deviation and the share of values that `Relu` set to 0.

        Each unit multiplies 100 inputs by weights and adds them up, so the output grows by about
        $\sqrt{100} \times$ `weight_std`, and `Relu` then sets about half of it to 0. That is why
        setting `weight_std` to $\sqrt{2 / 100}$ keeps the size about the same. This is the "He initialisation"
        (`zeronn.init.he_normal`) that zeronn's `mlp` uses.
        """,
    ),
    code(
        id="spread-parameters",
        ja="""
        weight_std = 1.0  # 重みの標準偏差
        # 0.01 と math.sqrt(2 / 100) も試してみましょう
        """,
        en="""
        weight_std = 1.0  # standard deviation of the weights
        # try 0.01 and math.sqrt(2 / 100) too
        """,
    ),
    code(
        id="spread-forward",
        ja="""
        torch.manual_seed(0)
        x = torch.randn(1000, 100)
        outputs = []
        for k in range(5):
            W = torch.randn(100, 100) * weight_std
            x = Relu().forward(Affine(W, torch.zeros(100)).forward(x))
            outputs.append(x)
            std, zeros = x.std(), (x == 0).float().mean()
            print(f"層 {k + 1}: 標準偏差 {std:.4g}, 0 の割合 {zeros:.0%}")
        """,
        en="""
        torch.manual_seed(0)
        x = torch.randn(1000, 100)
        outputs = []
        for k in range(5):
            W = torch.randn(100, 100) * weight_std
            x = Relu().forward(Affine(W, torch.zeros(100)).forward(x))
            outputs.append(x)
            std, zeros = x.std(), (x == 0).float().mean()
            print(f"layer {k + 1}: std {std:.4g}, zeros {zeros:.0%}")
        """,
    ),
    code(
        id="spread-plot",
        ja="""
        fig, axes = plt.subplots(1, 5, figsize=(11, 2.4), sharey=True)
        for k, (ax, out) in enumerate(zip(axes, outputs)):
            positive = out[out > 0]  # 0 の値は除いて描く
            ax.hist(positive.flatten(), bins=30)
            ax.set_title(f"層 {k + 1}")
            ax.ticklabel_format(axis="x", style="sci", scilimits=(-2, 3))
        axes[0].set_ylabel("個数")
        title = f"各層の出力の分布（0 以外）、weight_std = {weight_std:.3g}"
        fig.suptitle(title, y=1.05)
        plt.show()
        """,
        en="""
        fig, axes = plt.subplots(1, 5, figsize=(11, 2.4), sharey=True)
        for k, (ax, out) in enumerate(zip(axes, outputs)):
            positive = out[out > 0]  # leave out the zeros
            ax.hist(positive.flatten(), bins=30)
            ax.set_title(f"layer {k + 1}")
            ax.ticklabel_format(axis="x", style="sci", scilimits=(-2, 3))
        axes[0].set_ylabel("count")
        title = f"non-zero outputs per layer, weight_std = {weight_std:.3g}"
        fig.suptitle(title, y=1.05)
        plt.show()
        """,
    ),
    md(
        id="spread-try",
        ja=r"""
        ### 試してみましょう

        - `weight_std = 1.0` のままだと、標準偏差は 1 層ごとに数倍になり、5 層目では 1 万を超えます。
          このまま層を増やすと、いずれ値があふれます。
        - `weight_std = 0.01` にすると、逆に 1 層ごとに小さくなり、5 層目では $10^{-6}$ 程度です。
          前の層の値がほとんど 0 では、どのユニットもほぼ同じ値しか出せません。
        - `weight_std = math.sqrt(2 / 100)` にすると、5 層を通っても標準偏差がほとんど変わりません。
          グラフの横軸の目盛りを見比べてください。
        - どの場合も 0 の割合はほぼ半分です。`Relu` は負の値をすべて 0 にするからです。

        次のノートブック「[逆伝播を確かめる](/notebooks/backprop/)」では、同じような層の逆伝播が正しいかを数値で確かめます。
        """,
        en=r"""
        ### Things to try

        - With `weight_std = 1.0` the standard deviation grows several times per layer and passes 10,000 at
          layer 5. With more layers the values would eventually overflow.
        - With `weight_std = 0.01` it shrinks instead, to about $10^{-6}$ at layer 5. When the values coming in
          are nearly 0, every unit puts out nearly the same value.
        - With `weight_std = math.sqrt(2 / 100)` the standard deviation hardly changes over the 5 layers.
          Compare the scales on the x axes of the plots.
        - In every case about half of the values are 0: `Relu` sets every negative value to 0.

        The next notebook, "[Checking backpropagation](/notebooks/backprop/)", checks with numbers that the
        backward pass of such layers is right.
        """,
    ),
]
