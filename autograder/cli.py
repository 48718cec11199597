"""The ``autograder`` command: release notebooks, grade a class, run the demo.

Exit codes: 0 when grading ran (whatever the students scored); 1 when it
could not run (unknown assignment, nothing to grade, a roster or due date
that cannot be read, sandbox would not start), with a one-line reason; 2 for
a command line that does not parse; 130 when interrupted (Ctrl-C, SIGTERM).
"""
from __future__ import annotations

import argparse
import dataclasses
import os
import signal
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console

from autograder import catalogue
from autograder.results import Result  # light: the records and their store, no engine

if TYPE_CHECKING:
    from autograder.lms.plugin import Lms

# The subcommands import what they need when they run, so `autograder --help` answers at once.


class GradingFailed(Exception):
    """Grading itself could not run; the message is the one-line reason."""


def _parser() -> argparse.ArgumentParser:
    from autograder.lms import registry  # light: the LMS modules, no engine
    parser = argparse.ArgumentParser(
        prog="autograder",
        description="Auto-graded exercises for a deep-learning fundamentals course: "
                    "release student notebooks, grade a whole class in a sandbox, try it on a sample class.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    grade = sub.add_parser("grade", help="grade submitted notebooks",
                           description="Grade notebooks in parallel, each student's code in its own sandboxed process. "
                                       "Writes DIR/results/<student>.json, DIR/feedback/<student>.md and .html, "
                                       "DIR/grades.csv and the class report DIR/report.html. "
                                       "A rerun skips students whose notebook and graders have not changed.")
    grade.add_argument("submissions", nargs="+", type=Path, metavar="SUBMISSION",
                       help="a notebook (student id = file name), a folder of notebooks, "
                            "or an nbgrader submitted/ tree (student id = student folder)")
    grade.add_argument("--assignment", "-a", required=True, help="assignment id, e.g. 01_sigmoid")
    grade.add_argument("--out", "-o", required=True, type=Path, metavar="DIR", help="output folder")
    rosters = [lms.title for lms in registry.all_lms() if lms.roster]
    grade.add_argument("--roster", type=Path, metavar="FILE",
                       help=f"the LMS's roster export ({', '.join(rosters[:-1])} or {rosters[-1]}): files each "
                            "submission under its student; rostered students without one are listed as missing")
    grade.add_argument("--due", metavar="TIME", help="due date with time zone, e.g. 2026-12-01T23:59+09:00")
    grade.add_argument("--late-penalty", default="0%", metavar="RATE",
                       help="share of the maximum score lost per started day late, e.g. 10%%/day (default: 0%%)")
    grade.add_argument("--late-cap", default="100%", metavar="SHARE", help="the most lateness can cost, e.g. 50%%")
    grade.add_argument("--grace", default="0", metavar="DURATION", help="lateness forgiven, e.g. 15m (default: 0)")
    grade.add_argument("--extensions", type=Path, metavar="FILE",
                       help="CSV with the columns student and due: a due date of their own for some students")
    grade.add_argument("--regrade", action="store_true", help="grade everyone again, even unchanged submissions")
    grade.add_argument("--student", action="append", metavar="ID", default=[],
                       help="grade (again) only this student; repeatable")
    _common_options(grade)
    _lang_option(grade)

    release = sub.add_parser("release", help="regenerate release/ from source/ with nbgrader",
                             description="Regenerate the student notebooks in release/ from source/ "
                                         "(solutions and hidden tests removed).")
    release.add_argument("assignments", nargs="*", metavar="ASSIGNMENT", help="default: all of them")
    release.add_argument("--lang", choices=catalogue.LANGUAGES, metavar="LANG",
                         help="the edition to release: en (release/<id>/) or ko (release/ko/<id>/); "
                              "default: the course's language (course.toml)")

    demo = sub.add_parser("demo", help="release, build a sample class per assignment, grade them",
                          description="The whole workflow on a bundled sample class of every assignment: regenerate "
                                      "the release, write a dozen realistic submissions (correct, blank, buggy, "
                                      "hostile), grade them into OUT/<assignment>/ and show the results.")
    demo.add_argument("--out", "-o", type=Path, default=Path("demo-output"), metavar="DIR",
                      help="output folder (default: demo-output)")
    _common_options(demo)
    _lang_option(demo)

    course = sub.add_parser("course", help="write a synthetic Canvas course: a roster and a submissions zip",
                            description="Write DIR/roster.csv (a Canvas gradebook export) and DIR/submissions.zip (a "
                                        "Canvas 'Download Submissions' zip) for a synthetic class of ASSIGNMENT: "
                                        "correct, buggy, blank, broken, late, resubmitted and missing students.")
    course.add_argument("assignment", metavar="ASSIGNMENT")
    course.add_argument("--students", type=int, default=300, help="rostered students (default: 300)")
    course.add_argument("--out", "-o", type=Path, required=True, metavar="DIR")
    course.add_argument("--seed", type=int, default=2026)

    export = sub.add_parser("export", help="write the gradebook file an LMS imports (Canvas, Moodle, Blackboard, "
                                           "Brightspace) or a plain per-problem CSV",
                            description="Write a gradebook file the LMS imports as it is: the roster that LMS exported, "
                                        "its identifier columns untouched, one score column per results folder. "
                                        "Students are matched by the ids their grading roster gave them, never by "
                                        "name; missing and unmatched students are listed.")
    export.add_argument("--results", nargs="+", type=Path, required=True, metavar="DIR",
                        help="output folders of `autograder grade`, one per assignment")
    export.add_argument("--format", choices=registry.names(), default="canvas")
    export.add_argument("--roster", type=Path, metavar="FILE",
                        help="the LMS's own gradebook export (required except for --format csv)")
    export.add_argument("--to", type=Path, required=True, metavar="FILE")
    export.add_argument("--excel", action="store_true", help="start the file with a BOM (Excel on Windows)")
    export.add_argument("--column", action="append", default=[], metavar="TITLE",
                        help="the roster's column of each results folder, in order, titled as the LMS shows it "
                             "(e.g. '01 Sigmoid'); else the one column whose title matches the assignment's id, "
                             "title or notebook (none or two: refused, listing the columns)")
    export.add_argument("--new-column", action="store_true",
                        help="where the roster has no column for an assignment, write a new one (titled --column "
                             "or the catalogue title); the command says what the LMS will do with it")
    for lms in registry.all_lms():
        _add_lms_options(export, lms)

    report = sub.add_parser("report", help="rebuild DIR/report.html from DIR/results alone",
                            description="Rebuild the class report (DIR/report.html) and every student's feedback "
                                        "(DIR/feedback/) from the results in DIR/results, without grading anything, "
                                        "in the course's language or --lang's.")
    report.add_argument("out", type=Path, metavar="DIR", help="the output folder of an `autograder grade` run")
    _lang_option(report)

    from autograder.gradescope.config import DEFAULT_VISIBILITY, VISIBILITIES  # light: no engine, no torch
    gradescope = sub.add_parser("gradescope", help="write a Gradescope autograder bundle (a zip) for one assignment",
                                description="Write FILE.zip, the autograder of a Gradescope programming assignment: "
                                            "setup.sh, run_autograder and what grading ASSIGNMENT needs; each "
                                            "submission is graded by this engine in its sandbox.")
    gradescope.add_argument("assignment", metavar="ASSIGNMENT")
    gradescope.add_argument("--to", type=Path, required=True, metavar="FILE.zip")
    gradescope.add_argument("--visibility", choices=VISIBILITIES, default=DEFAULT_VISIBILITY,
                            help=f"when students see the hidden tests' results (default: {DEFAULT_VISIBILITY})")
    _lang_option(gradescope)

    sub.add_parser("list", help="list the assignments in the catalogue")
    return parser


def _add_lms_options(export: argparse.ArgumentParser, lms: Lms) -> None:
    """The LMS's own export options (``lms/plugin.py``'s ``option`` fields), in a group named after it."""
    own = dataclasses.fields(lms.exporter.options)
    if not own:
        return
    group = export.add_argument_group(lms.name)
    for f in own:
        meta = {"dest": f.name, "help": f.metadata["help"]}
        if isinstance(f.default, bool):
            meta["action"] = "store_true"
        elif isinstance(f.default, tuple):
            meta.update(action="append", default=[], metavar=f.metadata["metavar"])
        else:
            meta.update(type=type(f.default), default=f.default)
            meta.update({"choices": list(f.metadata["choices"])} if f.metadata["choices"] else
                        {"metavar": f.metadata["metavar"]})
        group.add_argument(f.metadata["flag"], **meta)


def _common_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1,
                        help="submissions graded at once (default: all cores)")
    parser.add_argument("--call-timeout", type=float, default=10.0, metavar="SECONDS",
                        help="time limit for one call of a student's function (default: 10)")
    parser.add_argument("--submission-timeout", type=float, default=60.0, metavar="SECONDS",
                        help="time limit for one child process of a submission (default: 60)")
    from autograder.classrun import executors  # light: the options, no engine, no dask
    executors.add_options(parser)


def _lang_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=catalogue.LANGUAGES, metavar="LANG",
                        help="the language of the feedback, the class report and the summary: "
                             f"{' or '.join(catalogue.LANGUAGES)}; "
                             "default: the course's language (course.toml)")


def _lang(args: argparse.Namespace) -> str:
    """The language a command writes its reports in: ``--lang``, else the course's."""
    return getattr(args, "lang", None) or catalogue.course_language()


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt  # SIGTERM (a scheduler, `kill`) ends the run like Ctrl-C: finished results stay


def main(argv: list[str] | None = None) -> int:
    on_main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _interrupt) if on_main_thread else None
    try:
        return _main(argv)
    finally:
        if on_main_thread:
            signal.signal(signal.SIGTERM, previous)


def _main(argv: list[str] | None) -> int:
    sys.dont_write_bytecode = True  # nothing written outside the output folder
    args = _parser().parse_args(argv)
    console = Console()
    if not console.is_terminal:  # a log file or a pipe: wide enough for the summary table
        console = Console(width=160)
    try:
        if args.command == "list":
            for assignment_id in catalogue.all_ids():
                a = catalogue.load(assignment_id)
                console.print(f"{a.id}  {a.title}  ({len(a.problems)} problems, {a.max_score:g} points)")
        elif args.command == "release":
            run_release(console, args.assignments or catalogue.all_ids(), args.lang or catalogue.course_language())
        elif args.command == "grade":
            run_grade(console, args.assignment, args.submissions, args.out, args)
        elif args.command == "demo":
            run_demo(console, args.out, args)
        elif args.command == "report":
            run_report(console, args.out, _lang(args))
        elif args.command == "export":
            run_export(console, args)
        elif args.command == "gradescope":
            from autograder.gradescope.bundle import build_command
            build_command(console, args.assignment, args.to, args.visibility, _lang(args))
        elif args.command == "course":
            from autograder.samples.synthetic_course import course_assignments, lms_title, write_canvas_course
            assignment = catalogue.load(args.assignment)
            archive, roster = write_canvas_course(assignment, args.out, args.students, args.seed)
            titles = " and ".join(repr(lms_title(a)) for a in course_assignments(assignment))
            console.print(f"submissions: {archive}\nroster: {roster} (and the same class as Moodle, Blackboard and "
                          f"Brightspace export it, beside it; the LMS's assignments are {titles})\n"
                          f"grade them with: autograder grade {archive} -a {args.assignment} --roster {roster} "
                          "-o <DIR>", markup=False)
    except (GradingFailed, KeyError, ValueError) as err:  # RosterError and PolicyError are ValueErrors
        message = err.args[0] if err.args else str(err)
        print(f"autograder: error: {message}", file=sys.stderr)
        return 1
    except OSError as err:  # an output folder that cannot be written, a full disk
        print(f"autograder: error: {err.strerror or err}: {err.filename or ''}".rstrip(": "), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("autograder: interrupted; finished results are kept, rerun to grade the rest", file=sys.stderr)
        return 130
    return 0


def run_release(console: Console, assignment_ids: list[str], lang: str = "en") -> None:
    from autograder.nbgrader.release import release
    for assignment_id in assignment_ids:
        path = release(catalogue.load(assignment_id).id, lang)
        console.print(f"released {assignment_id} ({lang}) -> {path}")


def run_grade(console: Console, assignment_id: str, paths: list[Path], out: Path, args: argparse.Namespace) -> list[Result]:
    from autograder.classrun import executors, schedule
    from autograder.reports import class_report, feedback, grades_csv, terminal
    from autograder.results import ResultStore
    from autograder.submission import NoSubmissions
    from autograder.classrun.intake import discover
    from autograder.grading.sandbox_worker import Limits, WorkerDied, sandbox_warning

    assignment = catalogue.load(assignment_id)
    try:
        submissions = discover(paths, assignment.id, assignment.notebook, unpack_to=out / "submissions")
    except NoSubmissions as err:
        raise GradingFailed(str(err)) from None
    submissions, missing = _filed_by_roster(submissions, getattr(args, "roster", None))
    only = set(getattr(args, "student", []))
    if only:
        submissions = [s for s in submissions if only & {s.student_id, s.lms_id}]
        missing = [m for m in missing if m[0] in only]
        if not submissions and not missing:
            raise GradingFailed(f"no submission and no rostered student has the id {', '.join(sorted(only))}")
    warning = sandbox_warning()
    if warning:
        console.print(f"[bold red]WARNING: reduced sandbox.[/] {warning}")
    limits = Limits(call_seconds=args.call_timeout, submission_seconds=args.submission_timeout)
    try:
        executor = executors.from_options(args, limits, lambda note: console.print(note, markup=False, highlight=False))
        with terminal.progress(len(submissions), assignment.id) as on_result:
            run = schedule.grade_class(assignment, submissions, out, args.jobs, limits, on_result,
                                     policy=_late_policy(args), missing=missing,
                                     regrade=getattr(args, "regrade", False) or bool(only), executor=executor)
    except WorkerDied as err:
        raise GradingFailed(f"the sandbox could not start: {err}") from None
    except executors.ExecutorFailed as err:
        raise GradingFailed(str(err)) from None
    results = ResultStore(out).read_all() if only else run.results
    lang = _lang(args)
    feedback.write_feedback(out, assignment, results, lang)
    csv_path = grades_csv.write_grades_csv(out, assignment, results)
    report_path = class_report.write_class_report(out, results, lang)
    terminal.print_summary(console, assignment, results, lang)
    for line in terminal.run_summary(results, run.reused, run.seconds, executor.jobs, lang):
        console.print(line, markup=False, highlight=False)   # names and notes are text: "[b]" stays "[b]"
    console.print(f"grades: {csv_path}   results: {out / 'results'}   feedback: {out / 'feedback'}")
    console.print(f"class report: {report_path}")
    return results


def run_export(console: Console, args: argparse.Namespace) -> None:
    from autograder.lms import export as lms_export
    from autograder.lms.plugin import ExportOptions
    from autograder.lms.registry import get, read_roster
    from autograder.reports.feedback import short_feedback
    from autograder.results import ResultStore, write_atomically

    exporter = get(args.format).exporter
    if args.roster is None and exporter.needs_roster:
        raise GradingFailed(f"--format {args.format} needs --roster: the gradebook file {args.format} exported")
    roster = read_roster(args.roster) if args.roster else None
    assignments = []
    for folder in args.results:
        results = ResultStore(folder).read_all()
        if not results:
            raise GradingFailed(f"no results in {folder / 'results'}")
        a = catalogue.load(results[0].assignment)
        assignments.append(lms_export.Assignment(a.id, a.title, a.max_score, [p.id for p in a.problems],
                                                 results, a.notebook))
    lang = catalogue.course_language()   # the feedback column speaks the course's language
    options = ExportOptions(excel=args.excel, columns=tuple(args.column), new_column=args.new_column,
                            own=exporter.own_options(vars(args)),
                            feedback_text=lambda result: short_feedback(result, lang))
    export = lms_export.gradebook(args.format, roster, assignments, options)
    for note in export.notes + export.name_note(args.to):   # before the file exists: what goes where, and why
        console.print(f"note: {note}", markup=False, highlight=False)
    write_atomically(args.to, export.text)
    students = len(roster.entries) if roster else len({r.student_id for a in assignments for r in a.results})
    console.print(f"gradebook for {args.format}: {args.to} ({students} students)", markup=False)


def run_report(console: Console, out: Path, lang: str = "en") -> None:
    """The class report and every feedback again, in ``lang``, from ``out/results`` alone (nothing is graded)."""
    from autograder.reports import class_report, feedback
    from autograder.results import ResultStore

    results = ResultStore(out).read_all()
    if not results:
        raise GradingFailed(f"no results in {out / 'results'}: grade the class first")
    assignment = catalogue.load(results[0].assignment)
    feedback.write_feedback(out, assignment, results, lang)
    console.print(f"class report: {class_report.write_class_report(out, results, lang)}   feedback: {out / 'feedback'}")


def _filed_by_roster(submissions: list, roster_path: Path | None) -> tuple[list, list[tuple]]:
    """The submissions filed under their rostered students, and (id, name, section, ids) of those without one."""
    if roster_path is None:
        return submissions, []
    from autograder.lms.matching import match
    from autograder.lms.registry import read_roster
    matching = match(read_roster(roster_path), submissions)
    return matching.submissions, [(e.student_id, e.name, e.section, e.ids) for e in matching.missing]


def _late_policy(args: argparse.Namespace):
    """The late policy of `grade`'s options (the demo's sample classes have none: no policy)."""
    from autograder.classrun.late import LatePolicy, parse_duration, parse_percent, parse_time, read_extensions
    due, extensions = getattr(args, "due", None), getattr(args, "extensions", None)
    return LatePolicy(due=parse_time(due) if due else None,
                      penalty_per_day=parse_percent(getattr(args, "late_penalty", "0%"), "--late-penalty"),
                      cap=parse_percent(getattr(args, "late_cap", "100%"), "--late-cap"),
                      grace=parse_duration(getattr(args, "grace", "0")),
                      extensions=read_extensions(extensions) if extensions else {})


def run_demo(console: Console, out: Path, args: argparse.Namespace) -> None:
    """Release every assignment, write its sample class, grade it into ``out/<assignment>/``."""
    from autograder.samples.sample_class import sample_students, write_sample_class

    for assignment_id in catalogue.all_ids():
        assignment = catalogue.load(assignment_id)
        run_release(console, [assignment.id])
        folder = out / assignment.id / "submissions"
        write_sample_class(assignment, folder)
        students = sample_students(assignment.id)
        console.rule(f"{assignment.id}: {assignment.title}")
        console.print(f"sample class: {len(students)} notebooks in {folder}")
        for s in students:
            console.print(f"  [bold]{s.id:6}[/] {s.story}")
        run_grade(console, assignment.id, [folder], out / assignment.id, args)
    run_demo_course(console, out / "canvas-course", args)
    run_demo_korean(console, out / "korean-course", args)


def run_demo_korean(console: Console, out: Path, args: argparse.Namespace) -> None:
    """A course taught in Korean: 01_sigmoid's Korean edition, its sample class, feedback and report in Korean."""
    from autograder.samples.sample_class import write_sample_class

    assignment = catalogue.load("01_sigmoid")
    run_release(console, [assignment.id], "ko")
    folder = out / assignment.id / "submissions"
    write_sample_class(assignment, folder, "ko")
    console.rule(f"a course taught in Korean: {assignment.id}'s Korean edition (release/ko/), graded in Korean")
    run_grade(console, assignment.id, [folder], out / assignment.id, argparse.Namespace(**{**vars(args), "lang": "ko"}))


def run_demo_course(console: Console, folder: Path, args: argparse.Namespace) -> None:
    """A small synthetic Canvas course of 01_sigmoid: its zip and roster, a due date and a late policy; then the
    upload file for each LMS, from the same class's roster as that LMS exports it."""
    from autograder.lms.registry import all_lms, read_roster
    from autograder.samples.synthetic_course import lms_title, write_canvas_course

    assignment = catalogue.load("01_sigmoid")
    archive, roster = write_canvas_course(assignment, folder, count=40)
    console.rule(f"a Canvas course of 40 students: {archive.name} and {roster.name}")
    console.print(f"grading {archive} with its roster {roster}, due 2026-12-01T23:59+09:00, 10%/day late, "
                  "capped at 50%")
    course_args = argparse.Namespace(**{**vars(args), "roster": roster, "due": "2026-12-01T23:59+09:00",
                                        "late_penalty": "10%/day", "late_cap": "50%", "grace": "15m",
                                        "extensions": None, "regrade": False, "student": []})
    run_grade(console, assignment.id, [archive], folder / "graded", course_args)
    console.rule("returning the grades: one upload file per LMS")
    rosters = {lms.name: folder / lms.sample_roster.file_name for lms in all_lms() if lms.sample_roster}
    rosters[read_roster(roster).kind] = roster   # the course's own LMS: the roster it was graded with
    for lms in all_lms():
        if lms.name not in rosters:
            continue
        upload = folder / "uploads" / f"{lms.name}{lms.exporter.upload_suffix}"
        export_args = _parser().parse_args(["export", "--format", lms.name, "--results", str(folder / "graded"),
                                            "--roster", str(rosters[lms.name]), "--to", str(upload)])
        run_export(Console(quiet=True), export_args)
        console.print(f"{lms.name}: {upload} (into the course's own column {lms_title(assignment)!r}, found by its "
                      "title)", markup=False)


if __name__ == "__main__":
    sys.exit(main())
