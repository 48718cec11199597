"""What a translator runs: ``python -m autograder.editions.check ko 01_sigmoid`` (or ``check_helpers``).

Lists, for one translation file, every cell still untranslated, every code cell that is no longer the same
program, every kit cell whose first line grading would not recognise, every spelling the glossary rules out,
and the English words left in the translated prose.  Exit status 0 when nothing but the word list is left.
"""
from __future__ import annotations

import io
import re
import sys
import tokenize
from collections import Counter

from autograder import catalogue
from autograder.editions import glossary
from autograder.editions.code_identity import differences
from autograder.editions.translation import TranslationError, load, source_notebook, translation_file
from autograder.grading.notebook_code import opens_like_kit_cell
from autograder.notebook_cells import check_helpers_source

# What a translation may keep in English: code, math, identifiers, and a gloss in parentheses after a term.
_NOT_PROSE = [r"```.*?```", r"`[^`]*`", r"\$\$.*?\$\$", r"\$[^$]*\$", r"<[^>]+>", r"https?://\S+",
              r"\*[A-Z][^*]*\*"]  # *Everyone's Deep Learning*: a cited title


def english_words(text: str, glosses_too: bool = False) -> list[str]:
    """Words of four or more Latin letters in ``text`` outside code, math, tags, links and cited titles (and,
    with ``glosses_too``, outside parentheses and quotations too: 교차 엔트로피(cross-entropy), 「a title」);
    an all-capital word (MSE, PASS) is an abbreviation or a label, not prose."""
    for pattern in _NOT_PROSE:
        text = re.sub(pattern, " ", text, flags=re.S)
    if glosses_too:
        while (unnested := re.sub(r"\([^()]*\)", " ", text)) != text:  # (log-odds, 로짓(logit)이라고도 합니다)
            text = unnested
        text = glossary.QUOTATIONS.sub(" ", text)
    return [w for w in re.findall(r"\b[A-Za-z]{4,}\b", text) if not w.isupper()]


def code_prose(source: str) -> str:
    """The strings and comments of a code cell: what a translation changes."""
    parts = []
    try:
        for tok in tokenize.generate_tokens(io.StringIO(source).readline):
            if tok.type in (tokenize.STRING, tokenize.COMMENT):
                parts.append(tok.string)
    except (tokenize.TokenError, IndentationError):
        return source
    return "\n".join(parts)


def has_prose(text: str) -> bool:
    return len(re.findall(r"\b[A-Za-z]{3,}\b[ ,.:;]+\b[A-Za-z]{3,}\b", text)) >= 1


def hangul(text: str) -> int:
    return len(re.findall(r"[\uac00-\ud7a3]", text))


def report(lang: str, assignment_id: str) -> list[str]:
    terms = glossary.load(catalogue.course_root() / "assignments" / lang)
    if assignment_id == "check_helpers":
        english, translated = check_helpers_source(), check_helpers_source(lang)
        problems = [f"check_helpers: {p}" for p in differences(english, translated)]
        problems += [f"check_helpers: avoid {v}" for v in glossary.violations(translated, terms)]
        return problems
    assignment = catalogue.load(assignment_id)
    try:
        cells = load(assignment, lang)
    except FileNotFoundError:
        return [f"{translation_file(assignment, lang)} does not exist yet"]
    problems = []
    notebook = source_notebook(assignment)
    known = {c["id"] for c in notebook["cells"]}
    problems += [f"{cell_id}: no cell of the source notebook has this id" for cell_id in sorted(set(cells) - known)]
    for cell in notebook["cells"]:
        cid, english = cell["id"], "".join(cell["source"])
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if grade_id == "check_helpers":
            continue
        prose = english if cell["cell_type"] == "markdown" else code_prose(english)
        if cid not in cells:
            if has_prose(prose):
                problems.append(f"{cid}: not translated yet")
            continue
        translated = cells[cid]
        if cell["cell_type"] == "code":
            problems += [f"{cid}: {p}" for p in differences(english, translated)]
            if opens_like_kit_cell(english) and not opens_like_kit_cell(translated):
                problems.append(f"{cid}: a kit cell must open with one of the openings in "
                                "autograder/grading/notebook_code.py (KIT_CELL_OPENINGS)")
        text = translated if cell["cell_type"] == "markdown" else code_prose(translated)
        problems += [f"{cid}: avoid {v}" for v in glossary.violations(text, terms)]
        if hangul(text) == 0 and has_prose(prose):
            problems.append(f"{cid}: no Korean in the translation")
    return problems


def main(argv: list[str]) -> int:
    lang, assignment_id = argv
    problems = report(lang, assignment_id)
    for problem in problems:
        print(problem)
    if assignment_id != "check_helpers":
        try:
            cells = load(catalogue.load(assignment_id), lang)
        except (FileNotFoundError, TranslationError):
            cells = {}
        words = Counter(w for text in cells.values() for w in english_words(text))
        print(f"English words left in the translated prose and code (check each is code, a name or a gloss): "
              f"{sum(words.values())}: {', '.join(f'{w} {n}' for w, n in words.most_common(40))}")
    print("OK" if not problems else f"{len(problems)} problem(s)")
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
