"""nbgrader configuration: the repository root is the course directory.

Read by the `nbgrader` command when it runs from the repository root, and by
autograder/nbgrader/release.py (which loads this file explicitly, so that per-user
~/.jupyter configs cannot change what a release looks like).
"""
import os

c = get_config()  # noqa: F821  (provided by traitlets when it loads this file)

ROOT = os.path.dirname(os.path.abspath(__file__))

# source/<assignment>/ -> release/<assignment>/ (student copy); submitted/, autograded/, feedback/ alike.
c.CourseDirectory.course_id = "dl-fundamentals"
c.CourseDirectory.root = ROOT
# The gradebook (gitignored) holds each assignment's cells, hidden tests included, and the grades.
c.CourseDirectory.db_url = "sqlite:///" + os.path.join(ROOT, "gradebook.db")

# A course taught in another language (course.toml: lang = "ko") hands out that edition: source/ko/<id>/ ->
# release/ko/<id>/, with its own gradebook (its locked and test cells are the edition's).  source/ko/ is made
# from source/<id>/ and the translation assignments/ko/<id>.toml by `autograder release --lang ko`.
_COURSE_FILE = os.path.join(ROOT, "course.toml")
if os.path.exists(_COURSE_FILE):
    import tomllib

    with open(_COURSE_FILE, "rb") as course_file:
        LANG = tomllib.load(course_file).get("lang", "en")
    if LANG != "en":
        c.CourseDirectory.source_directory = os.path.join("source", LANG)
        c.CourseDirectory.release_directory = os.path.join("release", LANG)
        c.CourseDirectory.db_url = "sqlite:///" + os.path.join(ROOT, f"gradebook.{LANG}.db")

# What a student sees in place of each `### BEGIN SOLUTION` ... `### END SOLUTION` region.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}

# Seconds per cell when nbgrader executes a notebook (autograde, validate).
c.ExecutePreprocessor.timeout = 30
c.Execute.timeout = 30
