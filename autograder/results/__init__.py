"""Results: the typed records of grading (``records``) and the one store that writes and reads them (``store``)."""
from autograder.results.records import SCHEMA_VERSION, ProblemResult, Result, TestResult
from autograder.results.store import ResultStore, write_atomically

__all__ = ["SCHEMA_VERSION", "ProblemResult", "Result", "ResultStore", "TestResult", "write_atomically"]
