"""Objects the grader asks the sandbox to build for student code: an Axes to draw on, a known-good model.

A grader asks for ``student.make("axes")`` (a fresh matplotlib Axes) or ``student.make("logistic_model",
weight=..., bias=...)`` (a torch model whose forward pass logs its mode): values that must live where the
student's code runs.  Functions handed to student code (03's families) are not built here: they live in
the grading process and are called back (``autograder/grading/handed_functions.py``), so nothing in the sandbox computes
a graded answer.
"""
from __future__ import annotations

from functools import cache
from typing import Any, Callable


def _axes() -> Any:
    """A fresh matplotlib Axes on its own figure (Agg backend: nothing is shown)."""
    import matplotlib.pyplot as plt
    plt.close("all")
    return plt.subplots()[1]


def _logistic_model(weight: list[list[float]], bias: list[float]) -> Any:
    """A known-good logistic-regression module, σ(x @ weight.T + bias), for grading code that takes a model.

    It logs each forward pass's mode and whether autograd was recording (``forward_log``), so a grader
    can tell that ``predict`` ran in eval mode under ``torch.no_grad()``.
    """
    return _logistic_model_class()(weight, bias)


@cache
def _logistic_model_class() -> type:
    import torch
    from torch import nn

    class GraderLogisticModel(nn.Module):
        def __init__(self, weight: list[list[float]], bias: list[float]):
            super().__init__()
            weight_ = torch.tensor(weight, dtype=torch.float32)
            self.linear = nn.Linear(weight_.shape[1], weight_.shape[0])
            with torch.no_grad():
                self.linear.weight.copy_(weight_)
                self.linear.bias.copy_(torch.tensor(bias, dtype=torch.float32))
            self.forward_log: list[dict] = []

        def forward(self, x):
            self.forward_log.append({"training": self.training, "grad_enabled": torch.is_grad_enabled()})
            return torch.sigmoid(self.linear(x))
    return GraderLogisticModel


OBJECTS: dict[str, Callable[..., Any]] = {"axes": _axes, "logistic_model": _logistic_model}


def build(name: str, params: dict[str, Any]) -> Any:
    """The object named ``name``, made from ``params``."""
    if name in OBJECTS:
        return OBJECTS[name](**params)
    raise ValueError(f"unknown object {name!r}")
