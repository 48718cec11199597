"""The README stands alone: every file it links or names by path is in the repository, nothing outside it."""
from __future__ import annotations

import re

from autograder import catalogue

README = (catalogue.ROOT / "README.md").read_text(encoding="utf-8")


def test_every_link_stays_inside_the_repository():
    links = re.findall(r"\]\(([^)#\s]+)", README)
    assert links, "the README links its benchmark results at least"
    for link in links:
        assert not re.match(r"[a-z]+://", link), f"the README links outside the repository: {link}"
        target = (catalogue.ROOT / link).resolve()
        assert target.is_relative_to(catalogue.ROOT) and target.exists(), f"broken or outside link: {link}"


def test_no_path_reaches_outside_the_repository():
    assert not re.search(r"\.\./|/work/|shared/", README), re.search(r".{40}(\.\./|/work/|shared/).{40}", README)


def test_module_paths_named_in_the_readme_exist():
    for path in set(re.findall(r"`((?:autograder|tests|benchmarks|solutions|assignments)/[\w./<>-]+)`", README)):
        if "<" not in path:
            assert (catalogue.ROOT / path).exists(), f"the README names {path}, which does not exist"
