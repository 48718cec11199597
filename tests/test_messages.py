"""Messages render in the course's language: a ``Text`` is its English everywhere a string is read, keeps its
key and parameters through a result file, and every key the kit says has a Korean template with the same
placeholders."""
from __future__ import annotations

import pickle

import numpy as np
import pytest

from autograder import catalogue, messages
from autograder.messages import Formatted, Text, render, say
from autograder.messages.templates import is_course_text, said, templates
from autograder.results.records import ProblemResult, TestResult

KO = {"t.shape": "{call}의 결과 모양이 {shape}입니다 (기대: {want!r})", "t.outer": "✘ {inner} — {n:.2f}"}


def test_a_text_is_exactly_the_english_an_f_string_gives():
    shape, call = (2, 3), "f(x)"
    text = say("t.shape", "{call} returned shape {shape} (want {want!r})", call=call, shape=shape, want="(3,)")
    assert text == f"{call} returned shape {shape} (want {'(3,)'!r})" and isinstance(text, str)
    assert render(text, "en", KO) == str(text)
    assert render(text, "ko", KO) == "f(x)의 결과 모양이 (2, 3)입니다 (기대: '(3,)')"
    assert isinstance(text.params["shape"], Formatted)  # a tuple is kept as the English wrote it


def test_nested_and_joined_texts_render_in_the_language_and_unknown_keys_stay_english():
    inner = say("t.shape", "{call} returned shape {shape} (want {want!r})", call="g()", shape=np.array([1, 2]),
                want="x")
    outer = say("t.outer", "✘ {inner} — {n:.2f}", inner=inner, n=np.float64(0.5))
    joined = outer + "\nmore" + say("t.unknown", "no template for {x}", x=1)
    assert str(joined) == "✘ g() returned shape [1 2] (want 'x') — 0.50\nmore" + "no template for 1"
    assert render(joined, "ko", KO) == "✘ g()의 결과 모양이 [1 2]입니다 (기대: 'x') — 0.50\nmoreno template for 1"
    assert messages.join("\n", ["a", inner, "b"]) == "a\n" + str(inner) + "\nb"
    assert isinstance(messages.join("\n", ["a", inner]), Text)


def test_a_text_survives_a_result_file_and_a_pickle():
    text = say("t.outer", "✘ {inner} — {n:.2f}", inner=say("t.shape", "{call} returned shape {shape} (want {want!r})",
                                                          call="h", shape=(1,), want=None), n=2)
    test = TestResult("t", False, 0.0, 1.0, text, "", "wrong_shape")
    problem = ProblemResult.from_json("p", ProblemResult("p", 1.0, [test]).to_json())
    back = problem.tests[0].message
    assert isinstance(back, Text) and back == text and render(back, "ko", KO) == render(text, "ko", KO)
    assert render(pickle.loads(pickle.dumps(text)), "ko", KO) == render(text, "ko", KO)
    plain = ProblemResult.from_json("p", ProblemResult("p", 1.0, [TestResult("t", False, 0, 1, "plain", "")]).to_json())
    assert plain.tests[0].message == "plain" and "text" not in plain.to_json()["tests"][0]


def test_every_key_has_one_english_template():
    found = said()
    assert "<not literal>" not in found, f"say() needs a literal key and template: {found.get('<not literal>')}"
    clashes = {key: uses for key, uses in found.items() if len({english for english, _ in uses}) > 1}
    assert clashes == {}, "one key, two English templates"


@pytest.mark.parametrize("lang", [lang for lang in catalogue.LANGUAGES if lang != "en"])
def test_every_key_has_a_template_in_each_language_with_the_same_placeholders(lang):
    english = {key: uses[0][0] for key, uses in said().items()}
    translated = templates(lang, catalogue.ROOT)
    missing = sorted(set(english) - set(translated))
    assert missing == [], f"no {lang} template for {len(missing)} keys: {missing[:20]}"
    differing = {key: (english[key], translated[key]) for key in english
                 if messages.fields(english[key]) != messages.fields(translated[key])}
    assert differing == {}, "placeholders differ"
    unknown = sorted(key for key in set(translated) - set(english) if not is_course_text(key))
    assert unknown == [], f"{lang} templates of keys the kit never says: {unknown[:20]}"


def test_a_result_s_own_messages_keep_their_keys_in_its_file():
    from autograder.results.records import Result

    note = say("t.outer", "✘ {inner} — {n:.2f}", inner="late", n=1)
    result = Result("s", "a", 0.0, 0.0, 1.0, "graded", note, {}, late=True, late_note=note)
    back = Result.from_json(result.to_json())
    assert isinstance(back.message, Text) and isinstance(back.late_note, Text) and back.roster_note == ""
    assert render(back.late_note, "ko", KO) == "✘ late — 1.00"


def test_the_first_line_of_a_joined_text_keeps_its_keys():
    head = say("t.shape", "{call} returned shape {shape} (want {want!r})", call="f()", shape=(2,), want="x")
    joined = head + "\nthe rest\nand more"
    first = messages.first_line(joined)
    assert first == str(head) and isinstance(first, Text) and render(first, "ko", KO) == render(head, "ko", KO)
    assert messages.first_line("a\nb") == "a" and messages.first_line(head) is head
