"""One module per LMS behind a registry: every LMS has its pieces, the command line and the nbgrader plugins offer
exactly the registry's LMSes and options, each LMS's sample roster is read back as its own, and an LMS added as
one new module (here a made-up one, in a temporary folder) reaches the roster reader, the command line and the
nbgrader plugins without any other file changing."""
from __future__ import annotations

import dataclasses
import importlib
import sys
from dataclasses import dataclass

import pytest

from autograder import cli
from autograder.lms import registry, systems
from autograder.lms.plugin import SampleItem


@dataclass(frozen=True)
class Student:
    last_first: tuple[str, str]
    sis_id: str
    login: str
    email: str


STUDENTS = [Student(("Smith, Jr.", "John"), "20260001", "s1", "s1@example.ac.kr"),
            Student(("김", "민준"), "20260002", "s2", "s2@example.ac.kr")]
ITEMS = [SampleItem("01 Sigmoid", 13.0), SampleItem("02 Losses", 18.0)]


def test_every_lms_has_its_pieces():
    lmses = registry.all_lms()
    assert [lms.name for lms in lmses] == registry.names() == ["canvas", "moodle", "blackboard", "brightspace", "csv"]
    assert len({lms.order for lms in lmses}) == len(lmses), "one place each in the listings"
    for lms in lmses:
        assert callable(lms.exporter.columns) and callable(lms.exporter.write), lms.name
        assert lms.roster is not None or not lms.exporter.needs_roster, f"{lms.name} needs a roster it cannot read"
        for f in dataclasses.fields(lms.exporter.options):
            assert f.metadata["flag"].startswith("--") and f.metadata["help"] and f.metadata["plugin_help"], f.name
    assert {lms.name for lms in lmses if lms.download} == {"canvas", "moodle"}
    flags = [f.metadata["flag"] for lms in lmses for f in dataclasses.fields(lms.exporter.options)]
    fields = [f.name for lms in lmses for f in dataclasses.fields(lms.exporter.options)]
    assert len(set(flags)) == len(flags) and len(set(fields)) == len(fields), "no two LMSes share an option"


@pytest.mark.parametrize("lms", [lms for lms in registry.all_lms() if lms.sample_roster], ids=lambda lms: lms.name)
def test_each_sample_roster_is_read_back_as_its_own_lms(tmp_path, lms):
    """Also the readers' precedence: Brightspace's export has Blackboard's name columns, Blackboard's none of
    Moodle's."""
    path = tmp_path / lms.sample_roster.file_name
    lms.sample_roster.write(path, STUDENTS, ITEMS)
    roster = registry.read_roster(path)
    assert roster.kind == lms.name
    assert [e.name for e in roster.entries] == ["John Smith, Jr.", "민준 김"]
    assert all(e.ids.get("institution_id", "").removeprefix("#") in ("20260001", "20260002") or
               e.ids.get("login") in ("s1", "s2") for e in roster.entries)


def test_the_command_line_offers_the_registrys_formats_and_options():
    parser = cli._parser()
    export = next(a for a in parser._subparsers._group_actions[0].choices["export"]._actions if a.dest == "format")
    assert list(export.choices) == registry.names()
    base = ["export", "--results", "graded", "--to", "out.csv"]
    for lms in registry.all_lms():
        args = parser.parse_args(base + ["--format", lms.name])
        assert lms.exporter.own_options(vars(args)) == lms.exporter.options(), "the defaults are the LMS's own"
    canvas = registry.get("canvas").exporter
    args = parser.parse_args(base + ["--canvas-assignment-id", "7", "--canvas-assignment-id", "8", "--points-possible"])
    assert canvas.own_options(vars(args)) == canvas.options(canvas_assignment_ids=("7", "8"), points_possible=True)
    moodle = registry.get("moodle").exporter
    args = parser.parse_args(base + ["--id", "email", "--decimal", ",", "--max-grade", "13", "--feedback"])
    assert moodle.own_options(vars(args)) == moodle.options(identifier="email", decimal=",", max_grade=13.0,
                                                            feedback=True)
    with pytest.raises(SystemExit):
        parser.parse_args(base + ["--id", "nickname"])


def test_the_nbgrader_plugins_are_the_registrys():
    from autograder import nbgrader_export

    assert list(nbgrader_export.PLUGINS) == registry.names()
    base = set(nbgrader_export.LmsExport.class_traits())
    for lms in registry.all_lms():
        plugin = getattr(nbgrader_export, nbgrader_export.plugin_name(lms))
        assert plugin is nbgrader_export.PLUGINS[lms.name] and plugin.format == lms.name
        own = {f.name for f in dataclasses.fields(lms.exporter.options)}
        assert set(plugin.class_traits()) - base == own, lms.name
        assert plugin().options().own == lms.exporter.options()
    assert {"CanvasExport", "MoodleExport", "BlackboardExport", "BrightspaceExport", "CsvExport"} <= \
        set(nbgrader_export.__all__)
    told = nbgrader_export.MoodleExport(identifier="username", max_grade=20.0, feedback=True).options()
    assert (told.own.identifier, told.own.max_grade, told.own.feedback) == ("username", 20.0, True)


FAKE_LMS = '''
"""A made-up LMS: its roster is headed FakeId, Name; its upload is FakeId and one score column."""
from dataclasses import dataclass

from autograder.lms.columns import LmsColumn
from autograder.lms.filing import score_cell
from autograder.lms.gradebook_file import Export, rows_to_text
from autograder.lms.plugin import Exporter, Lms, RosterFormat, option
from autograder.lms.roster import RosterEntry, roster_of, kinds


def read(table):
    entries = [RosterEntry(r["FakeId"], r["Name"], "", (r["FakeId"],), r, kinds(login=r["FakeId"]))
               for r in table.records]
    return roster_of("fakelms", entries, table.header)


@dataclass(frozen=True)
class FakeOptions:
    fake_semicolons: bool = option(False, "--fake-semicolons", help="semicolons", plugin_help="semicolons")


def write(roster, columns, options):
    rows = [["FakeId"] + [c.header for c in columns]]
    rows += [[e.key] + [score_cell(c, e) for c in columns] for e in roster.entries]
    return Export(rows_to_text(rows, delimiter=";" if options.own.fake_semicolons else ","), [])


LMS = Lms(name="fakelms", title="FakeLMS", order=99,
          roster=RosterFormat("FakeLMS (FakeId, Name)", lambda t: "fakeid" in t.names, read, precedence=0),
          exporter=Exporter(lambda roster, wanted, options: ([LmsColumn(w.title, w.title) for w in wanted], []),
                            write, FakeOptions))
'''


@pytest.fixture
def fake_lms(tmp_path, monkeypatch):
    """The made-up LMS's module, in a folder of its own added to ``lms/systems/``'s search path."""
    (tmp_path / "fakelms.py").write_text(FAKE_LMS, encoding="utf-8")
    monkeypatch.setattr(systems, "__path__", [*systems.__path__, str(tmp_path)])
    registry.all_lms.cache_clear()
    yield
    monkeypatch.undo()
    sys.modules.pop("autograder.lms.systems.fakelms", None)
    registry.all_lms.cache_clear()
    for name in ("autograder.nbgrader.export", "autograder.nbgrader_export"):  # the plugins, then their public name
        plugins = importlib.import_module(name)
        vars(plugins).pop("FakelmsExport", None)  # a reload keeps the module's old names: the made-up one must go
        importlib.reload(plugins)


def test_an_lms_added_as_one_module_reaches_every_part(fake_lms, tmp_path, capsys):
    assert registry.names()[-1] == "fakelms"
    roster = tmp_path / "fake.csv"
    roster.write_text("FakeId,Name\nf1,Ann\nf2,Bo\n", encoding="utf-8")
    assert [e.key for e in registry.read_roster(roster).entries] == ["f1", "f2"]
    args = cli._parser().parse_args(["export", "--format", "fakelms", "--fake-semicolons", "--results", "g",
                                     "--to", "x.csv"])
    assert registry.get("fakelms").exporter.own_options(vars(args)).fake_semicolons is True
    importlib.reload(importlib.import_module("autograder.nbgrader.export"))
    nbgrader_export = importlib.reload(importlib.import_module("autograder.nbgrader_export"))
    assert "fake_semicolons" in nbgrader_export.FakelmsExport.class_traits()
    (tmp_path / "other.csv").write_text("Who\nx\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"or FakeLMS \(FakeId, Name\)"):
        registry.read_roster(tmp_path / "other.csv")
