"""The class report (grader/report.py) on a small graded class of week 2 numpy basics.

A course copy gets canned submissions (grader/samples/week2_numpy_basics.py: right, untouched,
typical mistakes, the same mistake twice under two ids so its hints differ only by numbers),
a damaged notebook, a hostile student (an id, a hint and a handed-in file name carrying HTML),
an enrolled student who hands in nothing and one whose hand-in has no notebook; `python -m grader.batch` grades them and writes
the report. The page's numbers are checked against the gradebook and the grading reports,
and the page is opened in headless chromium.
"""
import json
import re
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup
from nbgrader.api import Gradebook

from browser import Shots, chromium
from conftest import ROOT, make_course, nbgrader
from grader import batch, intake, report
from grader.samples.build import Variant, build, with_reference
from grader.samples.week2_logistic_regression import _break_json  # a damaged notebook
from grader.samples.week2_numpy_basics import VARIANTS

A = "week2_numpy_basics"
CANNED = ["reference", "untouched", "signs", "math_exp", "loops_2d"]
TWICE = "loops_2d_again"                    # loops_2d's code under another id: other numbers
DAMAGED = "damaged"
HOSTILE = "Doe <script>alert(1)"            # an id as handed in (no '/': it is a folder name)
HOSTILE_FILE = "<img src=x onerror=alert(2)>.txt"
HOSTILE_L1 = "def L1(yhat, y):\n    raise ValueError('<script>alert(3)</script> relative error 37')\n"
ABSENT = "ghost"                           # in the gradebook, never hands in
EMPTY = "empty_handed"                     # hands in a folder without the notebook: refused
PLAIN_NUMBER = "x may also be a plain number"   # loops_2d's sigmoid hint, with its input in it


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """(course, batch run, the page parsed): the class graded by `python -m grader.batch`,
    then the report written by `python -m grader.report`."""
    course = make_course(tmp_path_factory.mktemp("report"))
    nbgrader(course, "generate_assignment", A, "--force")
    nbgrader(course, "db", "student", "add", ABSENT)
    submitted = course / "submitted"
    for name in CANNED:
        build(A, VARIANTS[name], submitted / name / A)
    build(A, VARIANTS["loops_2d"], submitted / TWICE / A)
    build(A, Variant(cells=with_reference(A), rewrite=_break_json), submitted / DAMAGED / A)
    build(A, Variant(cells=with_reference(A, L1=HOSTILE_L1)), submitted / HOSTILE / A)
    (submitted / HOSTILE / A / HOSTILE_FILE).write_text("extra\n")
    (submitted / EMPTY / A).mkdir(parents=True)
    (submitted / EMPTY / A / "answers.txt").write_text("see my email\n")
    # probes get 20 s (10^4 times what numpy basics' functions need), as in test_autograde
    batch = subprocess.run([sys.executable, "-m", "grader.batch", A, "--course", str(course),
                            "--SandboxedJudge.probe_timeout=20"], capture_output=True, text=True)
    assert batch.returncode == 0, batch.stdout[-2000:] + batch.stderr[-3000:]
    done = subprocess.run([sys.executable, "-m", "grader.report", A, "--course", str(course)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    page = course / "reports" / A / "index.html"
    assert done.stdout.strip() == f"class report: {page}"
    return course, batch, BeautifulSoup(page.read_text(), "html.parser")


def gradebook(course):
    """({student: score}, {grade_id: [(score, max_score)]}) of the graded submissions."""
    totals, cells = {}, {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        for sub in gb.assignment_submissions(A):
            totals[sub.student_id] = sub.score
            for g in sub.notebooks[0].grades:
                cells.setdefault(g.name, []).append((g.score, g.max_score))
    return totals, cells


def messages(course, function):
    """{student folder: messages the grading report gave for `function`}."""
    out = {}
    for path in (course / "autograded").glob(f"*/{A}/grading_report.json"):
        out[path.parts[-3]] = json.loads(path.read_text())["functions"][function]["messages"]
    return out


def hint_counts(soup, function):
    """{data-pattern: count} of the page's hint rows for `function`."""
    block = soup.find("div", attrs={"data-function": function})
    return {tr["data-pattern"]: int(tr.find("td", class_="count").text)
            for tr in block.find_all("tr", class_="hint")}


def test_normalise_groups_messages_that_differ_by_numbers_only():
    assert report.normalise("relative error 37") == report.normalise("relative error 12")
    assert report.normalise("x of shape (5,) is -1.5e-3") == report.normalise("x of shape (6,) is 2")
    assert report.normalise("W1 has shape (3, 1)") == "W1 has shape (#, #)"   # names keep digits
    assert report.normalise("shape (3, 1)") != report.normalise("shape (3,)")


def test_notes_go_to_their_student_when_ids_hold_colons(tmp_path):
    """batch.notes gives 'who: note' lines; an id may itself hold ': ' and start like another."""
    ids = {"Doe": "Doe", intake.safe_folder("Doe: Jane"): "Doe: Jane"}
    (tmp_path / intake.INTAKE).mkdir()
    (tmp_path / intake.INTAKE / intake.IDS_FILE).write_text(json.dumps({
        f: i for f, i in ids.items() if f != i}))
    students = []
    for folder, student in ids.items():
        path = tmp_path / "autograded" / folder / A / "grading_report.json"
        path.parent.mkdir(parents=True)
        path.write_text(json.dumps({"notes": [f"note: of {student}"], "functions": {}}))
        students.append(report.Student(folder, batch.who(student, folder), 1.0, {}))
    report.attach_notes(tmp_path, A, students)
    assert [s.notes for s in students] == [["note: of Doe"], ["note: of Doe: Jane"]]


def test_hints_count_failures_not_explanations():
    """A quiz explains every answer ("why: ..."), to those who got it right too: not a hint."""
    def student(folder, passed, *messages):
        return report.Student(folder, folder, 0.0, {}, {"q1": {
            "passed": passed, "total": 1, "messages": [*messages, "why: c is right"]}})
    top, left = report.hints([student("a", 1), student("b", 0, "q1: 'd' is not right"),
                              student("c", 0, "q1: 'a' is not right")], ["q1"])
    assert [(h.pattern, len(h.students)) for h in top["q1"]] == \
        [("q1: 'a' is not right", 1), ("q1: 'd' is not right", 1)] and left["q1"] == 0


def test_percent_says_all_or_none_only_when_exact():
    assert [report.percent(p, 300) for p in (0, 1, 150, 299, 300)] == \
        ["0%", "<1%", "50%", ">99%", "100%"]


def test_histogram_counts_match_the_gradebook(graded):
    course, _, soup = graded
    totals, cells = gradebook(course)
    max_score = sum(points for _, points in (v[0] for v in cells.values()))
    rows = soup.select("table#bins tr.bin")
    assert len(totals) == len(CANNED) + 3 and sum(int(r.find(class_="count").text) for r in rows) == len(totals)
    for row in rows:
        lo, hi = float(row["data-lo"]), float(row["data-hi"])
        expected = sum(s >= max_score - 1e-6 if lo == hi else lo <= s < hi - 1e-6
                       for s in totals.values())
        assert int(row.find(class_="count").text) == expected, row.text
    full = rows[-1]
    assert "full" in full.text and int(full.find(class_="count").text) == 2  # reference, damaged


def test_full_marks_share_matches_the_gradebook(graded):
    course, _, soup = graded
    _, cells = gradebook(course)
    rows = soup.select("table#full-marks tr.function")
    assert [r["data-grade-id"] for r in rows] == list(cells)
    for row in rows:
        got = cells[row["data-grade-id"]]
        full = sum(score == points for score, points in got)
        assert int(row["data-full"]) == full
        assert f"{full} of {len(got)}" in row.text
        assert f"{100 * full / len(got):.0f}%" in row.text   # no share here rounds to 0 or 100


def test_hint_counts_match_the_grading_reports(graded):
    course, _, soup = graded
    given = messages(course, "sigmoid")
    got_it = {s: [m for m in ms if PLAIN_NUMBER in m] for s, ms in given.items()}
    got_it = {s: ms for s, ms in got_it.items() if ms}
    assert set(got_it) == {"loops_2d", TWICE}
    assert got_it["loops_2d"] != got_it[TWICE], "the two hints should differ by their numbers"
    counts = hint_counts(soup, "sigmoid")
    [pattern] = [p for p in counts if PLAIN_NUMBER in p]
    assert counts[pattern] == 2
    # the most frequent hint comes first, and none is counted for more students than failed
    assert list(counts.values()) == sorted(counts.values(), reverse=True)
    failed = sum(1 for ms in given.values() if ms)
    assert all(c <= failed for c in counts.values())
    unwritten = [s for s, ms in messages(course, "softmax").items()
                 if any("is not written yet" in m for m in ms)]
    assert [c for p, c in hint_counts(soup, "softmax").items() if "is not written yet" in p] \
        == [len(unwritten)] == [1]


def test_students_to_look_at(graded):
    _, _, soup = graded
    rows = {tr.find("td", class_="student").text: tr.find("ul").text
            for tr in soup.select("table#students tr.student")}
    assert "damaged" in rows[DAMAGED] and "handed-in/" in rows[DAMAGED]
    [hostile] = [k for k in rows if k.startswith(HOSTILE)]
    assert "extra file" in rows[hostile] and HOSTILE_FILE in rows[hostile]
    assert "reference" not in rows and "loops_2d" not in rows
    assert [li.text for li in soup.select("ul#missing li")] == [ABSENT, EMPTY]


def test_submission_text_is_escaped(graded):
    course, _, soup = graded
    html = (course / "reports" / A / "index.html").read_text()
    assert "<script" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)" in html                     # the id
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in html      # the hint that quoted it
    assert "&lt;img src=x onerror=alert(2)&gt;.txt" in html     # the file handed in
    assert any("alert(3)" in td.text for td in soup.select("div[data-function=L1] td.message"))


def test_page_and_figures_exist_offline_and_private(graded):
    course, _, soup = graded
    folder = course / "reports" / A
    for name in ["index.html", "histogram.png", "full_marks.png"]:
        assert (folder / name).stat().st_mode & 0o777 == 0o600, name
    assert folder.stat().st_mode & 0o777 == 0o700
    assert (folder / "histogram.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    sources = [img["src"] for img in soup.find_all("img")]
    assert len(sources) == 2 and all(s.startswith("data:image/png;base64,") for s in sources)
    assert not soup.find_all(["script", "link", "iframe"])
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", str(soup))


def test_batch_writes_the_report_and_says_where(graded):
    course, batch, _ = graded
    assert f"class report: {course / 'reports' / A / 'index.html'}" in batch.stdout


def test_report_command_errors(graded):
    course = graded[0]
    for assignment, code, words in [("nope", 2, "unknown assignment"),
                                    ("week1_quiz", 1, "nothing of week1_quiz is graded yet")]:
        done = subprocess.run([sys.executable, "-m", "grader.report", assignment, "--course",
                               str(course)], capture_output=True, text=True)
        assert done.returncode == code and words in done.stderr, done.stderr


def test_make_report_target():
    done = subprocess.run(["make", "-n", "report", f"A={A}"], cwd=ROOT, capture_output=True,
                          text=True)
    assert f"-m grader.report {A}" in done.stdout, done.stdout + done.stderr


def test_page_in_chromium(graded):
    course, _, _ = graded
    shots, alerts = Shots("report"), []
    with chromium(1200, 900) as page:
        page.on("dialog", lambda d: (alerts.append(d.message), d.dismiss()))
        page.goto((course / "reports" / A / "index.html").as_uri())
        assert page.locator("h1").inner_text() == f"Class report: {A}"
        widths = page.eval_on_selector_all("img", "imgs => imgs.map(i => i.naturalWidth)")
        assert len(widths) == 2 and min(widths) > 300
        assert "<script>alert(1)" in page.locator("table#students").inner_text()
        shots(page, "class report", full_page=True)
    assert alerts == [], "a script from a submission ran in the instructor's browser"
