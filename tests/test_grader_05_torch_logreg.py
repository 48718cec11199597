"""The hidden graders of 05_torch_logreg are honest: every mistake the assignment lists is rejected with a message
that names it (and its code), every correct alternative (F.binary_cross_entropy, nn.Sigmoid, nn.Sequential under
`linear`, a manual update under torch.no_grad(), torch.where predictions, a numpy accuracy) gets full marks,
constant answers get nothing, the points add up to the catalogue's, and the visible checks are never stricter than
the graders.

Each wrong implementation is the reference solution with one function or class replaced.
"""
from __future__ import annotations

from grader_proof import GraderProof, Proof, right, wrong

PROOF = Proof("05_torch_logreg")
PROBLEMS = PROOF.problems


def train_loop(*, defaults: str = "lr=0.1, epochs=100", optimizer: str = "torch.optim.SGD(model.parameters(), lr=lr)",
               zero: str = "optimizer.zero_grad()", loss: str = "nn.BCELoss()(model(X), y)",
               recorded: str = "loss.item()", result: str = "losses") -> str:
    """A student's train: the usual loop with the given part changed (``zero=""`` leaves zero_grad out)."""
    return f"""
        import torch.nn.functional as F
        def train(model, X, y, {defaults}):
            optimizer = {optimizer}
            losses = []
            for _ in range(epochs):
                {zero or "pass"}
                loss = {loss}
                loss.backward()
                optimizer.step()
                losses.append({recorded})
            return {result}
        """


WRONG = [
    # ---------------------------------------------------------------- to_tensors
    wrong("to-tensors-from-numpy-keeps-float64", "to_tensors", "keeps numpy's float64", """
        def to_tensors(X, y):
            return torch.from_numpy(X), torch.from_numpy(y).reshape(-1, 1)
        """, code="to_tensors.dtype.float64", visible='expected dtype torch.float32, got torch.float64'),
    wrong("to-tensors-keeps-integers", "to_tensors", "integers came back", """
        def to_tensors(X, y):
            X_t = torch.from_numpy(X)
            X_t = X_t.float() if X_t.dtype == torch.float64 else X_t   # only float64 converted
            return X_t, torch.tensor(y, dtype=torch.float32).reshape(-1, 1)
        """, code="to_tensors.dtype.integer"),
    wrong("to-tensors-flat-targets", "to_tensors", "y must be a column of shape", """
        def to_tensors(X, y):
            return torch.tensor(X, dtype=torch.float32), torch.tensor(y, dtype=torch.float32)
        """, code="to_tensors.shape.flat", visible='Make it a column with .reshape(-1, 1)'),
    wrong("to-tensors-unsqueeze-adds-an-axis-to-a-column", "to_tensors", "unsqueeze(1) adds an axis", """
        def to_tensors(X, y):
            return torch.tensor(X, dtype=torch.float32), torch.tensor(y, dtype=torch.float32).unsqueeze(1)
        """, code="to_tensors.shape.flat"),
    wrong("to-tensors-numpy-arrays", "to_tensors", "a numpy array came back", """
        def to_tensors(X, y):
            return np.asarray(X, dtype=np.float32), np.asarray(y, dtype=np.float32).reshape(-1, 1)
        """, code="to_tensors.type.ndarray"),
    wrong("to-tensors-requires-grad", "to_tensors", "requires_grad=True", """
        def to_tensors(X, y):
            return (torch.tensor(X, dtype=torch.float32, requires_grad=True),
                    torch.tensor(y, dtype=torch.float32).reshape(-1, 1))
        """, code="to_tensors.requires_grad"),
    wrong("to-tensors-reshapes-the-callers-y", "to_tensors", "changed its argument `y` in place", """
        def to_tensors(X, y):
            y.shape = (-1, 1)
            return torch.tensor(X, dtype=torch.float32), torch.tensor(y, dtype=torch.float32)
        """),
    wrong("to-tensors-squeezes", "to_tensors", "the example axis was lost", """
        def to_tensors(X, y):
            return (torch.tensor(np.squeeze(X), dtype=torch.float32),
                    torch.tensor(np.squeeze(y), dtype=torch.float32).reshape(-1, 1))
        """, code="to_tensors.shape.batch_of_one"),
    wrong("to-tensors-squeeze-then-unsqueeze-labels", "to_tensors", "y must be a column of shape (1, 1)", """
        def to_tensors(X, y):
            return torch.tensor(X, dtype=torch.float32), torch.tensor(y, dtype=torch.float32).squeeze().unsqueeze(-1)
        """, code="to_tensors.shape.flat", visible='Make it a column with .reshape(-1, 1)'),
    wrong("to-tensors-keeps-the-first-X", "to_tensors", "returned a tensor of shape", """
        _first_X = []
        def to_tensors(X, y):
            _first_X.append(X)
            return (torch.tensor(_first_X[0], dtype=torch.float32),
                    torch.tensor(y, dtype=torch.float32).reshape(-1, 1))
        """),
    wrong("to-tensors-half-precision", "to_tensors", "it must be float32", """
        def to_tensors(X, y):
            return torch.tensor(X, dtype=torch.float16), torch.tensor(y, dtype=torch.float16).reshape(-1, 1)
        """),
    # ---------------------------------------------------------------- LogisticRegression
    wrong("logreg-no-sigmoid", "LogisticRegression", "returned the scores z = x·w + b (the logits)", """
        class LogisticRegression(nn.Module):
            def __init__(self, n_features):
                super().__init__()
                self.linear = nn.Linear(n_features, 1)
            def forward(self, x):
                return self.linear(x)
        """, code="LogisticRegression.no_sigmoid", visible='These are the scores z = x·w + b'),
    wrong("logreg-sigmoid-twice", "LogisticRegression", "the sigmoid is applied twice", """
        class LogisticRegression(nn.Module):
            def __init__(self, n_features):
                super().__init__()
                self.linear = nn.Sequential(nn.Linear(n_features, 1), nn.Sigmoid())
            def forward(self, x):
                return torch.sigmoid(self.linear(x))
        """, code="LogisticRegression.sigmoid_twice", visible='The sigmoid is applied twice'),
    wrong("logreg-two-outputs", "LogisticRegression", "logistic regression has one output", """
        class LogisticRegression(nn.Module):
            def __init__(self, n_features):
                super().__init__()
                self.linear = nn.Linear(n_features, 2)
            def forward(self, x):
                return torch.sigmoid(self.linear(x))[:, :1]
        """, code="LogisticRegression.two_outputs"),
    wrong("logreg-linear-arguments-swapped", "LogisticRegression", "the arguments of nn.Linear are swapped", """
        class LogisticRegression(nn.Module):
            def __init__(self, n_features):
                super().__init__()
                self.linear = nn.Linear(1, n_features)
            def forward(self, x):
                return torch.sigmoid(x @ self.linear.weight + self.linear.bias.sum())
        """, code="LogisticRegression.linear_swapped"),
    wrong("logreg-no-bias", "LogisticRegression", "has no bias", """
        class LogisticRegression(nn.Module):
            def __init__(self, n_features):
                super().__init__()
                self.linear = nn.Linear(n_features, 1, bias=False)
            def forward(self, x):
                return torch.sigmoid(self.linear(x))
        """, code="LogisticRegression.no_bias", visible='with the default bias=True'),
    wrong("logreg-no-super-init", "LogisticRegression", "call super().__init__()", """
        class LogisticRegression(nn.Module):
            def __init__(self, n_features):
                self.linear = nn.Linear(n_features, 1)
            def forward(self, x):
                return torch.sigmoid(self.linear(x))
        """, code="LogisticRegression.no_super_init", visible='Call super().__init__() as the first line'),
    wrong("logreg-not-a-module", "LogisticRegression", "not a torch module", """
        class LogisticRegression:
            def __init__(self, n_features):
                self.linear = nn.Linear(n_features, 1)
            def __call__(self, x):
                return torch.sigmoid(self.linear(x))
        """, code="LogisticRegression.not_a_module"),
    wrong("logreg-another-attribute-name", "LogisticRegression", "store it as self.linear", """
        class LogisticRegression(nn.Module):
            def __init__(self, n_features):
                super().__init__()
                self.layer = nn.Linear(n_features, 1)
            def forward(self, x):
                return torch.sigmoid(self.layer(x))
        """, code="LogisticRegression.not_named_linear"),
    wrong("logreg-numpy-initial-weights", "LogisticRegression", "must come from torch's random generator", """
        class LogisticRegression(nn.Module):
            def __init__(self, n_features):
                super().__init__()
                self.linear = nn.Linear(n_features, 1)
                with torch.no_grad():
                    self.linear.weight.copy_(torch.tensor(np.random.normal(size=(1, n_features))))
            def forward(self, x):
                return torch.sigmoid(self.linear(x))
        """, code="LogisticRegression.not_deterministic"),
    wrong("logreg-zero-initial-weights", "LogisticRegression", "instead of fixed starting values", """
        class LogisticRegression(nn.Module):
            def __init__(self, n_features):
                super().__init__()
                self.linear = nn.Linear(n_features, 1)
                nn.init.zeros_(self.linear.weight)
                nn.init.zeros_(self.linear.bias)
            def forward(self, x):
                return torch.sigmoid(self.linear(x))
        """, code="LogisticRegression.fixed_initialisation"),
    wrong("logreg-forward-without-graph", "LogisticRegression", "it is cut off from the weights", """
        class LogisticRegression(nn.Module):
            def __init__(self, n_features):
                super().__init__()
                self.linear = nn.Linear(n_features, 1)
            def forward(self, x):
                with torch.no_grad():
                    return torch.sigmoid(self.linear(x))
        """, code="LogisticRegression.detached"),
    wrong("logreg-float64", "LogisticRegression", "keep PyTorch's default float32", """
        class LogisticRegression(nn.Module):
            def __init__(self, n_features):
                super().__init__()
                self.linear = nn.Linear(n_features, 1).double()
            def forward(self, x):
                return torch.sigmoid(self.linear(x.double())).float()
        """, code="LogisticRegression.dtype.float64"),
    wrong("logreg-sign", "LogisticRegression", "the probability of class 0", """
        class LogisticRegression(nn.Module):
            def __init__(self, n_features):
                super().__init__()
                self.linear = nn.Linear(n_features, 1)
            def forward(self, x):
                return torch.sigmoid(-self.linear(x))
        """, code="LogisticRegression.sign"),
    wrong("logreg-exp-ratio-nan", "LogisticRegression", "nan comes from inf/inf", """
        class LogisticRegression(nn.Module):
            def __init__(self, n_features):
                super().__init__()
                self.linear = nn.Linear(n_features, 1)
            def forward(self, x):
                e = torch.exp(self.linear(x))
                return e / (1 + e)
        """, code="LogisticRegression.not_finite.nan"),
    wrong("logreg-flat-output", "LogisticRegression", "a 1-D tensor of shape", """
        class LogisticRegression(nn.Module):
            def __init__(self, n_features):
                super().__init__()
                self.linear = nn.Linear(n_features, 1)
            def forward(self, x):
                return torch.sigmoid(self.linear(x)).squeeze(1)
        """, code="LogisticRegression.shape.flat"),
    wrong("logreg-squeeze-then-unsqueeze", "LogisticRegression", "the example axis was lost", """
        class LogisticRegression(nn.Module):
            def __init__(self, n_features):
                super().__init__()
                self.linear = nn.Linear(n_features, 1)
            def forward(self, x):
                return torch.sigmoid(self.linear(x)).squeeze().unsqueeze(-1)
        """, code="LogisticRegression.shape.batch_of_one", visible='expected shape (1, 1), got shape (1,)'),
    wrong("logreg-two-features-hard-coded", "LogisticRegression", "the layer must take n_features inputs", """
        class LogisticRegression(nn.Module):
            def __init__(self, n_features):
                super().__init__()
                self.linear = nn.Linear(2, 1)
            def forward(self, x):
                return torch.sigmoid(self.linear(x))
        """, code="LogisticRegression.wrong_in_features"),
    # ---------------------------------------------------------------- train
    wrong("train-stops-on-a-small-gradient", "train", "stopped after 1 of 3 epochs", """
        def train(model, X, y, lr=0.1, epochs=100):
            optimizer = torch.optim.SGD(model.parameters(), lr=lr)
            losses = []
            for _ in range(epochs):
                optimizer.zero_grad()
                loss = nn.BCELoss()(model(X), y)
                loss.backward()
                losses.append(loss.item())
                if torch.sqrt(sum((p.grad ** 2).sum() for p in model.parameters())) < 1e-6:
                    break                       # converged
                optimizer.step()
            return losses
        """, code="train.stops_early", visible='do not stop early'),
    wrong("train-stops-when-the-gradient-sums-to-zero", "train", "the gradient's components cancel", """
        def train(model, X, y, lr=0.1, epochs=100):
            optimizer = torch.optim.SGD(model.parameters(), lr=lr)
            losses = []
            for _ in range(epochs):
                optimizer.zero_grad()
                loss = nn.BCELoss()(model(X), y)
                loss.backward()
                if losses and abs(sum(p.grad.sum().item() for p in model.parameters())) < 1e-7:
                    break                       # "no gradient left"
                optimizer.step()
                losses.append(loss.item())
            return losses
        """, code="train.stops_early"),
    wrong("train-stops-on-a-loss-plateau", "train", "the loss stays at ln 2", """
        def train(model, X, y, lr=0.1, epochs=100):
            optimizer = torch.optim.SGD(model.parameters(), lr=lr)
            losses = []
            for _ in range(epochs):
                optimizer.zero_grad()
                loss = nn.BCELoss()(model(X), y)
                if losses and abs(losses[-1] - loss.item()) < 1e-9:
                    break                       # the loss no longer changes
                loss.backward()
                optimizer.step()
                losses.append(loss.item())
            return losses
        """, code="train.stops_early", visible='do not stop early'),
    wrong("train-do-while-steps-at-zero-epochs", "train", "with epochs=0 it makes no step", """
        def train(model, X, y, lr=0.1, epochs=100):
            optimizer = torch.optim.SGD(model.parameters(), lr=lr)
            losses = []
            while True:
                optimizer.zero_grad()
                loss = nn.BCELoss()(model(X), y)
                loss.backward()
                optimizer.step()
                losses.append(loss.item())
                if len(losses) >= epochs:
                    return losses
        """, code="train.steps_when_zero"),
    wrong("train-squeeze-then-unsqueeze-labels", "train", "Dimension out of range", """
        def train(model, X, y, lr=0.1, epochs=100):
            optimizer = torch.optim.SGD(model.parameters(), lr=lr)
            y = y.squeeze().unsqueeze(1)        # (m,) or (m, 1) -> (m, 1)
            losses = []
            for _ in range(epochs):
                optimizer.zero_grad()
                loss = nn.BCELoss()(model(X), y)
                loss.backward()
                optimizer.step()
                losses.append(loss.item())
            return losses
        """),
    wrong("train-fixed-epochs", "train", "it must return 1, one per step",
          train_loop(defaults="lr=0.1, epochs=100").replace("range(epochs)", "range(100)")),
    wrong("train-no-zero-grad", "train", "the gradients accumulate",
          train_loop(zero=""), code="train.no_zero_grad", visible='the gradients accumulate'),
    wrong("train-mse", "train", "gradient descent on the mean squared error",
          train_loop(loss="nn.MSELoss()(model(X), y)"), code="train.mse", visible='That is the mean squared error'),
    wrong("train-bce-with-logits-on-probabilities", "train", "the sigmoid is applied twice",
          train_loop(loss="nn.BCEWithLogitsLoss()(model(X), y)"),
          code="train.sigmoid_twice", visible='BCEWithLogitsLoss applies a second sigmoid'),
    wrong("train-adam", "train", "as Adam does",
          train_loop(optimizer="torch.optim.Adam(model.parameters(), lr=lr)"),
          code="train.adam", visible='That is Adam'),
    wrong("train-fixed-learning-rate", "train", "use the lr argument",
          train_loop(optimizer="torch.optim.SGD(model.parameters(), lr=0.1)"),
          code="train.ignores_lr", visible='use the lr argument'),
    wrong("train-returns-tensors", "train", "append loss.item()",
          train_loop(recorded="loss"), code="train.type.tensor_items", visible='Append loss.item()'),
    wrong("train-returns-one-tensor", "train", "a list of",
          train_loop(result="torch.tensor(losses)"), code="train.type.tensor_items"),
    wrong("train-loss-after-the-step", "train", "is the loss after step k", """
        def train(model, X, y, lr=0.1, epochs=100):
            optimizer = torch.optim.SGD(model.parameters(), lr=lr)
            losses = []
            for _ in range(epochs):
                optimizer.zero_grad()
                nn.BCELoss()(model(X), y).backward()
                optimizer.step()
                with torch.no_grad():
                    losses.append(nn.BCELoss()(model(X), y).item())
            return losses
        """, code="train.loss_after_step", visible='That is the loss after the first step'),
    wrong("train-summed-loss", "train", "the loss is summed over the examples",
          train_loop(loss='nn.BCELoss(reduction="sum")(model(X), y)'), code="train.summed"),
    wrong("train-gradient-ascent", "train", "the weights moved uphill", """
        def train(model, X, y, lr=0.1, epochs=100):
            losses = []
            for _ in range(epochs):
                model.zero_grad()
                loss = nn.BCELoss()(model(X), y)
                loss.backward()
                with torch.no_grad():
                    for p in model.parameters():
                        p += lr * p.grad
                losses.append(loss.item())
            return losses
        """, code="train.ascent"),
    wrong("train-hand-written-bce-takes-log-0", "train", "clamps the logarithm at −100",
          train_loop(loss="-(y * torch.log(model(X)) + (1 - y) * torch.log(1 - model(X))).mean()"),
          code="train.not_finite.log_zero"),
    wrong("train-other-defaults", "train", "it must return 100, one per step",
          train_loop(defaults="lr=0.01, epochs=10")),
    wrong("train-reinitialises-the-model", "train", "train the model you are given", """
        def train(model, X, y, lr=0.1, epochs=100):
            for p in model.parameters():
                nn.init.zeros_(p)
            optimizer = torch.optim.SGD(model.parameters(), lr=lr)
            losses = []
            for _ in range(epochs):
                optimizer.zero_grad()
                loss = nn.BCELoss()(model(X), y)
                loss.backward()
                optimizer.step()
                losses.append(loss.item())
            return losses
        """, code="train.reinitialised"),
    wrong("train-shuffled-mini-batches", "train", "must not draw random numbers from numpy", """
        def train(model, X, y, lr=0.1, epochs=100):
            optimizer = torch.optim.SGD(model.parameters(), lr=lr)
            losses = []
            for _ in range(epochs):
                batch = torch.as_tensor(np.random.permutation(len(X))[: max(1, len(X) // 2)])
                optimizer.zero_grad()
                loss = nn.BCELoss()(model(X[batch]), y[batch])
                loss.backward()
                optimizer.step()
                losses.append(loss.item())
            return losses
        """, code="train.not_deterministic"),
    # ---------------------------------------------------------------- predict
    wrong("predict-probabilities", "predict", "predict returned the probabilities", """
        def predict(model, X, threshold=0.5):
            model.eval()
            with torch.no_grad():
                return model(X)
        """, code="predict.probabilities", visible='These are the probabilities'),
    wrong("predict-bools", "predict", "True/False came back", """
        def predict(model, X, threshold=0.5):
            with torch.no_grad():
                return model(X) > threshold
        """, code="predict.dtype.bool"),
    wrong("predict-ignores-threshold", "predict", "use the threshold argument", """
        def predict(model, X, threshold=0.5):
            was_training = model.training
            model.eval()
            with torch.no_grad():
                labels = (model(X) > 0.5).float()
            model.train(was_training)
            return labels
        """, code="predict.ignores_threshold", visible='use the threshold argument'),
    wrong("predict-greater-equal", "predict", "compare with >, not >=", """
        def predict(model, X, threshold=0.5):
            was_training = model.training
            model.eval()
            with torch.no_grad():
                labels = (model(X) >= threshold).float()
            model.train(was_training)
            return labels
        """, code="predict.greater_equal", visible='compare with >, not >='),
    wrong("predict-round-keeps-the-graph", "predict", "requires_grad=True", """
        def predict(model, X, threshold=0.5):
            return torch.round(model(X))
        """, code="predict.requires_grad"),
    wrong("predict-builds-a-graph", "predict", "called the model with autograd recording", """
        def predict(model, X, threshold=0.5):
            was_training = model.training
            model.eval()
            labels = (model(X) > threshold).float()
            model.train(was_training)
            return labels
        """, code="predict.builds_graph", visible='wrap it in `with torch.no_grad():`'),
    wrong("predict-training-mode", "predict", "call model.eval() before the forward pass", """
        def predict(model, X, threshold=0.5):
            with torch.no_grad():
                return (model(X) > threshold).float()
        """, code="predict.not_eval_mode", visible='call model.eval() before the forward pass'),
    wrong("predict-leaves-eval-mode", "predict", "restore it afterwards", """
        def predict(model, X, threshold=0.5):
            model.eval()
            with torch.no_grad():
                return (model(X) > threshold).float()
        """, code="predict.mode_not_restored", visible='restore it with model.train(was_training)'),
    wrong("predict-flat", "predict", "a 1-D tensor of shape", """
        def predict(model, X, threshold=0.5):
            was_training = model.training
            model.eval()
            with torch.no_grad():
                labels = (model(X) > threshold).float().reshape(-1)
            model.train(was_training)
            return labels
        """, code="predict.shape.flat"),
    wrong("predict-integer-labels", "predict", "integers came back", """
        def predict(model, X, threshold=0.5):
            was_training = model.training
            model.eval()
            with torch.no_grad():
                labels = (model(X) > threshold).long()
            model.train(was_training)
            return labels
        """, code="predict.dtype.integer"),
    wrong("predict-squeeze-then-unsqueeze", "predict", "the example axis was lost", """
        def predict(model, X, threshold=0.5):
            was_training = model.training
            model.eval()
            with torch.no_grad():
                labels = (model(X) > threshold).float().squeeze().unsqueeze(-1)
            model.train(was_training)
            return labels
        """, code="predict.shape.batch_of_one", visible='expected shape (1, 1), got shape (1,)'),
    wrong("predict-moves-the-bias-to-the-threshold", "predict", "changed the model's bias", """
        def predict(model, X, threshold=0.5):
            was_training = model.training
            model.eval()
            with torch.no_grad():
                for name, parameter in model.named_parameters():       # p > t  <=>  z - logit(t) > 0
                    if name.endswith("bias"):
                        parameter -= float(np.log(threshold / (1 - threshold)))
                labels = (model(X) > 0.5).float()
            model.train(was_training)
            return labels
        """, code="predict.changes_model", visible='change no parameter'),
    # ---------------------------------------------------------------- accuracy
    wrong("accuracy-len-of-a-squeezed-tensor", "accuracy", "len() of a 0-d tensor", """
        def accuracy(y_pred, y_true):
            correct = (y_pred.squeeze() == y_true.squeeze()).sum().item()
            return correct / len(y_pred.squeeze())
        """),
    wrong("accuracy-subtracts-in-place", "accuracy", "changed its argument `y_pred` in place", """
        def accuracy(y_pred, y_true):
            wrong = y_pred.sub_(y_true.reshape(y_pred.shape)).abs_()  # right share, but the caller's labels are gone
            return float(1 - wrong.mean())
        """, code="accuracy.mutated_input"),
    wrong("predict-rescales-X-in-place", "predict", "changed its argument `X` in place", """
        def predict(model, X, threshold=0.5):
            was_training = model.training
            model.eval()
            with torch.no_grad():
                X.mul_(2.0)  # the caller's tensor is doubled; the labels are still right
                labels = (model(X / 2.0) > threshold).float()
            model.train(was_training)
            return labels
        """, code="predict.mutated_input"),
    wrong("accuracy-keeps-the-first-labels", "accuracy", "must match the size", """
        _first_true = []
        def accuracy(y_pred, y_true):
            _first_true.append(y_true)
            return (y_pred.reshape(-1) == _first_true[0].reshape(-1)).float().mean().item()
        """),
    wrong("accuracy-broadcasts", "accuracy", "table of every pair", """
        def accuracy(y_pred, y_true):
            return (y_pred == y_true.reshape(-1)).float().mean().item()
        """, code="accuracy.broadcast", visible='flatten both with .reshape(-1)'),
    wrong("accuracy-returns-a-tensor", "accuracy", "returned a torch tensor", """
        def accuracy(y_pred, y_true):
            return (y_pred.reshape(-1) == y_true.reshape(-1)).float().mean()
        """, code="accuracy.type.tensor"),
    wrong("accuracy-percentage", "accuracy", "a percentage", """
        def accuracy(y_pred, y_true):
            return 100 * (y_pred.reshape(-1) == y_true.reshape(-1)).float().mean().item()
        """, code="accuracy.percentage", visible='A percentage'),
    wrong("accuracy-count", "accuracy", "the number of correct predictions", """
        def accuracy(y_pred, y_true):
            return float((y_pred.reshape(-1) == y_true.reshape(-1)).sum().item())
        """, code="accuracy.count", visible='The number right'),
]

RIGHT = [
    # ---------------------------------------------------------------- to_tensors
    right("to-tensors-reference", "to_tensors", ""),
    right("to-tensors-from-numpy-then-float", "to_tensors", """
        def to_tensors(X, y):
            return torch.from_numpy(np.asarray(X)).float(), torch.from_numpy(np.asarray(y)).float().view(-1, 1)
        """),
    right("to-tensors-astype-float32", "to_tensors", """
        def to_tensors(X, y):
            return torch.tensor(X.astype(np.float32)), torch.tensor(y.astype(np.float32)).reshape(len(y), 1)
        """),
    right("to-tensors-as-tensor", "to_tensors", """
        def to_tensors(X, y):
            return torch.as_tensor(X, dtype=torch.float32), torch.as_tensor(y, dtype=torch.float32).reshape(-1, 1)
        """),
    # ---------------------------------------------------------------- LogisticRegression
    right("logreg-reference", "LogisticRegression", ""),
    right("logreg-nn-sigmoid", "LogisticRegression", """
        class LogisticRegression(nn.Module):
            def __init__(self, n_features):
                super().__init__()
                self.linear = nn.Linear(n_features, 1)
                self.sigmoid = nn.Sigmoid()
            def forward(self, x):
                return self.sigmoid(self.linear(x))
        """),
    right("logreg-sequential-under-linear", "LogisticRegression", """
        class LogisticRegression(nn.Module):
            def __init__(self, n_features):
                super().__init__()
                self.linear = nn.Sequential(nn.Linear(n_features, 1), nn.Sigmoid())
            def forward(self, x):
                return self.linear(x)
        """),
    right("logreg-one-over-one-plus-exp", "LogisticRegression", """
        class LogisticRegression(nn.Module):
            def __init__(self, n_features):
                super().__init__()
                self.linear = nn.Linear(n_features, 1)
            def forward(self, x):
                return 1 / (1 + torch.exp(-self.linear(x)))
        """),
    # ---------------------------------------------------------------- train
    right("train-reference", "train", ""),
    right("train-functional-bce", "train",
          train_loop(loss="F.binary_cross_entropy(model(X), y)", recorded="float(loss)")),
    right("train-manual-update-under-no-grad", "train", """
        def train(model, X, y, lr=0.1, epochs=100):
            losses = []
            for _ in range(epochs):
                model.zero_grad()
                p = model(X).clamp(1e-7, 1 - 1e-7)
                loss = -(y * torch.log(p) + (1 - y) * torch.log(1 - p)).mean()
                loss.backward()
                with torch.no_grad():
                    for parameter in model.parameters():
                        parameter -= lr * parameter.grad
                losses.append(loss.item())
            return losses
        """),
    right("train-while-loop-counting-steps", "train", """
        import torch.nn.functional as F
        def train(model, X, y, lr=0.1, epochs=100):
            optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.0)
            losses, step = [], 0
            while step < epochs:
                optimizer.zero_grad()
                loss = F.binary_cross_entropy(model(X).view(-1), y.view(-1))
                loss.backward()
                optimizer.step()
                losses.append(loss.item())
                step += 1
            return losses
        """),
    right("train-new-optimizer-each-epoch-zero-grad-last", "train", """
        def train(model, X, y, lr=0.1, epochs=100):
            losses = []
            for epoch in range(epochs):
                optimizer = torch.optim.SGD(model.parameters(), lr=lr)
                loss = nn.BCELoss()(model(X), y)
                loss.backward()
                optimizer.step()
                optimizer.zero_grad()
                losses.append(loss.item())
            return losses
        """),
    # ---------------------------------------------------------------- predict
    right("predict-reference", "predict", ""),
    right("predict-torch-where-try-finally", "predict", """
        def predict(model, X, threshold=0.5):
            mode = model.training
            model.eval()
            try:
                with torch.no_grad():
                    p = model(X)
                return torch.where(p > threshold, 1.0, 0.0)
            finally:
                model.train(mode)
        """),
    right("predict-inference-mode-decorator", "predict", """
        @torch.inference_mode()
        def predict(model, X, threshold=0.5):
            was_training = model.training
            model.eval()
            labels = (model(X) > threshold).to(torch.float32)
            model.train(was_training)
            return labels
        """),
    # ---------------------------------------------------------------- accuracy
    right("accuracy-reference", "accuracy", ""),
    right("accuracy-numpy", "accuracy", """
        def accuracy(y_pred, y_true):
            return float(np.mean(y_pred.numpy().ravel() == y_true.numpy().ravel()))
        """),
    right("accuracy-count-over-m", "accuracy", """
        def accuracy(y_pred, y_true):
            correct = (y_pred.view(-1) == y_true.view(-1)).sum().item()
            return correct / len(y_true)
        """),
    right("accuracy-squeeze-eq", "accuracy", """
        def accuracy(y_pred, y_true):
            return torch.eq(y_pred.squeeze(), y_true.squeeze()).float().mean().item()
        """),
]

CONSTANT = [c for p in PROBLEMS for c in PROOF.constant_cases(p)]


class TestGraders(GraderProof):
    PROOF, WRONG, RIGHT, CONSTANT = PROOF, WRONG, RIGHT, CONSTANT
    VISIBLE_CATCH_RATE = 0.6
