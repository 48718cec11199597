"""``from autograder.nbgrader_bridge import grade_problem``: what the hidden test cells stored in every gradebook
import.  The code lives in ``autograder/nbgrader/bridge.py``."""
from autograder.nbgrader.bridge import grade_problem

__all__ = ["grade_problem"]
