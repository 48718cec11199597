"""Feedback pages and the class report: what they say, that names and messages are escaped (Hangul, quotes,
commas and markup survive as text), the counts behind the report, and, in headless Chromium, that each page
renders with its text in the DOM and its pictures inside the file."""
from __future__ import annotations

import html.parser
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from autograder import catalogue, runner
from autograder.reports.class_report import problem_stats, top_mistakes, write_class_report
from autograder.reports.feedback import feedback_html, feedback_markdown

ASSIGNMENT = catalogue.load("01_sigmoid")
TESTS = runner.collect(ASSIGNMENT.grader_module())
LONG = ("sigmoid(array of shape (3, 4)) returned a wrong value at index (0, 1): got nan, expected 0.0 "
        "(3 of 12 values are not finite). " * 6).strip()
HOSTILE_NAME = "김민준 <script>alert(\"x\")</script>, O'Brien"


def result(student_id: str, name: str = "", failures: dict[str, tuple[str, str]] = {}, **extra) -> dict:
    """A result in the engine's schema: every test passes except ``failures`` (test name -> (message, code))."""
    problems = {}
    for p in ASSIGNMENT.problems:
        tests = []
        for t in (t for t in TESTS if t.problem == p.id):
            failed = failures.get(t.name)
            tests.append({"name": t.name, "passed": failed is None, "points": 0.0 if failed else t.points,
                          "max_points": t.points, "message": failed[0] if failed else "",
                          "description": t.description, "mistake": f"{p.id}.{failed[1]}" if failed else ""})
        problems[p.id] = {"score": sum(t["points"] for t in tests), "max_score": p.points, "tests": tests}
    score = sum(p["score"] for p in problems.values())
    return {"student_id": student_id, "assignment": ASSIGNMENT.id, "score": score, "raw_score": score,
            "max_score": ASSIGNMENT.max_score, "status": "graded", "message": "", "problems": problems,
            "notebook_errors": [], "output": "", "name": name, "section": "", "roster": "matched",
            "submitted_file": "01_sigmoid.ipynb", "other_files": [], "late": False, "late_penalty": 0.0,
            "grading_seconds": 0.1, **extra}


FIRST_SIGMOID_TEST = next(t.name for t in TESTS if t.problem == "sigmoid")
FIRST_PREDICT_TEST = next(t.name for t in TESTS if t.problem == "predict")
CLASS = [
    result("1001", HOSTILE_NAME, {FIRST_SIGMOID_TEST: (LONG, "warning.exp_overflow")}, late=True, days_late=1,
           late_penalty=1.3, score=11.2, late_note="1 d after the due date: −1.3 points (10% of 13)"),
    result("1002", "Smith, Jane", {FIRST_SIGMOID_TEST: ("overflow again", "warning.exp_overflow"),
                                   FIRST_PREDICT_TEST: ("a probability of exactly 0.5 gives 1", "greater_equal")}),
    result("1003", "이영희"),
    {**result("1004", "Park, Seoyeon"), "status": "invalid_notebook", "message": "the file is empty", "score": 0.0},
    {**result("1005", "Kim, Minjun"), "status": "missing", "score": 0.0, "roster": "missing"},
    {**result("1099", "parkseoyeon"), "roster": "unmatched", "roster_note": "no rostered student has the Canvas ID 1099"},
]


class TextOf(html.parser.HTMLParser):
    """The visible text of a page, and whether it has a script element or loads anything from outside."""

    def __init__(self, page: str):
        super().__init__()
        self.text, self.scripts, self.external = [], 0, []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.scripts += tag == "script"
        self.external += [v for k, v in attrs if k in ("src", "href") and v and not v.startswith(("data:", "#"))]

    def handle_data(self, data):
        self.text.append(data)

    @property
    def joined(self) -> str:
        return " ".join(" ".join(self.text).split())


def test_feedback_page_escapes_names_and_messages_and_shows_the_penalty():
    page = TextOf(feedback_html(ASSIGNMENT, CLASS[0]))
    assert page.scripts == 0 and page.external == []
    assert HOSTILE_NAME in page.joined and " ".join(LONG.split()) in page.joined
    assert "Late" in page.joined and "−1.3 points" in page.joined and "11.2 / 13" in page.joined
    markdown = feedback_markdown(ASSIGNMENT, CLASS[0])
    assert HOSTILE_NAME in markdown and "**Late**" in markdown


def test_the_report_counts_each_student_once_per_mistake_and_ranks_them():
    mistakes = top_mistakes(CLASS)
    assert [(m.code, m.students) for m in mistakes] == [("sigmoid.warning.exp_overflow", 2),
                                                         ("predict.greater_equal", 1)]
    graded = sum(r["status"] == "graded" for r in CLASS)
    assert mistakes[0].share == pytest.approx(2 / graded)
    assert HOSTILE_NAME not in mistakes[0].example and "1001" not in mistakes[0].example
    sigmoid = next(s for s in problem_stats(ASSIGNMENT, CLASS) if s.id == "sigmoid")
    assert sigmoid.pass_rate == pytest.approx((graded - 2) / graded)


def test_the_report_is_one_file_with_every_list_an_instructor_acts_on(tmp_path):
    path = write_class_report(tmp_path, CLASS)
    page = TextOf(path.read_text(encoding="utf-8"))
    assert page.scripts == 0 and page.external == [], "self-contained: no script, nothing fetched"
    graded = sum(r["status"] == "graded" for r in CLASS)
    for expected in ("sigmoid.warning.exp_overflow", f"2 ({2 / graded:.0%})", "the file is empty", "Kim, Minjun",
                     "no rostered student has the Canvas ID 1099", HOSTILE_NAME, "1 d"):
        assert expected in page.joined, expected


# ------------------------------------------------------------ in a real browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def chromium(*args: str, profile: Path) -> subprocess.CompletedProcess:
    # the flags of the machine's own probe (headless, as root, no network chatter), and /dev/shm left alone (containers)
    return subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                           "--disable-quic", "--no-first-run",
                           "--disable-background-networking", "--disable-component-update", "--disable-sync",
                           f"--user-data-dir={profile}", *args], capture_output=True, text=True, timeout=120)


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (make test installs it when root)")
@pytest.mark.parametrize("page", ["feedback", "report"])
def test_pages_render_in_headless_chromium(page, tmp_path):
    if page == "feedback":
        path = tmp_path / "1001.html"
        path.write_text(feedback_html(ASSIGNMENT, CLASS[0]), encoding="utf-8")
        wanted = [HOSTILE_NAME, LONG[:80]]
    else:
        path = write_class_report(tmp_path, CLASS)
        wanted = ["sigmoid.warning.exp_overflow", "Kim, Minjun", HOSTILE_NAME]
    shot = tmp_path / "shot.png"
    run = chromium("--hide-scrollbars", "--window-size=1200,1600", f"--screenshot={shot}", path.as_uri(),
                   profile=tmp_path / "profile")
    assert shot.exists(), run.stderr[-2000:]
    assert png_size(shot) == (1200, 1600) and shot.stat().st_size > 20_000, "a blank or broken page"
    dom = chromium("--dump-dom", path.as_uri(), profile=tmp_path / "profile").stdout
    text = TextOf(dom).joined
    for expected in wanted:
        assert " ".join(expected.split()) in text, expected
    if page == "report":
        assert dom.count("data:image/png;base64,") == 2
