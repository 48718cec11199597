"""Objects the grader asks the sandbox to build for student code: an Axes to draw on, a known-good model.

A grader asks for ``student.make("axes")`` (a fresh matplotlib Axes) or ``student.make("logistic_model",
weight=..., bias=...)`` (a torch model whose forward passes are logged): values that must live where the
student's code runs.  Functions handed to student code (03's families) are not built here: they live in
the grading process and are called back (``autograder/grading/handed_functions.py``), so nothing in the sandbox computes
a graded answer.

The recipes are bound by each ``Session`` before student code runs (``RECIPES`` rebound later changes nothing),
the model's class is made afresh for each model (there is no class to import and reuse as an answer), and its
forward log is a list the session holds, not an attribute student code could rewrite.
"""
from __future__ import annotations

from typing import Any, Callable

from . import measure


def axes() -> Any:
    """A fresh matplotlib Axes on its own figure, pyplot's current one (Agg backend: nothing is shown).

    Taken from the spares the fork server built before forking (``prepare_axes``) while they last: a figure
    costs ~8 ms to build and 0.06 ms to adopt.  A spare that is no longer as it was built (student code
    reached it and drew on it) is never handed out.
    """
    import matplotlib.pyplot as plt
    plt.close("all")
    while _SPARE_AXES:
        spare, built = _SPARE_AXES.pop()
        if _looks(spare) == built:
            plt.figure(spare.figure)
            plt.sca(spare)
            return spare
    return plt.subplots()[1]


_SPARE_AXES: list[tuple[Any, tuple]] = []  # (Axes, how it looked when built), made before any fork


def prepare_axes(count: int = 2) -> None:
    """In the fork server: ``count`` Axes on figures of their own, for children to adopt (01 asks for two)."""
    from matplotlib.figure import Figure
    for _ in range(count):
        spare = Figure().add_subplot()  # not pyplot's until a child adopts it
        _SPARE_AXES.append((spare, _looks(spare)))


def _looks(ax: Any) -> tuple:
    """What a grader reads of an Axes: its artists, title and labels, limits."""
    return (len(ax.get_children()), len(ax.figure.get_children()), ax.get_title(), ax.get_xlabel(),
            ax.get_ylabel(), tuple(ax.get_xlim()), tuple(ax.get_ylim()), ax.get_legend() is None)


def logistic_model(weight: list[list[float]], bias: list[float], forward_log: list[dict]) -> Any:
    """A known-good logistic-regression module, σ(x @ weight.T + bias), for grading code that takes a model.

    Each forward pass appends its mode and whether autograd was recording to ``forward_log``, so a grader can
    tell that ``predict`` ran in eval mode under ``torch.no_grad()``: read with torch's own functions, bound
    before student code ran, and from the module's own registries.
    """
    torch = measure.bind_torch()

    class GraderLogisticModel(torch.Module):
        def forward(self, x):
            forward_log.append({"training": measure.module_training(self),
                                "grad_enabled": bool(torch.is_grad_enabled())})
            parameters = dict(measure.module_parameters(self))
            return torch.sigmoid(torch.linear(x, parameters["linear.weight"], parameters["linear.bias"]))

    model = GraderLogisticModel()
    weight_ = torch.tensor(weight, dtype=torch.dtypes["torch.float32"])
    model.linear = torch.Linear(weight_.shape[1], weight_.shape[0])
    parameters = dict(measure.module_parameters(model))
    with torch.no_grad():
        torch.copy(parameters["linear.weight"], weight_)
        torch.copy(parameters["linear.bias"], torch.tensor(bias, dtype=torch.dtypes["torch.float32"]))
    return model


RECIPES: dict[str, Callable[..., Any]] = {"axes": axes, "logistic_model": logistic_model}
