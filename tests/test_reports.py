"""Feedback pages and the class report: what they say, that names and messages are escaped (Hangul, quotes,
commas and markup survive as text), that students are named as they write their name while grades.csv keeps the
roster's, that a message shared by several failed tests is said once, the counts behind the report, and, in
headless Chromium, that each page renders with its text in the DOM and its pictures inside the file."""
from __future__ import annotations

import csv
import html.parser
import io
import re
import shutil
import unicodedata
import struct
import subprocess
from pathlib import Path

import pytest

from rich.console import Console

from autograder import catalogue, cli
from autograder.classrun.identity import missing_result
from autograder.grading import prepared
from autograder.grading.prepared import Grading
from autograder.messages import Text, say
from autograder.messages.templates import description_key, templates
from autograder.reports import language as report_language
from autograder.reports.class_report import (class_report_html, histogram, problem_stats, top_mistakes,
                                             write_class_report)
from autograder.reports.feedback import feedback_html, feedback_markdown, problem_text, short_feedback
from autograder.reports.grades_csv import grades_csv
from autograder.reports.language import Language
from autograder.reports.names import display_name, shown_name
from autograder.reports.terminal import run_summary, summary_table
from autograder.results import Result, ResultStore

ASSIGNMENT = catalogue.load("01_sigmoid")
GRADING = Grading.prepare(ASSIGNMENT)
TESTS = prepared.collect(ASSIGNMENT.grader_module())
LONG = ("sigmoid(array of shape (3, 4)) returned a wrong value at index (0, 1): got nan, expected 0.0 "
        "(3 of 12 values are not finite). " * 6).strip()
HOSTILE_NAME = "김민준 <script>alert(\"x\")</script>, O'Brien"


def result(student_id: str, name: str = "", failures: dict[str, tuple[str, str]] = {}, **extra) -> Result:
    """A result as its file holds it: every test passes except ``failures`` (test name -> (message, code))."""
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
    return Result.from_json({"student_id": student_id, "assignment": ASSIGNMENT.id, "score": score, "raw_score": score,
            "max_score": ASSIGNMENT.max_score, "status": "graded", "message": "", "problems": problems,
            "notebook_errors": [], "output": "", "name": name, "section": "", "roster": "matched",
            "submitted_file": "01_sigmoid.ipynb", "other_files": [], "late": False, "late_penalty": 0.0,
            "grading_seconds": 0.1, **extra})


FIRST_SIGMOID_TEST = next(t.name for t in TESTS if t.problem == "sigmoid")
FIRST_PREDICT_TEST = next(t.name for t in TESTS if t.problem == "predict")
CLASS = [
    result("1001", HOSTILE_NAME, {FIRST_SIGMOID_TEST: (LONG, "warning.exp_overflow")}, late=True, days_late=1,
           late_penalty=1.3, score=11.2, late_note="1 d after the due date: −1.3 points (10% of 13)"),
    result("1002", "Smith, Jane", {FIRST_SIGMOID_TEST: ("overflow again", "warning.exp_overflow"),
                                   FIRST_PREDICT_TEST: ("a probability of exactly 0.5 gives 1", "greater_equal")}),
    result("1003", "이영희"),
    result("1004", "Park, Seoyeon", status="invalid_notebook", message="the file is empty", score=0.0),
    result("1005", "Kim, Minjun", status="missing", score=0.0, roster="missing"),
    result("1099", "parkseoyeon", roster="unmatched", roster_note="no rostered student has the Canvas ID 1099"),
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
    graded = sum(r.status == "graded" for r in CLASS)
    assert mistakes[0].share == pytest.approx(2 / graded)
    assert HOSTILE_NAME not in mistakes[0].example and "1001" not in mistakes[0].example
    sigmoid = next(s for s in problem_stats(ASSIGNMENT, CLASS) if s.id == "sigmoid")
    assert sigmoid.pass_rate == pytest.approx((graded - 2) / graded)


def test_the_report_is_one_file_with_every_list_an_instructor_acts_on(tmp_path):
    path = write_class_report(tmp_path, CLASS)
    page = TextOf(path.read_text(encoding="utf-8"))
    assert page.scripts == 0 and page.external == [], "self-contained: no script, nothing fetched"
    graded = sum(r.status == "graded" for r in CLASS)
    for expected in ("sigmoid.warning.exp_overflow", f"2 ({2 / graded:.0%})", "the file is empty", "Kim, Minjun",
                     "no rostered student has the Canvas ID 1099", HOSTILE_NAME, "1 d"):
        assert expected in page.joined, expected


# ------------------------------------------------------------ names as their owners write them

NFD = lambda text: unicodedata.normalize("NFD", text)  # noqa: E731  (a Mac's file names)


@pytest.mark.parametrize("name, sortable, shown", [
    ("한, 예준", True, "한예준"),                                   # Canvas's sortable form of a Korean name
    (NFD("한, 예준"), True, "한예준"),                              # NFD jamo are Hangul too; shown as NFC
    ("남궁, 민수", True, "남궁민수"),                               # a two-syllable family name
    ("한, 예준 ", True, "한예준"),
    ("Kim, Minjun", True, "Minjun Kim"),                           # Hangul order only for Hangul names
    ("김, Minjun", True, "Minjun 김"),                               # ... both parts Hangul, not one
    ("Smith, Jr., John", True, "John Smith, Jr."),                 # split at the LAST ", "
    ("Smith, Jane", True, "Jane Smith"),
    ("O'Brien, Seán \"Shaun\"", True, "Seán \"Shaun\" O'Brien"),
    (NFD("Núñez, José"), True, "José Núñez"),
    ("smithjane", True, "smithjane"),                              # a Canvas file name's form: nothing to turn
    ("Cher", True, "Cher"),
    ("예준 한", False, "예준 한"),                                   # Moodle, Blackboard, Brightspace: First Last
    ("John Smith, Jr.", False, "John Smith, Jr."),                 # a non-Canvas name is never split
])
def test_display_names(name, sortable, shown):
    assert display_name(name, sortable) == shown
    assert display_name(name, sortable) == unicodedata.normalize("NFC", shown)


def test_a_name_is_turned_around_only_when_a_canvas_roster_gave_it():
    assert shown_name(result("1", "한, 예준", ids={"canvas_id": "1"})) == "한예준"
    assert shown_name(result("h@x", "한, 예준", ids={"email": "h@x"})) == "한, 예준"
    assert shown_name(result("h@x", "")) == "h@x"


KOREAN = result("2001", "한, 예준", ids={"canvas_id": "2001"})
BRACKETS = result("2002", "Lee, [bold]Ann[/bold]", ids={"canvas_id": "2002"})


def test_feedback_report_and_summary_show_the_display_name_and_grades_csv_the_roster_s(tmp_path):
    markdown = feedback_markdown(ASSIGNMENT, KOREAN)
    assert "**한예준**" in markdown and "한, 예준" not in markdown
    page = Tree(feedback_html(ASSIGNMENT, KOREAN))
    assert text(page.by_id("student")) == "한예준" and "한, 예준" not in text(page.root)
    report = Tree(write_class_report(tmp_path, [KOREAN, missing_result(
        GRADING, "2003", NFD("남궁, 민수"), "", {"canvas_id": "2003"})]).read_text(encoding="utf-8"))
    assert "남궁민수" in text(report.by_id("missing")) and "남궁" + " " not in text(report.by_id("missing"))
    console = Console(record=True, width=250, file=io.StringIO())
    console.print(summary_table(ASSIGNMENT, [KOREAN, BRACKETS]))
    shown = console.export_text()
    assert "한예준" in shown and "한, 예준" not in shown
    assert "[bold]Ann[/bold] Lee" in shown, "a name is text, not rich markup"
    unmatched = result("2004", "Núñez, José", roster="unmatched", roster_note="no one", ids={})
    assert any("Núñez, José (2004" in line for line in run_summary([unmatched], 0, 1.0, 1)), "no roster: as given"
    rows = list(csv.DictReader(io.StringIO(grades_csv(ASSIGNMENT, [KOREAN, BRACKETS]))))
    assert [r["name"] for r in rows] == ["한, 예준", "Lee, [bold]Ann[/bold]"], "grades.csv keeps the roster's name"


# ------------------------------------------------------------ say it once

class Tree(html.parser.HTMLParser):
    """A page as a tree of elements (tag, attributes, children, text), built by the standard library's parser."""
    VOID = {"meta", "img", "br", "hr", "link", "input"}

    def __init__(self, page: str):
        super().__init__()
        self.root = {"tag": "", "attrs": {}, "children": [], "text": []}
        self.stack = [self.root]
        self.feed(page)
        self.close()

    def handle_starttag(self, tag, attrs):
        node = {"tag": tag, "attrs": dict(attrs), "children": [], "text": []}
        self.stack[-1]["children"].append(node)
        self.stack[-1]["text"].append(node)
        if tag not in self.VOID:
            self.stack.append(node)

    def handle_endtag(self, tag):
        while len(self.stack) > 1 and self.stack.pop()["tag"] != tag:
            pass

    def handle_data(self, data):
        self.stack[-1]["text"].append(data)

    def by_id(self, wanted: str) -> dict:
        return next(n for n in elements(self.root) if n["attrs"].get("id") == wanted)


def elements(node: dict, tag: str = "", cls: str = "") -> list[dict]:
    """Every element under ``node`` (depth first) with that tag and class, if given."""
    found = []
    for child in node["children"]:
        if (not tag or child["tag"] == tag) and (not cls or cls in (child["attrs"].get("class") or "").split()):
            found.append(child)
        found.extend(elements(child, tag, cls))
    return found


def text(node: dict) -> str:
    return " ".join("".join(t if isinstance(t, str) else " " + text(t) + " " for t in node["text"]).split())


SIGMOID_TESTS = [t for t in TESTS if t.problem == "sigmoid"]
CRASH = "sigmoid raised TypeError: unsupported operand type(s) for -: 'list' and 'int' <b>x</b>\n  at line 3"
FOUR_CRASHES = result("3001", "Smith, Jane", {**{t.name: (CRASH, "crashed") for t in SIGMOID_TESTS[:4]},
                                              SIGMOID_TESTS[5].name: ("your sigmoid changed z in place", "in_place")})


def test_a_message_shared_by_four_failed_tests_is_said_once_under_them_in_markdown_and_text():
    markdown = feedback_markdown(ASSIGNMENT, FOUR_CRASHES)
    section = markdown.split("`sigmoid`:")[1].split("###")[0]
    assert section.count("TypeError") == 1 and section.count("changed z in place") == 1
    lines = section.splitlines()
    failed = [i for i, ln in enumerate(lines) if ln.startswith("- ✘")]
    message = next(i for i, ln in enumerate(lines) if "TypeError" in ln)
    assert failed[:4] == list(range(failed[0], failed[0] + 4)) and message == failed[3] + 2, "under the four"
    assert lines[failed[3] + 1].strip() == "These 4 tests failed the same way:" and "at line 3" in lines[message + 1]
    plain = problem_text("sigmoid", FOUR_CRASHES.problems["sigmoid"])
    assert plain.count("TypeError") == 1 and plain.count("[FAIL]") == 5


def test_a_message_shared_by_four_failed_tests_is_said_once_under_them_in_html():
    page = Tree(feedback_html(ASSIGNMENT, FOUR_CRASHES))
    assert not elements(page.root, "script") and not elements(page.root, "b"), "the message is escaped"
    section = page.by_id("problem-sigmoid")
    pres = elements(section, "pre")
    assert [p["text"][0].count("TypeError") for p in pres] == [1, 0] and len(pres) == 2
    group = elements(section, "li", "same")
    assert len(group) == 1 and len(elements(group[0], "li", "fail")) == 4
    assert elements(group[0], "pre") == [pres[0]] and "<b>x</b>" in text(pres[0]) and "at line 3" in text(pres[0])
    assert "These 4 tests failed the same way:" in text(group[0])
    alone = [li for li in elements(section, "li", "fail") if li not in elements(group[0], "li")]
    assert len(alone) == 1 and elements(alone[0], "pre") == [pres[1]]
    assert len(elements(section, "li", "pass")) == 1


def test_a_missing_student_is_told_once_that_nothing_was_handed_in():
    missing = missing_result(GRADING, "2003", "Kim, Minjun", "", {"canvas_id": "2003"})
    markdown = feedback_markdown(ASSIGNMENT, missing)
    assert markdown.lower().count("nothing was handed in") == 1 and "✘" not in markdown
    assert "**Minjun Kim**" in markdown
    page = Tree(feedback_html(ASSIGNMENT, missing))
    assert text(page.root).lower().count("nothing was handed in") == 1
    assert not elements(page.root, "li") and not elements(page.root, "pre") and not elements(page.root, "section")
    assert "Nothing was handed in" in text(page.by_id("nothing"))


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
@pytest.mark.parametrize("page", ["feedback", "report", "feedback-ko", "report-ko"])
def test_pages_render_in_headless_chromium(page, tmp_path):
    if page == "feedback":
        path = tmp_path / "1001.html"
        path.write_text(feedback_html(ASSIGNMENT, CLASS[0]), encoding="utf-8")
        wanted = [HOSTILE_NAME, LONG[:80]]
    elif page == "feedback-ko":
        path = tmp_path / "4001.html"
        path.write_text(feedback_html(ASSIGNMENT, korean_student(), KO), encoding="utf-8")
        wanted = ["한예준", "위 3개 테스트가 같은 이유로 실패했습니다:", "sigmoid(0)의 결과가 틀렸습니다: 결과 1.5, 기대값 0.5.",
                  "마감 1일 뒤 제출: −1.3점(13점의 10%). 감점 전 점수는 11점입니다."]
    else:
        path = tmp_path / "report.html"
        path.write_text(class_report_html(*((KO_CLASS, KO) if page == "report-ko" else (CLASS,))), encoding="utf-8")
        wanted = (["sigmoid.wrong", "가장 많이 나온 실수", "명단에 학번 4099인 학생이 없습니다", "Kim, Minjun"]
                  if page == "report-ko" else ["sigmoid.warning.exp_overflow", "Kim, Minjun", HOSTILE_NAME])
    shot = tmp_path / "shot.png"
    run = chromium("--hide-scrollbars", "--window-size=1200,1600", f"--screenshot={shot}", path.as_uri(),
                   profile=tmp_path / "profile")
    assert shot.exists(), run.stderr[-2000:]
    assert png_size(shot) == (1200, 1600) and shot.stat().st_size > 20_000, "a blank or broken page"
    dom = chromium("--dump-dom", path.as_uri(), profile=tmp_path / "profile").stdout
    text = TextOf(dom).joined
    for expected in wanted:
        assert " ".join(expected.split()) in text, expected
    if page.startswith("report"):  # the charts are the page's own: 27 bars of half a point, two meters per problem
        assert dom.count('class="bin"') == 27 and dom.count('class="meter"') == 2 * len(ASSIGNMENT.problems)
    if page.endswith("-ko"):
        assert '<html lang="ko">' in dom
        assert_hangul_renders(path.read_text(encoding="utf-8"), tmp_path)


def assert_hangul_renders(page: str, folder: Path) -> None:
    """Hangul is drawn with the page's own style, not as boxes: two different words of as many syllables, large,
    look different (a missing glyph is the same empty box for every letter: proven with fontconfig given DejaVu
    alone, whose two pictures are byte for byte the same)."""
    head = page.split("<body>")[0]
    shots = []
    for i, line in enumerate(["가나다라마바", "사아자차카타"]):
        probe = folder / f"hangul-{i}.html"
        probe.write_text(f'{head}<body><p style="font-size: 64px">{line}</p></body></html>', encoding="utf-8")
        shots.append(folder / f"hangul-{i}.png")
        chromium("--hide-scrollbars", "--window-size=800,200", f"--screenshot={shots[-1]}", probe.as_uri(),
                 profile=folder / "profile")
    assert shots[0].read_bytes() != shots[1].read_bytes(), "Hangul shows as empty boxes: no font has it"


# ------------------------------------------------------------ in the course's language

# Korean templates of the results' messages and of every test's description, beside the kit's own (reports.*)
KO_RESULTS = {"test.reports.wrong": "{call}의 결과가 틀렸습니다: 결과 {got}, 기대값 {want}.\n강의의 공식을 다시 확인하세요.",
              "test.reports.crashed": "{call}에서 예외가 발생했습니다. 함수를 노트북에서 직접 실행해 보세요.",
              "test.reports.late": "마감 {days}일 뒤 제출: −{points}점(13점의 10%)",
              "test.reports.empty": "파일이 비어 있습니다",
              "test.reports.unmatched": "명단에 학번 {id}인 학생이 없습니다",
              "test.reports.time": "{seconds}초 안에 끝나지 않았습니다",
              **{description_key(ASSIGNMENT.id, t.name): f"{t.name} 테스트입니다" for t in TESTS}}
KO = Language("ko", {**templates("ko", catalogue.ROOT), **KO_RESULTS})


def wrong(call: str) -> Text:
    return say("test.reports.wrong", "{call} returned a wrong value: got {got}, expected {want}.\n"
               "Check the lecture's formula.", call=call, got=1.5, want=0.5)


def crashed(line: int) -> Text:  # English says the line; Korean does not: one message in Korean, three in English
    return say("test.reports.crashed", "{call} raised TypeError at line {line}", call="sigmoid(z)", line=line)


def korean_student() -> Result:
    r = result("4001", "한, 예준", {SIGMOID_TESTS[0].name: (wrong("sigmoid(0)"), "wrong"),
                                   **{t.name: (crashed(3 + i), "crashed") for i, t in enumerate(SIGMOID_TESTS[1:4])}},
               ids={"canvas_id": "4001"}, late=True, days_late=1, late_penalty=1.3, other_files=["01_sigmoid-old.ipynb"],
               late_note=say("test.reports.late", "{days} d after the due date: −{points} points (10% of 13)", days=1,
                             points=1.3),
               notebook_errors=[{"type": "TimeLimitExceeded", "cell": 7,
                                 "message": say("test.reports.time", "did not finish within {seconds} s", seconds=10)}])
    r.problems["sigmoid_derivative"].stand_ins = ["sigmoid"]
    r.score = r.raw_score - r.late_penalty
    return r


KO_CLASS = [korean_student(), result("4002", "이영희"),
            result("4003", "Park, Seoyeon", status="invalid_notebook", score=0.0,
                   message=say("test.reports.empty", "the file is empty")),
            result("4004", "Kim, Minjun", status="missing", score=0.0, roster="missing"),
            result("4099", "parkseoyeon", roster="unmatched",
                   roster_note=say("test.reports.unmatched", "no rostered student has the Canvas ID {id}", id=4099))]
# What a Korean page may keep in Latin letters besides code: the catalogue's titles (it has them in English only),
# the problems' ids, the students' names and the results' status codes.
# Titles hold formulas (σ(Xw + b)): in Korean pages they are the Korean titles, from assignments/ko/.
KOREAN_TITLES = [text for key, text in templates("ko", catalogue.ROOT).items() if key.startswith(f"{ASSIGNMENT.id}.title")]
NAMES = [*KOREAN_TITLES, *(p.id for p in ASSIGNMENT.problems),
         "Park, Seoyeon", "Kim, Minjun", "parkseoyeon",
         "invalid_notebook", "graded", "missing"]
TOKEN = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.]*")


def english_words(text: str, allowed: list[str] = NAMES) -> set[str]:
    """The English words left in a Korean text: words of two or more Latin letters, except code (between
    backticks), identifiers and numbers (with ``_``, ``.`` or a digit, or called: ``f(``), and the ``allowed``
    names, titles and codes."""
    text = re.sub(r"`[^`]*`", " ", text)
    for phrase in sorted((a for a in allowed if not TOKEN.fullmatch(a)), key=len, reverse=True):
        text = text.replace(phrase, " ")
    words = set()
    for m in TOKEN.finditer(text):
        word = m.group().rstrip(".")
        if (len(word) > 1 and word.isalpha() and word not in allowed and text[m.end():m.end() + 1] != "("):
            words.add(word)
    return words


class Prose(html.parser.HTMLParser):
    """A page's visible words without its code: ``<code>`` elements, the style and any script left out."""
    CODE = {"code", "style", "script"}

    def __init__(self, page: str):
        super().__init__()
        self.words, self.inside = [], []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        if tag in self.CODE:
            self.inside.append(tag)

    def handle_endtag(self, tag):
        if self.inside and self.inside[-1] == tag:
            self.inside.pop()

    def handle_data(self, data):
        if not self.inside:
            self.words.append(data)

    @property
    def joined(self) -> str:
        return " ".join(" ".join(self.words).split())


def has_hangul(text: str) -> bool:
    return re.search("[\uac00-\ud7a3]", text) is not None


def test_the_english_words_helper_finds_english_and_leaves_code_names_and_numbers():
    assert english_words("`sigmoid`의 결과가 틀렸습니다: sigmoid(0) = 1.5, 기대값 0.5 (z_max, np.exp)") == set()
    assert english_words("위 3개 테스트가 failed 되었습니다 (Jane Smith)", ["Jane Smith"]) == {"failed"}
    assert english_words(Prose("<p>채점한 파일: <code>a plain file</code> Graded</p>").joined) == {"Graded"}


def test_a_korean_feedback_page_says_everything_in_korean():
    student = korean_student()
    markdown = feedback_markdown(ASSIGNMENT, student, KO)
    assert english_words(markdown) == set(), markdown
    assert "**한예준**: 9.7 / 13점" in markdown and "**지각 제출**: 마감 1일 뒤 제출" in markdown
    assert "감점 전 점수는 11점입니다" in markdown and "`TimeLimitExceeded`" in markdown
    assert "10초 안에 끝나지 않았습니다" in markdown and "채점하지 않은 파일: `01_sigmoid-old.ipynb`" in markdown
    assert f"{SIGMOID_TESTS[0].name} 테스트입니다" in markdown, "descriptions from the language's templates"
    assert "*이 문제는 여러분의 `sigmoid` 대신" in markdown, "the stand-in note"
    # grouped by the message the student reads: three English messages (lines 3, 4, 5), one Korean one
    section = markdown.split("`sigmoid`:")[1].split("###")[0]
    assert section.count("예외가 발생했습니다") == 1 and "위 3개 테스트가 같은 이유로 실패했습니다:" in section
    english = feedback_markdown(ASSIGNMENT, student)
    assert english.count("raised TypeError at line") == 3 and "These 3 tests" not in english
    assert "1 d after the due date" in english and "lang" not in english

    page = feedback_html(ASSIGNMENT, student, KO)
    assert '<html lang="ko">' in page and '<html lang="en">' in feedback_html(ASSIGNMENT, student)
    words = Prose(page).joined
    assert english_words(words) == set(), words
    assert has_hangul(words) and "위 3개 테스트가 같은 이유로 실패했습니다:" in words
    tree = Tree(page)
    assert text(tree.by_id("student")) == "한예준" and text(tree.by_id("total")) == "9.7 / 13"
    assert len(elements(tree.by_id("problem-sigmoid"), "pre")) == 2
    plain = problem_text("sigmoid", student.problems["sigmoid"], KO, ASSIGNMENT.id)
    assert english_words(plain) == set() and plain.count("[실패]") == 4
    assert english_words(short_feedback(student, KO)) == set()
    missing = feedback_markdown(ASSIGNMENT, KO_CLASS[3], KO)
    assert english_words(missing) == set() and missing.count("제출물이 없습니다") == 1


def test_a_page_s_words_stay_escaped_in_korean():
    hostile = result("4005", HOSTILE_NAME, {FIRST_SIGMOID_TEST: (wrong("f('<b>x</b>')"), "wrong")},
                     late=True, days_late=1, late_penalty=1.0, late_note="<script>late</script>",
                     other_files=["<i>a</i>.ipynb"])
    page = feedback_html(ASSIGNMENT, hostile, KO)
    tree = Tree(page)
    assert not elements(tree.root, "script") and not elements(tree.root, "b") and not elements(tree.root, "i")
    assert "<script>late</script>" in text(tree.root) and "<i>a</i>.ipynb" in text(tree.root)
    assert all("<" not in template and "&" not in template for key, template in KO.table.items()
               if key.startswith("reports.")), "the kit's words are inserted as markup"


def test_a_korean_class_report_says_everything_in_korean(tmp_path):
    page = class_report_html(KO_CLASS, KO)
    assert '<html lang="ko">' in page and TextOf(page).scripts == 0
    words = Prose(page).joined
    assert english_words(words) == set(), words
    for expected in ("전체 채점 보고서", "가장 많이 나온 실수", "파일이 비어 있습니다", "명단에 학번 4099인 학생이 없습니다",
                     "마감 1일 뒤 제출", "1일", "결과가 틀렸습니다", "한예준", "Kim, Minjun"):
        assert expected in words, expected
    mistakes = top_mistakes(KO_CLASS, lang=KO)
    assert {m.code: m.example.splitlines()[0] for m in mistakes}["sigmoid.wrong"] == \
        "sigmoid(0)의 결과가 틀렸습니다: 결과 1.5, 기대값 0.5."
    console = Console(record=True, width=250, file=io.StringIO())
    console.print(summary_table(ASSIGNMENT, KO_CLASS, KO))
    table = console.export_text()
    assert "처음 발견된 문제" in table and "합계" in table and "결과가 틀렸습니다" in table
    summary = run_summary(KO_CLASS, 1, 2.5, 4, KO)
    assert english_words("\n".join(summary)) == set(), summary
    assert summary[1].startswith("채점 완료 3; 채점 불가 1 (invalid_notebook 1); 미제출 1")


def test_the_histogram_counts_every_handed_in_score_once_in_its_own_bar():
    scores = [0.0, 0.2, 0.5, 6.49, 6.5, 12.99, 13.0, 13.0]  # bar edges, both sides of them, and full marks
    results = [result(str(2000 + i), score=x) for i, x in enumerate(scores)]
    results += [result("2100", status="missing", score=0.0, roster="missing")]  # handed nothing in: not a bar
    bars = histogram(ASSIGNMENT, results)
    assert len(bars) == 27 and [b.low for b in bars[:3]] == [0.0, 0.5, 1.0] and bars[-1].low == 13.0
    counted = {b.low: b.count for b in bars if b.count}
    assert counted == {0.0: 2, 0.5: 1, 6.0: 1, 6.5: 1, 12.5: 1, 13.0: 2}
    assert sum(b.count for b in bars) == len(scores)
    assert max(b.height for b in bars) == 100.0 and bars[1].height == 50.0
    assert bars[12].label == "at least 6 and under 6.5 points, submissions: 1"
    assert bars[-1].label == "13 points, submissions: 2" and bars[-1].tick == "13" and bars[1].tick == ""


def test_the_report_s_charts_are_in_its_language_and_draw_the_table_s_numbers():
    page = class_report_html(KO_CLASS, KO)
    assert "6.5점 이상 7점 미만: 제출물 0개" in page and "막대 높이: 제출물 수" in page
    assert "data:image" not in page and "<img" not in page  # nothing drawn outside the page, no font to ship
    stats = problem_stats(ASSIGNMENT, KO_CLASS)
    widths = [float(w) for w in re.findall(r'class="mean" style="width: ([0-9.]+)%"', page)]
    assert widths == [round(100 * s.mean / s.points, 1) for s in stats]


def test_report_lang_ko_writes_a_graded_folder_again_in_korean_without_grading(tmp_path, monkeypatch):
    out = tmp_path / "graded"
    store = ResultStore(out)
    for r in KO_CLASS:
        store.write(r)
    files = {p.name: p.read_bytes() for p in (out / "results").iterdir()}
    real = report_language.templates
    monkeypatch.setattr(report_language, "templates",
                        lambda lang, course: {**real(lang, course), **KO_RESULTS} if lang == "ko" else real(lang, course))
    assert cli.main(["report", str(out), "--lang", "ko"]) == 0
    assert {p.name: p.read_bytes() for p in (out / "results").iterdir()} == files, "nothing graded again"
    assert sorted(p.name for p in out.iterdir()) == ["feedback", "report.html", "results"]
    markdown = (out / "feedback" / "4001.md").read_text(encoding="utf-8")
    # read back from the file: the tests' messages keep their keys (the results' other notes are plain English there)
    assert "위 3개 테스트가 같은 이유로 실패했습니다:" in markdown and "결과가 틀렸습니다" in markdown
    assert english_words(markdown.split("### ")[-1]) == set()
    assert '<html lang="ko">' in (out / "feedback" / "4001.html").read_text(encoding="utf-8")
    report = (out / "report.html").read_text(encoding="utf-8")
    assert '<html lang="ko">' in report and "전체 채점 보고서" in report
    assert cli.main(["report", str(out)]) == 0, "the course's language: English (course.toml)"
    assert '<html lang="en">' in (out / "report.html").read_text(encoding="utf-8")
    assert "These 3 tests" not in (out / "feedback" / "4001.md").read_text(encoding="utf-8")
    assert cli._parser().parse_args(["grade", "x", "-a", ASSIGNMENT.id, "-o", "y", "--lang", "ko"]).lang == "ko"
    assert cli._parser().parse_args(["demo", "--lang", "ko"]).lang == "ko"
    with pytest.raises(SystemExit):
        cli._parser().parse_args(["report", str(out), "--lang", "fr"])
