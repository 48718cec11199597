"""Typical mistakes in 05_torch_logreg (logistic regression in PyTorch), and the sample class that hands them in.

Each mistake is what a student writes in place of one reference function: the grader proof
(``tests/test_grader_05_torch_logreg.py``) checks that the hidden graders reject every one with a message containing its
phrase (and its mistake code, its visible check's message, when given); the sample class of ``autograder demo``
(``autograder.samples.sample_class``) is built from the same list, plus hostile and broken cells.
"""
from __future__ import annotations

from autograder.samples.records import (Mistake, SampleStudent, find, hostile,
                                       HARD_EXIT, INFINITE_LOOP, MEMORY_BOMB, PRINT_FLOOD)


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


MISTAKES = [
    # ---------------------------------------------------------------- to_tensors
    Mistake("to-tensors-from-numpy-keeps-float64", "to_tensors", "keeps numpy's float64", """
        def to_tensors(X, y):
            return torch.from_numpy(X), torch.from_numpy(y).reshape(-1, 1)
        """, code="to_tensors.dtype.float64", visible='expected dtype torch.float32, got torch.float64'),
    Mistake("to-tensors-keeps-integers", "to_tensors", "integers came back", """
        def to_tensors(X, y):
            X_t = torch.from_numpy(X)
            X_t = X_t.float() if X_t.dtype == torch.float64 else X_t   # only float64 converted
            return X_t, torch.tensor(y, dtype=torch.float32).reshape(-1, 1)
        """, code="to_tensors.dtype.integer"),
    Mistake("to-tensors-flat-targets", "to_tensors", "y must be a column of shape", """
        def to_tensors(X, y):
            return torch.tensor(X, dtype=torch.float32), torch.tensor(y, dtype=torch.float32)
        """, code="to_tensors.shape.flat", visible='Make it a column with .reshape(-1, 1)'),
    Mistake("to-tensors-unsqueeze-adds-an-axis-to-a-column", "to_tensors", "unsqueeze(1) adds an axis", """
        def to_tensors(X, y):
            return torch.tensor(X, dtype=torch.float32), torch.tensor(y, dtype=torch.float32).unsqueeze(1)
        """, code="to_tensors.shape.flat"),
    Mistake("to-tensors-numpy-arrays", "to_tensors", "a numpy array came back", """
        def to_tensors(X, y):
            return np.asarray(X, dtype=np.float32), np.asarray(y, dtype=np.float32).reshape(-1, 1)
        """, code="to_tensors.type.ndarray"),
    Mistake("to-tensors-requires-grad", "to_tensors", "requires_grad=True", """
        def to_tensors(X, y):
            return (torch.tensor(X, dtype=torch.float32, requires_grad=True),
                    torch.tensor(y, dtype=torch.float32).reshape(-1, 1))
        """, code="to_tensors.requires_grad"),
    Mistake("to-tensors-reshapes-the-callers-y", "to_tensors", "changed its argument `y` in place", """
        def to_tensors(X, y):
            y.shape = (-1, 1)
            return torch.tensor(X, dtype=torch.float32), torch.tensor(y, dtype=torch.float32)
        """),
    Mistake("to-tensors-squeezes", "to_tensors", "the example axis was lost", """
        def to_tensors(X, y):
            return (torch.tensor(np.squeeze(X), dtype=torch.float32),
                    torch.tensor(np.squeeze(y), dtype=torch.float32).reshape(-1, 1))
        """, code="to_tensors.shape.batch_of_one"),
    Mistake("to-tensors-squeeze-then-unsqueeze-labels", "to_tensors", "y must be a column of shape (1, 1)", """
        def to_tensors(X, y):
            return torch.tensor(X, dtype=torch.float32), torch.tensor(y, dtype=torch.float32).squeeze().unsqueeze(-1)
        """, code="to_tensors.shape.flat", visible='Make it a column with .reshape(-1, 1)'),
    Mistake("to-tensors-keeps-the-first-X", "to_tensors", "returned a tensor of shape", """
        _first_X = []
        def to_tensors(X, y):
            _first_X.append(X)
            return (torch.tensor(_first_X[0], dtype=torch.float32),
                    torch.tensor(y, dtype=torch.float32).reshape(-1, 1))
        """),
    Mistake("to-tensors-half-precision", "to_tensors", "it must be float32", """
        def to_tensors(X, y):
            return torch.tensor(X, dtype=torch.float16), torch.tensor(y, dtype=torch.float16).reshape(-1, 1)
        """),
    # ---------------------------------------------------------------- LogisticRegression
    Mistake("logreg-no-sigmoid", "LogisticRegression", "returned the scores z = x·w + b (the logits)", """
        class LogisticRegression(nn.Module):
            def __init__(self, n_features):
                super().__init__()
                self.linear = nn.Linear(n_features, 1)
            def forward(self, x):
                return self.linear(x)
        """, code="LogisticRegression.no_sigmoid", visible='These are the scores z = x·w + b'),
    Mistake("logreg-sigmoid-twice", "LogisticRegression", "the sigmoid is applied twice", """
        class LogisticRegression(nn.Module):
            def __init__(self, n_features):
                super().__init__()
                self.linear = nn.Sequential(nn.Linear(n_features, 1), nn.Sigmoid())
            def forward(self, x):
                return torch.sigmoid(self.linear(x))
        """, code="LogisticRegression.sigmoid_twice", visible='The sigmoid is applied twice'),
    Mistake("logreg-two-outputs", "LogisticRegression", "logistic regression has one output", """
        class LogisticRegression(nn.Module):
            def __init__(self, n_features):
                super().__init__()
                self.linear = nn.Linear(n_features, 2)
            def forward(self, x):
                return torch.sigmoid(self.linear(x))[:, :1]
        """, code="LogisticRegression.two_outputs"),
    Mistake("logreg-linear-arguments-swapped", "LogisticRegression", "the arguments of nn.Linear are swapped", """
        class LogisticRegression(nn.Module):
            def __init__(self, n_features):
                super().__init__()
                self.linear = nn.Linear(1, n_features)
            def forward(self, x):
                return torch.sigmoid(x @ self.linear.weight + self.linear.bias.sum())
        """, code="LogisticRegression.linear_swapped"),
    Mistake("logreg-no-bias", "LogisticRegression", "has no bias", """
        class LogisticRegression(nn.Module):
            def __init__(self, n_features):
                super().__init__()
                self.linear = nn.Linear(n_features, 1, bias=False)
            def forward(self, x):
                return torch.sigmoid(self.linear(x))
        """, code="LogisticRegression.no_bias", visible='with the default bias=True'),
    Mistake("logreg-no-super-init", "LogisticRegression", "call super().__init__()", """
        class LogisticRegression(nn.Module):
            def __init__(self, n_features):
                self.linear = nn.Linear(n_features, 1)
            def forward(self, x):
                return torch.sigmoid(self.linear(x))
        """, code="LogisticRegression.no_super_init", visible='Call super().__init__() as the first line'),
    Mistake("logreg-not-a-module", "LogisticRegression", "not a torch module", """
        class LogisticRegression:
            def __init__(self, n_features):
                self.linear = nn.Linear(n_features, 1)
            def __call__(self, x):
                return torch.sigmoid(self.linear(x))
        """, code="LogisticRegression.not_a_module"),
    Mistake("logreg-another-attribute-name", "LogisticRegression", "store it as self.linear", """
        class LogisticRegression(nn.Module):
            def __init__(self, n_features):
                super().__init__()
                self.layer = nn.Linear(n_features, 1)
            def forward(self, x):
                return torch.sigmoid(self.layer(x))
        """, code="LogisticRegression.not_named_linear"),
    Mistake("logreg-numpy-initial-weights", "LogisticRegression", "must come from torch's random generator", """
        class LogisticRegression(nn.Module):
            def __init__(self, n_features):
                super().__init__()
                self.linear = nn.Linear(n_features, 1)
                with torch.no_grad():
                    self.linear.weight.copy_(torch.tensor(np.random.normal(size=(1, n_features))))
            def forward(self, x):
                return torch.sigmoid(self.linear(x))
        """, code="LogisticRegression.not_deterministic"),
    Mistake("logreg-zero-initial-weights", "LogisticRegression", "instead of fixed starting values", """
        class LogisticRegression(nn.Module):
            def __init__(self, n_features):
                super().__init__()
                self.linear = nn.Linear(n_features, 1)
                nn.init.zeros_(self.linear.weight)
                nn.init.zeros_(self.linear.bias)
            def forward(self, x):
                return torch.sigmoid(self.linear(x))
        """, code="LogisticRegression.fixed_initialisation"),
    Mistake("logreg-forward-without-graph", "LogisticRegression", "it is cut off from the weights", """
        class LogisticRegression(nn.Module):
            def __init__(self, n_features):
                super().__init__()
                self.linear = nn.Linear(n_features, 1)
            def forward(self, x):
                with torch.no_grad():
                    return torch.sigmoid(self.linear(x))
        """, code="LogisticRegression.detached"),
    Mistake("logreg-float64", "LogisticRegression", "keep PyTorch's default float32", """
        class LogisticRegression(nn.Module):
            def __init__(self, n_features):
                super().__init__()
                self.linear = nn.Linear(n_features, 1).double()
            def forward(self, x):
                return torch.sigmoid(self.linear(x.double())).float()
        """, code="LogisticRegression.dtype.float64"),
    Mistake("logreg-sign", "LogisticRegression", "the probability of class 0", """
        class LogisticRegression(nn.Module):
            def __init__(self, n_features):
                super().__init__()
                self.linear = nn.Linear(n_features, 1)
            def forward(self, x):
                return torch.sigmoid(-self.linear(x))
        """, code="LogisticRegression.sign"),
    Mistake("logreg-exp-ratio-nan", "LogisticRegression", "nan comes from inf/inf", """
        class LogisticRegression(nn.Module):
            def __init__(self, n_features):
                super().__init__()
                self.linear = nn.Linear(n_features, 1)
            def forward(self, x):
                e = torch.exp(self.linear(x))
                return e / (1 + e)
        """, code="LogisticRegression.not_finite.nan"),
    Mistake("logreg-flat-output", "LogisticRegression", "a 1-D tensor of shape", """
        class LogisticRegression(nn.Module):
            def __init__(self, n_features):
                super().__init__()
                self.linear = nn.Linear(n_features, 1)
            def forward(self, x):
                return torch.sigmoid(self.linear(x)).squeeze(1)
        """, code="LogisticRegression.shape.flat"),
    Mistake("logreg-squeeze-then-unsqueeze", "LogisticRegression", "the example axis was lost", """
        class LogisticRegression(nn.Module):
            def __init__(self, n_features):
                super().__init__()
                self.linear = nn.Linear(n_features, 1)
            def forward(self, x):
                return torch.sigmoid(self.linear(x)).squeeze().unsqueeze(-1)
        """, code="LogisticRegression.shape.batch_of_one", visible='expected shape (1, 1), got shape (1,)'),
    Mistake("logreg-two-features-hard-coded", "LogisticRegression", "the layer must take n_features inputs", """
        class LogisticRegression(nn.Module):
            def __init__(self, n_features):
                super().__init__()
                self.linear = nn.Linear(2, 1)
            def forward(self, x):
                return torch.sigmoid(self.linear(x))
        """, code="LogisticRegression.wrong_in_features"),
    # ---------------------------------------------------------------- train
    Mistake("train-stops-on-a-small-gradient", "train", "stopped after 1 of 3 epochs", """
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
    Mistake("train-stops-when-the-gradient-sums-to-zero", "train", "the gradient's components cancel", """
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
    Mistake("train-stops-on-a-loss-plateau", "train", "the loss stays at ln 2", """
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
    Mistake("train-do-while-steps-at-zero-epochs", "train", "with epochs=0 it makes no step", """
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
    Mistake("train-squeeze-then-unsqueeze-labels", "train", "Dimension out of range", """
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
    Mistake("train-fixed-epochs", "train", "it must return 1, one per step",
            train_loop(defaults="lr=0.1, epochs=100").replace("range(epochs)", "range(100)")),
    Mistake("train-no-zero-grad", "train", "the gradients accumulate",
            train_loop(zero=""), code="train.no_zero_grad", visible='the gradients accumulate'),
    Mistake("train-mse", "train", "gradient descent on the mean squared error",
            train_loop(loss="nn.MSELoss()(model(X), y)"), code="train.mse", visible='That is the mean squared error'),
    Mistake("train-bce-with-logits-on-probabilities", "train", "the sigmoid is applied twice",
            train_loop(loss="nn.BCEWithLogitsLoss()(model(X), y)"),
            code="train.sigmoid_twice", visible='BCEWithLogitsLoss applies a second sigmoid'),
    Mistake("train-adam", "train", "as Adam does",
            train_loop(optimizer="torch.optim.Adam(model.parameters(), lr=lr)"),
            code="train.adam", visible='That is Adam'),
    Mistake("train-fixed-learning-rate", "train", "use the lr argument",
            train_loop(optimizer="torch.optim.SGD(model.parameters(), lr=0.1)"),
            code="train.ignores_lr", visible='use the lr argument'),
    Mistake("train-returns-tensors", "train", "append loss.item()",
            train_loop(recorded="loss"), code="train.type.tensor_items", visible='Append loss.item()'),
    Mistake("train-returns-one-tensor", "train", "a list of",
            train_loop(result="torch.tensor(losses)"), code="train.type.tensor_items"),
    Mistake("train-loss-after-the-step", "train", "is the loss after step k", """
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
    Mistake("train-summed-loss", "train", "the loss is summed over the examples",
            train_loop(loss='nn.BCELoss(reduction="sum")(model(X), y)'), code="train.summed"),
    Mistake("train-gradient-ascent", "train", "the weights moved uphill", """
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
    Mistake("train-hand-written-bce-takes-log-0", "train", "clamps the logarithm at −100",
            train_loop(loss="-(y * torch.log(model(X)) + (1 - y) * torch.log(1 - model(X))).mean()"),
            code="train.not_finite.log_zero"),
    Mistake("train-other-defaults", "train", "it must return 100, one per step",
            train_loop(defaults="lr=0.01, epochs=10")),
    Mistake("train-reinitialises-the-model", "train", "train the model you are given", """
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
    Mistake("train-shuffled-mini-batches", "train", "must not draw random numbers from numpy", """
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
    Mistake("predict-probabilities", "predict", "predict returned the probabilities", """
        def predict(model, X, threshold=0.5):
            model.eval()
            with torch.no_grad():
                return model(X)
        """, code="predict.probabilities", visible='These are the probabilities'),
    Mistake("predict-bools", "predict", "True/False came back", """
        def predict(model, X, threshold=0.5):
            with torch.no_grad():
                return model(X) > threshold
        """, code="predict.dtype.bool"),
    Mistake("predict-ignores-threshold", "predict", "use the threshold argument", """
        def predict(model, X, threshold=0.5):
            was_training = model.training
            model.eval()
            with torch.no_grad():
                labels = (model(X) > 0.5).float()
            model.train(was_training)
            return labels
        """, code="predict.ignores_threshold", visible='use the threshold argument'),
    Mistake("predict-greater-equal", "predict", "compare with >, not >=", """
        def predict(model, X, threshold=0.5):
            was_training = model.training
            model.eval()
            with torch.no_grad():
                labels = (model(X) >= threshold).float()
            model.train(was_training)
            return labels
        """, code="predict.greater_equal", visible='compare with >, not >='),
    Mistake("predict-round-keeps-the-graph", "predict", "requires_grad=True", """
        def predict(model, X, threshold=0.5):
            return torch.round(model(X))
        """, code="predict.requires_grad"),
    Mistake("predict-builds-a-graph", "predict", "called the model with autograd recording", """
        def predict(model, X, threshold=0.5):
            was_training = model.training
            model.eval()
            labels = (model(X) > threshold).float()
            model.train(was_training)
            return labels
        """, code="predict.builds_graph", visible='wrap it in `with torch.no_grad():`'),
    Mistake("predict-training-mode", "predict", "call model.eval() before the forward pass", """
        def predict(model, X, threshold=0.5):
            with torch.no_grad():
                return (model(X) > threshold).float()
        """, code="predict.not_eval_mode", visible='call model.eval() before the forward pass'),
    Mistake("predict-leaves-eval-mode", "predict", "restore it afterwards", """
        def predict(model, X, threshold=0.5):
            model.eval()
            with torch.no_grad():
                return (model(X) > threshold).float()
        """, code="predict.mode_not_restored", visible='restore it with model.train(was_training)'),
    Mistake("predict-flat", "predict", "a 1-D tensor of shape", """
        def predict(model, X, threshold=0.5):
            was_training = model.training
            model.eval()
            with torch.no_grad():
                labels = (model(X) > threshold).float().reshape(-1)
            model.train(was_training)
            return labels
        """, code="predict.shape.flat"),
    Mistake("predict-integer-labels", "predict", "integers came back", """
        def predict(model, X, threshold=0.5):
            was_training = model.training
            model.eval()
            with torch.no_grad():
                labels = (model(X) > threshold).long()
            model.train(was_training)
            return labels
        """, code="predict.dtype.integer"),
    Mistake("predict-squeeze-then-unsqueeze", "predict", "the example axis was lost", """
        def predict(model, X, threshold=0.5):
            was_training = model.training
            model.eval()
            with torch.no_grad():
                labels = (model(X) > threshold).float().squeeze().unsqueeze(-1)
            model.train(was_training)
            return labels
        """, code="predict.shape.batch_of_one", visible='expected shape (1, 1), got shape (1,)'),
    Mistake("predict-moves-the-bias-to-the-threshold", "predict", "changed the model's bias", """
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
    Mistake("accuracy-len-of-a-squeezed-tensor", "accuracy", "len() of a 0-d tensor", """
        def accuracy(y_pred, y_true):
            correct = (y_pred.squeeze() == y_true.squeeze()).sum().item()
            return correct / len(y_pred.squeeze())
        """),
    Mistake("accuracy-subtracts-in-place", "accuracy", "changed its argument `y_pred` in place", """
        def accuracy(y_pred, y_true):
            wrong = y_pred.sub_(y_true.reshape(y_pred.shape)).abs_()  # right share, but the caller's labels are gone
            return float(1 - wrong.mean())
        """, code="accuracy.mutated_input"),
    Mistake("predict-rescales-X-in-place", "predict", "changed its argument `X` in place", """
        def predict(model, X, threshold=0.5):
            was_training = model.training
            model.eval()
            with torch.no_grad():
                X.mul_(2.0)  # the caller's tensor is doubled; the labels are still right
                labels = (model(X / 2.0) > threshold).float()
            model.train(was_training)
            return labels
        """, code="predict.mutated_input"),
    Mistake("accuracy-keeps-the-first-labels", "accuracy", "must match the size", """
        _first_true = []
        def accuracy(y_pred, y_true):
            _first_true.append(y_true)
            return (y_pred.reshape(-1) == _first_true[0].reshape(-1)).float().mean().item()
        """),
    Mistake("accuracy-broadcasts", "accuracy", "table of every pair", """
        def accuracy(y_pred, y_true):
            return (y_pred == y_true.reshape(-1)).float().mean().item()
        """, code="accuracy.broadcast", visible='flatten both with .reshape(-1)'),
    Mistake("accuracy-returns-a-tensor", "accuracy", "returned a torch tensor", """
        def accuracy(y_pred, y_true):
            return (y_pred.reshape(-1) == y_true.reshape(-1)).float().mean()
        """, code="accuracy.type.tensor"),
    Mistake("accuracy-percentage", "accuracy", "a percentage", """
        def accuracy(y_pred, y_true):
            return 100 * (y_pred.reshape(-1) == y_true.reshape(-1)).float().mean().item()
        """, code="accuracy.percentage", visible='A percentage'),
    Mistake("accuracy-count", "accuracy", "the number of correct predictions", """
        def accuracy(y_pred, y_true):
            return float((y_pred.reshape(-1) == y_true.reshape(-1)).sum().item())
        """, code="accuracy.count", visible='The number right'),
    Mistake("train-no-zero-grad-prints-to-stderr", "train", "the gradients accumulate", """
        import sys

        def train(model, X, y, lr=0.1, epochs=100):
            optimizer = torch.optim.SGD(model.parameters(), lr=lr)
            loss_fn = nn.BCELoss()
            losses = []
            for epoch in range(epochs):
                loss = loss_fn(model(X), y)
                loss.backward()
                optimizer.step()
                losses.append(loss.item())
                if epoch % 50 == 0:
                    print(f"epoch {epoch}: loss {loss.item():.4f}", file=sys.stderr)
            return losses
        """, code="train.no_zero_grad"),
]

# The students of the sample class beyond the generic ones every assignment has (``autograder.samples.sample_class``).
STUDENTS = [
    SampleStudent("chloe", "torch.from_numpy keeps float64; the model returns logits (no sigmoid)",
                  mistakes=("to-tensors-from-numpy-keeps-float64", "logreg-no-sigmoid")),
    SampleStudent("dev", "no optimizer.zero_grad() (and a debugging print to stderr every 50 epochs)",
                  mistakes=("train-no-zero-grad-prints-to-stderr",)),
    SampleStudent("emma", "train returns the loss tensors; predict returns probabilities",
                  mistakes=("train-returns-tensors", "predict-probabilities")),
    SampleStudent("farid", "predict leaves the model in eval mode; accuracy broadcasts (m, 1) against (m,)",
                  mistakes=("predict-leaves-eval-mode", "accuracy-broadcasts")),
    SampleStudent("grace", "infinite loop in train",
                  {"train": hostile("train(model, X, y, lr=0.1, epochs=100)", INFINITE_LOOP)}),
    SampleStudent("hugo", "memory bomb in predict, os._exit in accuracy",
                  {"predict": hostile("predict(model, X, threshold=0.5)", MEMORY_BOMB),
                   "accuracy": hostile("accuracy(y_pred, y_true)", HARD_EXIT)}),
    SampleStudent("iris", "a syntax error in one cell, 100 MB of prints in another",
                  {"accuracy": "def accuracy(y_pred, y_true)\n    return 0\n"}, extra_cells=(PRINT_FLOOD,)),
    SampleStudent("noah", "renamed LogisticRegression to LogReg (a missing class)",
                  {"LogisticRegression": find(MISTAKES, "logreg-no-sigmoid").cell.replace(
                      "class LogisticRegression", "class LogReg")}),
    SampleStudent("olga", ">= instead of > in predict", mistakes=("predict-greater-equal",)),
]
