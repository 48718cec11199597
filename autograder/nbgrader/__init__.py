"""The nbgrader path: the repository root is an nbgrader course directory.

``release`` generates the student notebooks, ``bridge`` is what the hidden test cells call in the student's
kernel, ``export`` the gradebook-file plugins of ``nbgrader export``, and ``course`` runs stock nbgrader on a
throwaway course (the kit's tests and benchmarks).  ``autograder.nbgrader_bridge`` and
``autograder.nbgrader_export`` stay importable under those names: gradebooks and instructors' commands use them.
"""
