"""Notebook: experimenting with forward propagation (continues the chapter "forward")."""

from notebooks.cells import code, md

CELLS = [
    md(
        id="forward-experiments",
        ja=r"""
        # 順伝播を試す

        章「[順伝播](/forward/)」の続きです。章では `Affine` と `Relu` をつなぎ、入力から出力までを順に計算しました。
        このノートブックでは、層の数、各層のユニット数、重みの大きさを自分で変えながら、次の 2 点を観察します。

        1. 層を 1 つ通るたびに、データの形（shape）はどう変わるでしょうか。
        2. 層を何段も重ねると、値の大きさはどう変わるでしょうか。それは重みの大きさによってどう違うでしょうか。

        セルは上から順に実行してください。値を変えたら、そのセルとそれより下のセルを実行し直します。
        実行には zeronn（この講座のパッケージ）、PyTorch、matplotlib が必要です。
        """,
        en=r"""
        # Experimenting with forward propagation

        This notebook continues the chapter "[Forward propagation](/forward/)", where `Affine` and `Relu`
        were joined to compute an output from an input, step by step. Here you change the number of layers,
        the number of units of each, and the size of the weights, and watch two things:

        1. How does the shape of the data change from one layer to the next?
        2. How does the size of the values change when many layers are stacked, and how does that depend on the size of the weights?

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
        import matplotlib_fontja  # lets the plots show Japanese text
        import torch

        from zeronn import Affine, Relu
        """,
    ),
    md(
        id="shapes",
        ja=r"""
        ## 形をたどる

        `sizes` には、各層のユニット数を入力側から順に並べます。`[3, 4, 4, 2]` なら、入力の値が 3 個、
        2 つの隠れ層のユニット数がどちらも 4、出力が 2 個です。
        隣り合う 2 つの数を $D$、$H$ とすると、その間に `Affine` を 1 つ作ります。重み $W$ の形は $(D, H)$、バイアス $b$ の形は $(H,)$ です。
        出力層を除き、各 `Affine` の後ろには `Relu` を置きます。
        層への入力 $X$ の形は $(N, D)$ で、$N$ はバッチサイズです。`Affine` を 1 つ通ると、形は次のように変わります
        （$b$ は $N$ 行すべてにブロードキャストされます）。

        $$
        (N, D) \cdot (D, H) + (H,) \rightarrow (N, H)
        $$
        """,
        en=r"""
        ## Following the shapes

        `sizes` lists the number of units of each layer, from the input side. `[3, 4, 4, 2]` means 3 input
        values, two hidden layers of 4 units each, and 2 outputs. For each pair of neighbours $D$ and $H$ we
        make one `Affine` with weights $W$ of shape $(D, H)$ and a bias $b$ of shape $(H,)$, and put a `Relu`
        after every `Affine` but the output layer's. The input $X$ of a layer has shape $(N, D)$, where $N$ is
        the batch size. One `Affine` changes the shape like this ($b$ is added to all $N$ rows by broadcasting):

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

        - `N` を変えても、変わるのは形の 1 つ目の数だけです。重みの形は $N$ によらないので、同じ層で何件でもまとめて計算できます。
        - `sizes` を変えると、各 `Affine` の出力の形の 2 つ目の数が、`sizes` の対応する数に変わります。`Relu` は形を変えません。
        - 出力には負の値も残っています。最後の `Affine` の後ろには `Relu` を置いていないからです。
        """,
        en=r"""
        ### Things to try

        - Changing `N` changes only the first number of each shape. The weights' shapes do not depend on $N$,
          so the same layers compute any number of samples at once.
        - Changing `sizes` changes the second number of each `Affine`'s output shape to the matching entry
          of `sizes`. `Relu` never changes the shape.
        - The output keeps its negative values: there is no `Relu` after the last `Affine`.
        """,
    ),
    md(
        id="spread",
        ja=r"""
        ## 重みの大きさと値の広がり

        次は、ユニット数 100 の層を 5 段重ね、1000 件の入力を通します。各 `Affine` の重みは、平均 0、
        標準偏差 `weight_std` の正規分布から作ります（バイアスは 0）。各層の出力（`Relu` を通した後）について、
        標準偏差と、`Relu` が 0 にした値の割合を表示します。

        値の大きさが層ごとにどう変わるかは、簡単な計算で見積もれます。1 つのニューロンは、100 個の入力にそれぞれ重みを掛けて足し合わせます。
        重みが入力と無関係に引かれていれば、この和の2乗の平均は、入力の2乗の平均の $100 \times$ `weight_std`$^2$ 倍です。
        続く `Relu` は値の約半分を 0 にするので、2乗の平均はさらに半分になります。
        つまり 1 層通るごとに、値の大きさ（2乗の平均の平方根）は $\sqrt{100 / 2} \times$ `weight_std` 倍になります。
        `weight_std = 1.0` なら約 7 倍です。`weight_std` を $\sqrt{2 / 100}$ にするとちょうど 1 倍になり、大きさが保たれます。
        これが、zeronn の `mlp` が使う「He の初期値」（`zeronn.init.he_normal`）です。
        """,
        en=r"""
        ## The size of the weights and the spread of the values

        Next we stack 5 layers of 100 units and pass 1000 inputs through them. The weights of each `Affine`
        are drawn from a normal distribution with mean 0 and standard deviation `weight_std` (the biases are 0).
        For each layer's output (after its `Relu`) we print the standard deviation and the share of values
        that `Relu` set to 0.

        A short calculation predicts how the size of the values changes from layer to layer. Each neuron
        multiplies its 100 inputs by weights and adds them up. With weights drawn independently of the
        inputs, the mean square of this sum is $100 \times$ `weight_std`$^2$ times the mean square of the inputs.
        `Relu` then sets about half of the values to 0, which halves the mean square. So each layer multiplies
        the size of the values (the root of the mean square) by $\sqrt{100 / 2} \times$ `weight_std`: about 7 for
        `weight_std = 1.0`, and exactly 1 for `weight_std` $= \sqrt{2 / 100}$, which keeps the size the same.
        This is the "He initialisation" (`zeronn.init.he_normal`) that zeronn's `mlp` uses.
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
            print(f"層 {k + 1}: 標準偏差 {std:.4g}, ゼロの割合 {zeros:.0%}")
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

        - `weight_std = 1.0` のままでは、標準偏差が 1 層ごとに約 7 倍ずつ増え、5 層目で 1 万を超えます。
          層をさらに増やせば、いずれ float32 で表せる範囲を超えてオーバーフローします。
        - `weight_std = 0.01` では逆に、標準偏差が 1 層ごとに約 0.07 倍へ縮み、5 層目では $10^{-6}$ 程度になります。
          ここまで小さいと、バイアスを足せば出力はほとんどバイアスだけで決まり、入力の違いが出力に表れません。
          重みの勾配 $dW = X^\top \cdot dY$ も層への入力 $X$ に比例して小さくなるので、学習も進みにくくなります。
        - `weight_std = math.sqrt(2 / 100)` にすると、5 層を通っても標準偏差はほとんど変わりません。
          グラフの横軸の目盛りを見比べてください。
        - ゼロの割合は、どの場合もほぼ半分です。`Affine` の出力は正と負がほぼ半々で、`Relu` がそのうち負の値をすべて 0 にするからです。

        次のノートブック「[逆伝播を確かめる](/notebooks/backprop/)」では、こうした層の逆伝播が正しいかどうかを、数値微分と比べて確かめます。
        """,
        en=r"""
        ### Things to try

        - With `weight_std = 1.0` the standard deviation grows about 7 times per layer and passes 10,000 at
          layer 5. With more layers the values would eventually leave the range of float32 and overflow.
        - With `weight_std = 0.01` it shrinks instead, about 0.07 times per layer, to about $10^{-6}$ at layer 5.
          Values this small would be swamped by any bias, so the output would hardly depend on the input.
          The weights' gradient $dW = X^\top \cdot dY$ is proportional to the layer's input $X$ too, so learning
          would crawl.
        - With `weight_std = math.sqrt(2 / 100)` the standard deviation hardly changes over the 5 layers.
          Compare the scales on the x axes of the plots.
        - In every case about half of the values are 0: the outputs of `Affine` are about half positive and
          half negative, and `Relu` sets every negative one to 0.

        The next notebook, "[Checking backpropagation](/notebooks/backprop/)", checks against numerical
        differentiation that the backward pass of such layers is right.
        """,
    ),
]
