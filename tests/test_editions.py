"""The Korean edition is the English notebook in Korean: the same program, the same nbgrader cells, the words of
the lecture notes, no English prose left, and a committed release that is fresh.

Made from one source (``source/<id>/<id>.ipynb``) and a translation file per assignment
(``assignments/ko/<id>.toml``); ``autograder.editions`` builds it, ``autograder release --lang ko`` releases it
into ``release/ko/<id>/``.
"""
from __future__ import annotations

import io
import re
import tokenize

import pytest

from notebook_round_trip import ROUND_TRIPS

from autograder import catalogue
from autograder.editions import glossary
from autograder.editions.check import code_prose, english_words, hangul
from autograder.editions.code_identity import differences
from autograder.editions.translation import edition, load, source_notebook, translation_file, write_notebook
from autograder.grading.notebook_code import code_in, opens_like_kit_cell
from autograder.nbgrader.release import generate_into
from autograder.notebook_cells import check_helpers_source

LANG = "ko"
ASSIGNMENTS = [catalogue.load(i) for i in catalogue.all_ids()]
TERMS = glossary.load(catalogue.ROOT / "assignments" / LANG)
# English a Korean text may keep outside code, math and parentheses: the glossary's English-kept terms, names of
# software and of what students click, and a few words that are names in the course.
KEPT_ENGLISH = {w for t in TERMS if t.chosen.isascii() for w in re.split(r"[\s/-]+", t.chosen)} | {
    "NumPy", "PyTorch", "Python", "Jupyter", "JupyterLab", "Notebook", "Colab", "Google", "nbgrader", "Validate",
    "Run", "All", "Kernel", "Restart", "Edit", "File", "Clear", "outputs", "Runtime", "Andrew", "Harry", "Kim",
    "FastCampus", "TensorFlow", "Matplotlib", "Autograd", "Andrej", "Karpathy", "micrograd", "ReLU", "float", "True", "False", "None",
}


@pytest.fixture(scope="module", params=ASSIGNMENTS, ids=lambda a: a.id)
def assignment(request) -> catalogue.Assignment:
    return request.param


@pytest.fixture(scope="module")
def pair(assignment) -> tuple[dict, dict]:
    """(English source notebook, Korean source notebook), as notebook JSON."""
    return source_notebook(assignment), edition(assignment, LANG)


def test_every_assignment_has_a_korean_translation(assignment):
    assert translation_file(assignment, LANG).exists(), f"write {translation_file(assignment, LANG)}"
    assert load(assignment, LANG), "the translation file names no cell"


def test_the_korean_check_helpers_are_the_same_program():
    assert differences(check_helpers_source(), check_helpers_source(LANG)) == []
    assert check_helpers_source(LANG).startswith("#@title 확인 도우미")


def test_the_edition_has_the_same_cells_nbgrader_metadata_and_program(pair):
    english, korean = pair
    assert [c["id"] for c in english["cells"]] == [c["id"] for c in korean["cells"]]
    for en, ko in zip(english["cells"], korean["cells"]):
        assert (en["cell_type"], en["metadata"]) == (ko["cell_type"], ko["metadata"]), en["id"]
        if en["cell_type"] != "code":
            continue
        en_source, ko_source = "".join(en["source"]), "".join(ko["source"])
        assert differences(en_source, ko_source) == [], en["id"]
        assert opens_like_kit_cell(en_source) == opens_like_kit_cell(ko_source), en["id"]
        nbgrader = en["metadata"].get("nbgrader", {})
        if nbgrader.get("grade") and not nbgrader.get("solution"):  # a hidden-test cell: only its first comment
            assert en_source.split("\n", 1)[1] == ko_source.split("\n", 1)[1], en["id"]


def test_every_cell_with_prose_is_in_korean(pair):
    english, korean = pair
    for en, ko in zip(english["cells"], korean["cells"]):
        text = "".join(ko["source"])
        prose = text if ko["cell_type"] == "markdown" else code_prose(text)
        if english_words("".join(en["source"]) if en["cell_type"] == "markdown" else code_prose("".join(en["source"]))):
            assert hangul(prose) > 0, f"cell {en['id']} is still English"


def code_names(notebook: dict) -> set[str]:
    """The names the notebook's code uses (a table may write `total = subtotal × tax` without backticks)."""
    names = set()
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            names |= {tok.string for tok in tokenize.generate_tokens(io.StringIO("".join(cell["source"])).readline)
                      if tok.type == tokenize.NAME}
    return names


def test_no_english_prose_is_left_in_the_korean_markdown(pair):
    """Outside code, math, quotations of the notes and parentheses (a gloss: 교차 엔트로피(cross-entropy)), only
    names: of software, of people, of the notebook's own variables, and the English terms the glossary keeps."""
    _, korean = pair
    allowed = KEPT_ENGLISH | code_names(korean)
    left = {cell["id"]: words for cell in korean["cells"] if cell["cell_type"] == "markdown"
            if (words := sorted({w for w in english_words("".join(cell["source"]), glosses_too=True)} - allowed))}
    assert left == {}, f"English words in the Korean prose, by cell: {left}"


def glossary_violations(notebook: dict) -> dict[str, list[str]]:
    found = {}
    for cell in notebook["cells"]:
        text = "".join(cell["source"])
        if found_here := glossary.violations(text if cell["cell_type"] == "markdown" else code_prose(text), TERMS):
            found[cell["id"]] = found_here
    return found


def test_the_english_edition_s_korean_glosses_use_the_glossary(assignment):
    assert glossary_violations(source_notebook(assignment)) == {}


def test_the_korean_edition_uses_the_glossary(pair):
    assert glossary_violations(pair[1]) == {}


def test_every_korean_message_and_the_check_helpers_use_the_glossary():
    from autograder.messages.templates import templates

    found = {key: v for key, text in templates(LANG, catalogue.ROOT).items()
             if (v := glossary.violations(text, TERMS))}
    assert found == {}
    assert glossary.violations(code_prose(check_helpers_source(LANG)), TERMS) == []


def test_the_korean_release_is_fresh(assignment, tmp_path):
    """``release/ko/<id>/`` is what nbgrader makes of the Korean edition today (``autograder release --lang ko``)."""
    fresh = generate_into(assignment.id, tmp_path / assignment.id, LANG).parent
    committed = assignment.edition_notebook(LANG).parent
    files = sorted(p.relative_to(fresh) for p in fresh.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(committed) for p in committed.rglob("*") if p.is_file()), \
        "run `autograder release --lang ko` and commit release/ko/"
    for name in files:
        assert (committed / name).read_bytes() == (fresh / name).read_bytes(), \
            f"{name} is stale: run `autograder release --lang ko`"


@pytest.mark.parametrize("trip", sorted(ROUND_TRIPS))
def test_grading_runs_the_same_cells_of_a_korean_notebook_back_from_colab(assignment, trip):
    """The Korean kit cells open with the Korean openings grading knows: without tags, they are skipped too."""
    text = assignment.edition_notebook(LANG).read_text(encoding="utf-8")
    handed_out = code_in(text.encode())
    assert code_in(ROUND_TRIPS[trip](text).encode()) == handed_out
    assert not any(opens_like_kit_cell(source) for source in handed_out)


def test_the_korean_source_for_stock_nbgrader_is_fresh(assignment, tmp_path):
    """``source/ko/<id>/`` (what stock ``nbgrader generate_assignment`` reads in a Korean course) is the edition."""
    from autograder.nbgrader.release import edition_source

    kept = edition_source(assignment, LANG)
    write_notebook(edition(assignment, LANG), tmp_path / "fresh.ipynb")
    assert kept.exists() and kept.read_bytes() == (tmp_path / "fresh.ipynb").read_bytes(), \
        "run `autograder release --lang ko` and commit source/ko/"
    for relative in assignment.data_files:
        assert (kept.parent / relative).read_bytes() == (assignment.source_notebook.parent / relative).read_bytes()


def test_the_glossary_names_the_lecture_notes_terms():
    """The issue's list of the notes' terms is all there, each with one chosen form."""
    chosen = {t.chosen for t in TERMS}
    for term in ["지도 학습", "손실 함수", "평균 제곱 오차", "교차 엔트로피", "경사하강법", "역전파", "연쇄법칙", "활성화 함수",
                 "가중치", "텐서", "임계값", "정확도"]:
        assert term in chosen, term
    assert len({t.english for t in TERMS}) == len(TERMS)
    for term in TERMS:
        assert term.chosen not in term.avoid


def test_an_unknown_cell_id_is_refused(tmp_path, monkeypatch):
    """A translation of a cell the notebook no longer has is an error, not silently dropped."""
    course = tmp_path / "course"
    original = catalogue.load("01_sigmoid")
    (course / "assignments" / LANG).mkdir(parents=True)
    (course / "assignments" / "01_sigmoid.toml").write_bytes(original.catalogue_file.read_bytes())
    (course / "source" / "01_sigmoid").mkdir(parents=True)
    (course / "source" / "01_sigmoid" / original.notebook).write_bytes(original.source_notebook.read_bytes())
    (course / "assignments" / LANG / "01_sigmoid.toml").write_text("[cells]\nno-such-cell = '''\n가\n'''\n",
                                                                   encoding="utf-8")
    copy = catalogue.load("01_sigmoid", course)
    with pytest.raises(ValueError, match="no-such-cell"):
        edition(copy, LANG)


def test_a_translated_code_cell_that_changes_the_program_is_refused():
    english = 'def f(z):\n    """The sigmoid."""\n    return checks_for("sigmoid", over="ignore") + 1\n'
    assert differences(english, english.replace("The sigmoid.", "시그모이드입니다.")) == []
    for wrong in (english.replace("+ 1", "+ 2"), english.replace('"sigmoid"', '"시그모이드"'),
                  english.replace('"ignore"', '"무시"'), english.replace("def f(z)", "def f(x)")):
        assert differences(english, wrong) != [], wrong


def test_a_korean_course_points_nbgrader_at_its_own_release_and_gradebook(tmp_path):
    from autograder.nbgrader.release import load_config

    (tmp_path / "nbgrader_config.py").write_bytes((catalogue.ROOT / "nbgrader_config.py").read_bytes())
    assert load_config(tmp_path).CourseDirectory.db_url.endswith("/gradebook.db")
    (tmp_path / "course.toml").write_text('lang = "ko"\n', encoding="utf-8")
    config = load_config(tmp_path).CourseDirectory
    assert config.release_directory == "release/ko" and config.db_url.endswith("/gradebook.ko.db")
    assert config.source_directory == "source/ko"
    assert catalogue.course_language(tmp_path) == "ko"
    (tmp_path / "course.toml").write_text('lang = "fr"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="fr"):
        catalogue.course_language(tmp_path)


def test_the_assignment_and_every_problem_have_a_korean_title(assignment):
    from autograder.messages.templates import templates, title_key

    table = templates(LANG, catalogue.ROOT)
    for problem in [None, *assignment.problems]:
        key = title_key(assignment.id, problem and problem.id)
        english = assignment.title if problem is None else problem.title
        assert key in table, f"no Korean title {key}: add it to [titles] in assignments/ko/{assignment.id}.toml"
        assert hangul(table[key]) > 0 or not english_words(english), f"{key} is still English"
