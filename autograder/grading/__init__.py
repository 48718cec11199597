"""Grading one submission, from its notebook's bytes to its ``Result``.

``prepared`` holds what stays the same for a whole class (the graders, the reference, the fingerprint);
``one`` grades one notebook in a warm ``sandbox_worker``: its cells (``notebook_code``) run in a sandboxed
child, each problem's grader tests (``problems``) call them through the ``student_proxy``, and functions handed
to student code (``handed_functions``) answer from here.  ``confinement`` builds the sandbox's walls.
"""
