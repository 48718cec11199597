"""What a translator of messages runs: ``python -m autograder.editions.check_messages ko [KEY_PREFIX]``.

Lists the keys the kit says (``say("key", "English", ...)``) that have no template in the language, the
templates whose placeholders differ from the English, the templates of keys the kit never says, and every
``say`` whose key or template is not a literal string.  Exit status 0 when there is nothing to list.
"""
from __future__ import annotations

import sys

from autograder import catalogue
from autograder.messages import fields
from autograder.messages.templates import is_course_text, said, templates


def main(argv: list[str]) -> int:
    lang, prefix = argv[0], argv[1] if len(argv) > 1 else ""
    found = said()
    translated = {k: v for k, v in templates(lang, catalogue.ROOT).items() if k.startswith(prefix)}
    english = {key: uses for key, uses in found.items() if key.startswith(prefix) or key == "<not literal>"}
    problems = [f"not literal: {where}" for _, where in english.pop("<not literal>", [])]
    for key, uses in sorted(english.items()):
        if len({e for e, _ in uses}) > 1:
            problems.append(f"{key}: two English templates ({', '.join(w for _, w in uses)})")
        if key not in translated:
            problems.append(f"{key}: no {lang} template ({uses[0][1]})")
        elif fields(uses[0][0]) != fields(translated[key]):
            problems.append(f"{key}: placeholders differ: {sorted(fields(uses[0][0]))} != "
                            f"{sorted(fields(translated[key]))}")
    problems += [f"{key}: a {lang} template of a key the kit never says" for key in sorted(translated)
                 if key not in english and not is_course_text(key)]
    for problem in problems:
        print(problem)
    print(f"{len(english)} keys said" + (f" under {prefix!r}" if prefix else "") +
          f", {len(translated)} {lang} templates; " + ("OK" if not problems else f"{len(problems)} problem(s)"))
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
