"""Grade on Gradescope: an autograder bundle (``bundle``) and the run inside it (``run``).

Gradescope's contract (https://gradescope-autograders.readthedocs.io/en/latest/specs/): a zip with
``setup.sh`` (run once, as root, when the image is built) and an executable ``run_autograder`` (run for every
submission); the zip is unpacked in ``/autograder/source``, the student's files are in
``/autograder/submission``, and the run must leave ``/autograder/results/results.json``.  The grading is this
kit's own engine, sandbox included, so a score on Gradescope is the score ``autograder grade`` gives.
"""
