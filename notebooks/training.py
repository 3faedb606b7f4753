"""Notebook: training on handwritten digits (continues the chapter "training")."""

from notebooks.cells import code, md

CELLS = [
    md(
        id="training-experiments",
        ja=r"""
        # 手書き数字を学習させる

        章「[学習](/training/)」の続きです。zeronn で作ったネットワークに 8×8 ピクセルの手書き数字を学習させ
        （全 1,797 枚のうち 1,437 枚を学習に使い、残りの 360 枚はテスト用にとっておきます）、
        学習率や最適化手法、隠れ層の大きさを変えると結果がどう変わるかを観察します。

        セルを上から順に実行してください。値を変えたら、そのセルから下をもう一度実行します。
        実行には zeronn（この講座のパッケージ）、PyTorch、matplotlib と scikit-learn（データが同梱されています）が必要です。
        """,
        en=r"""
        # Training on handwritten digits

        This notebook continues the chapter "[Learning](/training/)". A network built with zeronn learns
        handwritten digits of 8×8 pixels (1,437 of the 1,797 images; the other 360 are kept for testing),
        and you watch how the results change with the learning rate, the optimizer and the size of the
        hidden layer.

        Run the cells from top to bottom. After changing a value, run that cell and the ones below it again.
        You need zeronn (the course's package), PyTorch, matplotlib and scikit-learn (which ships the data).
        """,
    ),
    code(
        ja="""
        import matplotlib.pyplot as plt
        import matplotlib_fontja  # グラフに日本語を表示するため
        import torch

        from zeronn import SGD, Adam, Momentum, load_digits, mlp, train
        """,
        en="""
        import matplotlib.pyplot as plt
        import matplotlib_fontja  # a font that covers Japanese too
        import torch

        from zeronn import SGD, Adam, Momentum, load_digits, mlp, train
        """,
    ),
    md(
        id="data",
        ja=r"""
        ## データを見る

        `load_digits` は、画像を訓練用 80%、テスト用 20% に分けて返します。1 枚の画像は 64 個の値（0 から 1）を並べたもので、
        正解は 0 から 9 のクラス番号です。ネットワークはテスト用の画像を学習に使わないので、テスト用での正解率は
        「初めて見る画像をどれだけ当てられるか」を表します。
        """,
        en=r"""
        ## A look at the data

        `load_digits` splits the images into 80% for training and 20% for testing. Each image is a row of
        64 values between 0 and 1, and its answer is a class number from 0 to 9. The network never learns
        from the test images, so the accuracy on them tells how well it recognises images it has not seen.
        """,
    ),
    code(
        id="data-load",
        ja="""
        x_train, t_train, x_test, t_test = load_digits()
        print("訓練用:", tuple(x_train.shape), tuple(t_train.shape))
        print("テスト用:", tuple(x_test.shape), tuple(t_test.shape))

        fig, axes = plt.subplots(1, 10, figsize=(10, 1.4))
        for ax, image, label in zip(axes, x_train, t_train):
            ax.imshow(image.reshape(8, 8), cmap="gray_r")
            ax.set_title(f"{label}")
            ax.axis("off")
        plt.show()
        """,
        en="""
        x_train, t_train, x_test, t_test = load_digits()
        print("training:", tuple(x_train.shape), tuple(t_train.shape))
        print("test:", tuple(x_test.shape), tuple(t_test.shape))

        fig, axes = plt.subplots(1, 10, figsize=(10, 1.4))
        for ax, image, label in zip(axes, x_train, t_train):
            ax.imshow(image.reshape(8, 8), cmap="gray_r")
            ax.set_title(f"{label}")
            ax.axis("off")
        plt.show()
        """,
    ),
    md(
        id="train",
        ja=r"""
        ## 学習させる

        `mlp([64, hidden, 10])` は `Affine`、`Relu`、`Affine` と `SoftmaxWithLoss` をつないだネットワークです。
        `train` はデータを `batch_size` 件ずつのミニバッチに分け、順伝播、逆伝播、パラメータの更新を繰り返します。
        全データを 1 回ずつ使い終えるまでが 1 エポックです。`SGD` の更新式は

        $$
        W \leftarrow W - \eta \frac{\partial L}{\partial W}
        $$

        で、$\eta$ が学習率 `lr` です。
        """,
        en=r"""
        ## Training

        `mlp([64, hidden, 10])` joins `Affine`, `Relu`, `Affine` and `SoftmaxWithLoss`. `train` splits the data
        into mini-batches of `batch_size` samples and repeats forward pass, backward pass and parameter update.
        One pass over all the data is an epoch. `SGD` updates each parameter by

        $$
        W \leftarrow W - \eta \frac{\partial L}{\partial W}
        $$

        where $\eta$ is the learning rate `lr`.
        """,
    ),
    code(
        id="train-parameters",
        ja="""
        hidden = 50      # 隠れ層のユニット数：5 や 200 も試してみましょう
        optimizer = SGD(lr=0.1)
        # optimizer は SGD(lr=0.01)、SGD(lr=1.0)、SGD(lr=10.0)、
        # Momentum(lr=0.1)、Adam(lr=0.01) も試してみましょう
        epochs = 20
        batch_size = 32  # 256 も試してみましょう
        """,
        en="""
        hidden = 50      # units in the hidden layer: try 5 or 200
        optimizer = SGD(lr=0.1)
        # as optimizer, try SGD(lr=0.01), SGD(lr=1.0), SGD(lr=10.0),
        # Momentum(lr=0.1) or Adam(lr=0.01)
        epochs = 20
        batch_size = 32  # try 256
        """,
    ),
    code(
        id="train-run",
        ja="""
        net = mlp([64, hidden, 10], seed=0)
        history = train(
            net, optimizer, x_train, t_train, x_test, t_test,
            epochs=epochs, batch_size=batch_size, progress=False,
        )

        rows = zip(history.loss, history.train_acc, history.test_acc)
        for epoch, (loss, train_acc, test_acc) in enumerate(rows, 1):
            print(f"エポック {epoch:2d}: 損失 {loss:.4f}、正解率："
                  f"訓練 {train_acc:.4f}、テスト {test_acc:.4f}")
        """,
        en="""
        net = mlp([64, hidden, 10], seed=0)
        history = train(
            net, optimizer, x_train, t_train, x_test, t_test,
            epochs=epochs, batch_size=batch_size, progress=False,
        )

        rows = zip(history.loss, history.train_acc, history.test_acc)
        for epoch, (loss, train_acc, test_acc) in enumerate(rows, 1):
            print(f"epoch {epoch:2d}: loss {loss:.4f}, accuracy: "
                  f"training {train_acc:.4f}, test {test_acc:.4f}")
        """,
    ),
    code(
        id="train-plot",
        ja="""
        epochs_axis = range(1, len(history.loss) + 1)
        fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.2))
        left.plot(epochs_axis, history.loss, ".-")
        left.set_title("損失（訓練データの平均）")
        right.plot(epochs_axis, history.train_acc, ".-", label="訓練用")
        right.plot(epochs_axis, history.test_acc, ".-", label="テスト用")
        right.set_title("正解率")
        right.legend()
        for ax in (left, right):
            ax.set_xlabel("エポック")
            ax.grid(alpha=0.3)
        plt.show()
        """,
        en="""
        epochs_axis = range(1, len(history.loss) + 1)
        fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.2))
        left.plot(epochs_axis, history.loss, ".-")
        left.set_title("loss (mean over the training data)")
        right.plot(epochs_axis, history.train_acc, ".-", label="training")
        right.plot(epochs_axis, history.test_acc, ".-", label="test")
        right.set_title("accuracy")
        right.legend()
        for ax in (left, right):
            ax.set_xlabel("epoch")
            ax.grid(alpha=0.3)
        plt.show()
        """,
    ),
    md(
        id="mistakes",
        ja=r"""
        ## 間違えた画像

        学習したネットワークで、テスト用の画像を分類します。スコアがいちばん大きいクラスが予測です。
        間違えた画像を、「正解 → 予測」の形で表示します。
        """,
        en=r"""
        ## The images it got wrong

        The trained network now classifies the test images: the class with the highest score is its
        prediction. The images it got wrong are shown as "answer → prediction".
        """,
    ),
    code(
        id="mistakes-show",
        ja="""
        predicted = net.predict(x_test).argmax(dim=1)
        wrong = (predicted != t_test).nonzero().flatten()
        print(f"テスト正解率: {history.test_acc[-1]:.4f}")
        print(f"間違えた画像: {len(wrong)} / {len(t_test)} 枚")

        fig, axes = plt.subplots(1, 10, figsize=(10, 1.4))
        for ax in axes:
            ax.axis("off")
        for ax, i in zip(axes, wrong):
            ax.imshow(x_test[i].reshape(8, 8), cmap="gray_r")
            ax.set_title(f"{t_test[i]} → {predicted[i]}")
        plt.show()
        """,
        en="""
        predicted = net.predict(x_test).argmax(dim=1)
        wrong = (predicted != t_test).nonzero().flatten()
        print(f"test accuracy: {history.test_acc[-1]:.4f}")
        print(f"images got wrong: {len(wrong)} of {len(t_test)}")

        fig, axes = plt.subplots(1, 10, figsize=(10, 1.4))
        for ax in axes:
            ax.axis("off")
        for ax, i in zip(axes, wrong):
            ax.imshow(x_test[i].reshape(8, 8), cmap="gray_r")
            ax.set_title(f"{t_test[i]} → {predicted[i]}")
        plt.show()
        """,
    ),
    md(
        id="train-try",
        ja=r"""
        ### 試してみましょう

        `SGD(lr=0.1)` で 20 エポック学習すると、テスト正解率は 0.95 前後になります。パラメータのセルを変えて、
        そこから下をもう一度実行してください（`optimizer` は学習の途中の状態を持つので、パラメータのセルから実行し直します）。

        - `SGD(lr=0.01)`：1 回の更新が小さすぎて、20 エポックでは学習が終わりません。損失がなかなか下がらず、テスト正解率は 0.9 に届きません。
        - `SGD(lr=1.0)`：速く学習が進み、訓練正解率は 1.0 に達します。
        - `SGD(lr=10.0)`：1 エポック目で損失が跳ね上がり、その後も正解率は 0.1 前後のままです。10 クラスを当てずっぽうで選ぶのと同じです。
          学習率が大きすぎると、更新のたびに損失の谷を飛び越えてしまいます。
        - `Momentum(lr=0.1)` や `Adam(lr=0.01)`：同じエポック数で、`SGD(lr=0.1)` より損失がずっと小さくなり、テスト正解率は 0.97 を超えます。
          ただし訓練正解率（ほぼ 1.0）との差は残ります。訓練データにだけ合わせすぎること（過学習）の始まりです。
        - `hidden = 5`：隠れ層が小さすぎて表せることが限られ、正解率は 0.9 に届きません。
        - `batch_size = 256`：1 エポックあたりの更新回数が約 6 回に減るので、20 エポックでは学習が足りません。

        ここでは違いをすぐ見られるように、テスト用の正解率で設定を比べました。本当に設定を選ぶときは、
        章の「[学習率を検証データで選ぶ](/training/#validation)」のように検証データで比べ、テスト用のデータは最後に 1 回だけ使います。
        """,
        en=r"""
        ### Things to try

        With `SGD(lr=0.1)` and 20 epochs the test accuracy ends up around 0.95. Change the parameter cell and
        run it and the cells below it again (`optimizer` keeps the state of its training, so start again from
        the parameter cell).

        - `SGD(lr=0.01)`: each update is too small to finish in 20 epochs. The loss comes down slowly and the
          test accuracy stays below 0.9.
        - `SGD(lr=1.0)`: learning goes fast, and the training accuracy reaches 1.0.
        - `SGD(lr=10.0)`: the loss jumps up in the first epoch, and the accuracy then stays around 0.1, as if
          guessing one of 10 classes. With too large a learning rate, each update jumps over the valley of the loss.
        - `Momentum(lr=0.1)` or `Adam(lr=0.01)`: in the same number of epochs the loss gets much lower than with
          `SGD(lr=0.1)`, and the test accuracy passes 0.97. A gap to the training accuracy (almost 1.0) remains:
          the start of fitting the training data too closely (overfitting).
        - `hidden = 5`: too small a hidden layer can express too little, and the accuracy stays below 0.9.
        - `batch_size = 256`: an epoch now has only about 6 updates, and 20 epochs are not enough.

        Here the settings are compared by their test accuracy, so that you see the differences at once.
        To choose settings for real, compare them on validation data, as in the chapter's section
        "[Choosing the learning rate on validation data](/training/#validation)", and use the test data once, at the end.
        """,
    ),
]
