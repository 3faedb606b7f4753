"""Notebook: training on handwritten digits (continues the chapter "training")."""

from notebooks.cells import code, md

CELLS = [
    md(
        id="training-experiments",
        ja=r"""
        # 手書き数字を学習させる

        章「[学習](/training/)」の続きです。zeronn で作ったネットワークに、8×8 ピクセルの手書き数字を学習させます。
        全 1,797 枚のうち 1,437 枚を学習に使い、残りの 360 枚はテストのためにとっておきます。
        学習率、最適化手法、隠れ層のユニット数を変えると、結果がどう変わるかを観察します。

        セルは上から順に実行してください。値を変えたら、そのセルとそれより下のセルを実行し直します。
        実行には zeronn（この講座のパッケージ）、PyTorch、matplotlib、scikit-learn が必要です。
        データは scikit-learn に含まれているので、ダウンロードはいりません。
        """,
        en=r"""
        # Training on handwritten digits

        This notebook continues the chapter "[Learning](/training/)". A network built with zeronn learns
        handwritten digits of 8×8 pixels: 1,437 of the 1,797 images are used for learning, and the other 360
        are kept for testing. You watch how the results change with the learning rate, the optimiser and the
        number of units of the hidden layer.

        Run the cells from top to bottom. After changing a value, run that cell and the ones below it again.
        You need zeronn (the course's package), PyTorch, matplotlib and scikit-learn. The data ships with
        scikit-learn, so nothing is downloaded.
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
        import matplotlib_fontja  # lets the plots show Japanese text
        import torch

        from zeronn import SGD, Adam, Momentum, load_digits, mlp, train
        """,
    ),
    md(
        id="data",
        ja=r"""
        ## データを見る

        `load_digits` は、画像を訓練データ（80%）とテストデータ（20%）に分けて返します。どちらでも、各数字の割合は全体と同じです。
        1 枚の画像は、8×8 の画素の濃さを 0 から 1 の値にして、64 個並べたものです。正解は 0 から 9 のクラス番号です。
        テストデータの画像は学習に使わないので、テストデータでの正解率は、初めて見る画像をどれだけ正しく分類できるかを表します。
        """,
        en=r"""
        ## A look at the data

        `load_digits` splits the images into training data (80%) and test data (20%), each with every digit
        in the same share as in the whole set. Each image is a row of 64 values between 0 and 1, the
        darkness of its 8×8 pixels, and its answer is a class number from 0 to 9. The network never learns
        from the test images, so the accuracy on them tells how well it classifies images it has not seen.
        """,
    ),
    code(
        id="data-load",
        ja="""
        x_train, t_train, x_test, t_test = load_digits()
        print("訓練データ:", tuple(x_train.shape), tuple(t_train.shape))
        print("テストデータ:", tuple(x_test.shape), tuple(t_test.shape))

        fig, axes = plt.subplots(1, 10, figsize=(10, 1.4))
        for ax, image, label in zip(axes, x_train, t_train):
            ax.imshow(image.reshape(8, 8), cmap="gray_r")
            ax.set_title(f"{label}")
            ax.axis("off")
        plt.show()
        """,
        en="""
        x_train, t_train, x_test, t_test = load_digits()
        print("training data:", tuple(x_train.shape), tuple(t_train.shape))
        print("test data:", tuple(x_test.shape), tuple(t_test.shape))

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

        `mlp([64, hidden, 10])` は、`InputAffine`、`Relu`、`Affine`、`SoftmaxWithLoss` をつないだネットワークを作ります。
        重みは He の初期値から、バイアスは 0 から始まります。
        `train` は、エポックごとに訓練データの順番を入れ替えてから `batch_size` 件ずつのミニバッチに分け、
        ミニバッチごとに順伝播と逆伝播で勾配を求めて、パラメータを更新します。訓練データを一通り使い終えるまでが 1 エポックです。
        `SGD` は、各パラメータを次の式で更新します（バイアス $b$ も同じ式です）。$\eta$ は学習率（コードの `lr`）です。

        $$
        W \leftarrow W - \eta \frac{\partial L}{\partial W}
        $$
        """,
        en=r"""
        ## Training

        `mlp([64, hidden, 10])` builds a network of `InputAffine`, `Relu`, `Affine` and `SoftmaxWithLoss`; its
        weights start from He initialisation and its biases from 0. In every epoch, `train` shuffles the
        training data, splits it into mini-batches of `batch_size` samples, and for each mini-batch runs the
        forward pass, the backward pass and the parameter update. One pass over all the training data is an
        epoch. `SGD` updates each parameter by the rule below (the bias $b$ by the same rule), where $\eta$ is
        the learning rate, `lr` in the code:

        $$
        W \leftarrow W - \eta \frac{\partial L}{\partial W}
        $$
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
        # as the optimiser, try SGD(lr=0.01), SGD(lr=1.0), SGD(lr=10.0),
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
        left.set_title("損失（エポック中のミニバッチの平均）")
        right.plot(epochs_axis, history.train_acc, ".-", label="訓練")
        right.plot(epochs_axis, history.test_acc, ".-", label="テスト")
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
        left.set_title("loss (mean over the epoch's mini-batches)")
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

        学習を終えたネットワークで、テストデータの画像を分類します。ネットワークの予測は、スコアが最も大きいクラスです。
        間違えた画像のうち最初の 10 枚を、「正解 → 予測」の形で表示します。
        """,
        en=r"""
        ## The images it got wrong

        The trained network now classifies the test images: the class with the highest score is its
        prediction. The first 10 images it got wrong are shown as "answer → prediction".
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
        print(f"misclassified: {len(wrong)} of {len(t_test)} images")

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

        `SGD(lr=0.1)` で 20 エポック学習すると、テストデータでの正解率は 0.95 前後になります。
        設定を変えるときは、パラメータのセルを書き換えて、そのセルから下を実行し直してください。
        `Momentum` と `Adam` は、それまでの勾配から作った状態を持ち続けます。学習のセルだけを実行し直すと、前回の状態を引き継いでしまいます。
        パラメータのセルから実行すれば、新しい `optimizer` が作られます。

        - `SGD(lr=0.01)`：1 回の更新が小さすぎて、20 エポックでは学習が終わりません。
          損失はゆっくりとしか下がらず、テストデータでの正解率は 0.9 に届きません。
        - `SGD(lr=1.0)`：学習が速く進み、20 エポックで訓練データでの正解率が 1.0 に達します。テストデータでは 0.97 前後です。
        - `SGD(lr=10.0)`：1 エポック目で損失が 40 を超えるまで跳ね上がり、その後も正解率は 0.1 前後のままです。
          10 クラスから当てずっぽうに選ぶのと変わりません。
          大きすぎる更新のせいで、隠れ層の `Relu` への入力が訓練データのどの画像でも 0 以下になり、50 個のニューロンがすべて 0 しか出さなくなったためです。
          こうなると勾配は `Relu` で止まり、`W1`、`b1`、`W2` は二度と更新されません。
        - `Momentum(lr=0.1)` や `Adam(lr=0.01)`：同じ 20 エポックで、損失は `SGD(lr=0.1)` の 10 分の 1 以下になり、
          テストデータでの正解率は 0.97 前後まで上がります。それでも、訓練データでの正解率（ほぼ 1.0）との差は残ります。
          訓練データに合わせすぎて、初めて見るデータでの性能が伸びなくなる**過学習**（overfitting）の始まりです。
        - `hidden = 5`：隠れ層が小さすぎて表せることが限られ、正解率は 0.9 に届きません。
        - `hidden = 200`：テストデータでの正解率は 0.96 前後で、50 のときとあまり変わりません。
        - `batch_size = 256`：1 エポックあたりの更新が 45 回から 6 回に減るので、20 エポックでは学習が足りず、
          テストデータでの正解率は 0.9 に届きません。

        ここでは違いがすぐ見えるように、テストデータでの正解率で設定を比べました。実際に設定を選ぶときは、
        章の「[学習率を検証データで選ぶ](/training/#validation)」のように検証データで比べ、テストデータは最後に 1 回だけ使います。
        """,
        en=r"""
        ### Things to try

        With `SGD(lr=0.1)` and 20 epochs the test accuracy ends up around 0.95. To change a setting, edit the
        parameter cell and run it and the cells below it again. `Momentum` and `Adam` keep a state built from
        the gradients so far, so rerunning only the training cell would carry the old state over; running the
        parameter cell makes a new `optimizer`.

        - `SGD(lr=0.01)`: each update is too small to finish in 20 epochs. The loss comes down slowly and the
          test accuracy stays below 0.9.
        - `SGD(lr=1.0)`: learning goes fast, and the training accuracy reaches 1.0 within the 20 epochs. The
          test accuracy is around 0.97.
        - `SGD(lr=10.0)`: the loss jumps above 40 in the first epoch, and the accuracy then stays around 0.1,
          no better than guessing one of 10 classes. The oversized updates have pushed the input of the hidden
          layer's `Relu` to 0 or below for every training image, so all 50 neurons put out nothing but 0. The
          gradient now stops at the `Relu`, and `W1`, `b1` and `W2` are never updated again.
        - `Momentum(lr=0.1)` or `Adam(lr=0.01)`: in the same 20 epochs the loss falls below a tenth of
          `SGD(lr=0.1)`'s, and the test accuracy rises to around 0.97. A gap to the training accuracy (almost
          1.0) remains: the start of **overfitting**, fitting the training data so closely that the accuracy
          on data not seen before stops improving.
        - `hidden = 5`: too small a hidden layer can express too little, and the accuracy stays below 0.9.
        - `hidden = 200`: the test accuracy is around 0.96, not much different from 50 units.
        - `batch_size = 256`: an epoch now has 6 updates instead of 45, 20 epochs are not enough, and the test
          accuracy stays below 0.9.

        Here the settings are compared by their test accuracy, so that you see the differences at once.
        To choose settings for real, compare them on validation data, as in the chapter's section
        "[Choosing the learning rate on validation data](/training/#validation)", and use the test data once, at the end.
        """,
    ),
]
