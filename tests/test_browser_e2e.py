"""The course loop end to end, in a real JupyterLab driven through headless chromium.

A student fetches week2_logistic_regression from nbgrader's Assignment List, writes four of its
eight functions in the browser, runs the visible tests, validates and submits; the instructor
collects, grades and releases feedback (the steps of `make collect` and `make feedback`, on a
throw-away course copy with its own exchange); the student fetches the feedback and reads the
verdicts. Each step is screenshotted to $NNDL_SCREENSHOTS (default /tmp/nndl-screenshots), and
fails when the page does not show what a person would expect there.

    .venv/bin/python -m pytest tests/test_browser_e2e.py -s    (prints the screenshots' paths)
"""
import re
import subprocess
import sys
import time
from urllib.parse import quote

import nbformat
import pytest
from browser import TOKEN, Shots, chromium, jupyter_lab, need_chromium
from nbgrader.api import Gradebook
from nbgrader.utils import get_username

from conftest import ASSIGNMENTS, make_course, nbgrader
from grader import course_loop

ASSIGNMENT = "week2_logistic_regression"
pytestmark = pytest.mark.skipif(ASSIGNMENT not in ASSIGNMENTS,
                                reason=f"NNDL_ONLY leaves out {ASSIGNMENT}")
# What the student writes, typed into the solution cells (found by their `def` line).
WRITTEN = {
    # the first two exercises: Run All would stop at them otherwise (issue 11 made them graded)
    "dataset_sizes": '''def dataset_sizes(train_set_x_orig, test_set_x_orig):
    """The sizes, read from the shapes."""
    m_train, m_test = train_set_x_orig.shape[0], test_set_x_orig.shape[0]
    num_px = train_set_x_orig.shape[1]
    return m_train, m_test, num_px
''',
    "flatten_images": '''def flatten_images(X_orig):
    """One column per picture."""
    X_flatten = X_orig.reshape(X_orig.shape[0], -1).T
    return X_flatten
''',
    "sigmoid": '''def sigmoid(z):
    """The logistic function, applied to every entry of z."""
    s = 1 / (1 + np.exp(-z))
    return s
''',
    "initialize_with_zeros": '''def initialize_with_zeros(dim):
    """Zero weights of shape (dim, 1) and a zero bias."""
    w = np.zeros((dim, 1))
    b = 0.0
    return w, b
''',
}
VALIDATE_GUARD_MS = 900_000     # Validate runs the whole notebook: a hang guard only


@pytest.fixture
def loop(tmp_path, monkeypatch):
    """A course copy with the assignment released to its own exchange, and a student folder."""
    need_chromium()
    monkeypatch.delenv(course_loop.EXCHANGE_ENV, raising=False)   # never the real exchange
    course = tmp_path / "course"
    course.mkdir()
    make_course(course)
    student_id = get_username()              # what nbgrader's submit records for this account
    (course / course_loop.ROSTER).write_text(f"id,first_name,last_name,email\n{student_id},Ada,Lovelace,\n")
    nbgrader(course, "generate_assignment", ASSIGNMENT, "--force")
    course_loop.release(course, [ASSIGNMENT])
    home = tmp_path / "student"
    course_loop.write_student_config(home, course_loop.exchange_root(course),
                                     made_by="tests/test_browser_e2e.py")
    return course, home, student_id


def points(course):
    """{grade_id of a test cell: its points} in the released notebook."""
    nb = nbformat.read(course / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    meta = [c.metadata.get("nbgrader", {}) for c in nb.cells]
    return {m["grade_id"]: m["points"] for m in meta if m.get("grade")}


def code_cell(nb, text):
    """The code cell of the open notebook whose text contains `text` (exactly one)."""
    cell = nb.locator(".jp-CodeCell").filter(has_text=text)
    cell.first.wait_for()
    assert cell.count() == 1, f"expected one cell showing {text!r}, found {cell.count()}"
    return cell


def kernel_idle(page):
    """Waits until the status bar says the notebook's kernel is idle."""
    page.locator("#jp-main-statusbar", has_text="(ipykernel) | Idle").wait_for()


def open_assignment_list(page):
    page.get_by_role("menuitem", name="Nbgrader").click()
    page.get_by_role("menuitem", name="Assignment List").click()
    return page.locator("#assignments")


def appears(alist, locator):
    """Waits for `locator` in the Assignment List, or fails at once on an error it shows."""
    errors = alist.locator(".list_error:visible, .version_error:visible")
    locator.or_(errors).first.wait_for()
    no_list_error(alist)


def no_list_error(alist):
    """The Assignment List shows none of its errors ("The exchange directory does not exist
    and could not be created", "Error fetching courses!")."""
    errors = [t for t in alist.locator(".list_error:visible, .version_error:visible")
              .all_inner_texts() if t.strip()]
    course = alist.locator("#course_list_default").inner_text()
    assert not errors and "Error" not in course, \
        f"the Assignment List shows an error: {course!r} {errors}"


def student_fetches(page, shots):
    page.locator("#jp-main-dock-panel").wait_for()
    page.get_by_role("menuitem", name="Nbgrader").wait_for()
    shots(page, "lab_opened")
    alist = open_assignment_list(page)
    released = alist.locator("#released_assignments_list .list_item").filter(has_text=ASSIGNMENT)
    appears(alist, released.get_by_role("button", name="Fetch"))
    shots(page, "assignment_list_released")
    released.get_by_role("button", name="Fetch").click()
    fetched = alist.locator("#fetched_assignments_list .list_item").filter(has_text=ASSIGNMENT)
    appears(alist, fetched.first.get_by_role("button", name="Submit"))
    fetched.first.locator("a.assignment-notebooks-link").click()
    fetched.locator(".nested_list_item").get_by_role("button", name="Validate").wait_for()
    no_list_error(alist)
    shots(page, "assignment_fetched")
    return alist


def student_writes_and_runs(page, shots):
    """Opens the fetched notebook, types the two functions, runs all cells; returns the panel."""
    page.locator("#fetched_assignments_list .nested_list_item a").filter(
        has_text=ASSIGNMENT).click()
    nb = page.locator(".jp-NotebookPanel:visible")
    kernel_idle(page)
    code_cell(nb, "def sigmoid(")
    shots(page, "notebook_opened")
    for name, code in WRITTEN.items():
        editor = code_cell(nb, f"def {name}(").locator(".cm-content")
        editor.click()
        page.keyboard.press("Control+a")
        page.keyboard.insert_text(code)
        assert "NotImplementedError" not in editor.inner_text()
    shots(page, "functions_written")
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    # Run All stops at the first error: propagate, which the student has not written yet.
    stub = code_cell(nb, "grads, cost = propagate(")
    stub.locator(".jp-OutputArea-output").filter(has_text="NotImplementedError").wait_for()
    for name in WRITTEN:
        test = code_cell(nb, f"{name}_test({name})")
        out = test.locator(".jp-OutputArea-output")
        out.filter(has_text="All tests passed.").wait_for()
        assert "Error" not in out.inner_text(), out.inner_text()
    code_cell(nb, "sigmoid_test(sigmoid)").scroll_into_view_if_needed()
    shots(page, "visible_test_passed")
    return nb


def student_validates(page, nb, shots):
    """Clicks Validate; the dialog names the unwritten functions' tests, not the written ones."""
    start = time.monotonic()
    nb.locator(".validate-button").click()
    dialog = page.locator(".jp-Dialog")
    dialog.get_by_text("Validation Results").wait_for(timeout=VALIDATE_GUARD_MS)
    print(f"Validate: {time.monotonic() - start:.0f} s to the result dialog")
    text = dialog.inner_text()
    shots(page, "validate_result")
    for name in ["propagate", "optimize", "predict", "model"]:
        assert f"{name}_test({name})" in text, f"Validate does not mention {name}:\n{text}"
    for name in WRITTEN:
        assert f"{name}_test({name})" not in text, f"Validate reports {name} as failing:\n{text}"
    dialog.get_by_role("button", name="Ok").click()
    dialog.wait_for(state="detached")


def student_submits(page, alist, home, shots):
    saved = (home / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text()
    assert all(code.splitlines()[2].strip() in saved for code in WRITTEN.values()), \
        "the notebook on disk does not hold what the student typed (not saved?)"
    page.get_by_role("tab", name="Assignments").click()
    alist.locator("#fetched_assignments_list .list_item").filter(
        has_text=ASSIGNMENT).first.get_by_role("button", name="Submit").click()
    submitted = alist.locator("#submitted_assignments_list .list_item").filter(has_text=ASSIGNMENT)
    appears(alist, submitted.first)
    shots(page, "submitted")


def instructor_grades(course, student_id):
    """`make collect` then `make feedback` (autograde, feedback HTML, export, release)."""
    assert course_loop.collect(course, ASSIGNMENT) == []
    assert (course / "submitted" / student_id / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").exists()
    done = subprocess.run([sys.executable, "-m", "grader.batch", ASSIGNMENT, "--course",
                           str(course), "--feedback"], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert course_loop.release_feedback(course, ASSIGNMENT) == [student_id]
    pts = points(course)
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        sub = gb.find_submission(ASSIGNMENT, student_id)
        score, max_score = sub.score, sub.max_score
    assert max_score == sum(pts.values())
    assert score == sum(pts[f"test_{name}"] for name in WRITTEN), done.stdout
    return f"{score:g} / {max_score:g}"


def instructor_sees_formgrader(page, base, student_id, score, shots):
    """The instructor's JupyterLab: Nbgrader > Formgrader lists the submission with its score."""
    page.goto(f"{base}/lab?token={TOKEN}")
    page.get_by_role("menuitem", name="Nbgrader").click()
    page.get_by_role("menuitem", name="Formgrader").click()
    grader = page.frame_locator(".jp-MainAreaWidget:visible iframe")
    row = grader.locator("tr").filter(has_text=ASSIGNMENT).first
    row.locator(".num-submissions").get_by_text("1", exact=True).wait_for()
    assert "released" in row.inner_text(), row.inner_text()
    shots(page, "formgrader_assignments")
    row.locator(".num-submissions a").click()
    row = grader.locator("tr").filter(has_text=student_id).first
    row.get_by_text("graded").wait_for()
    shots(page, "formgrader_submissions")
    assert "Lovelace, Ada" in row.inner_text() and score in row.inner_text(), row.inner_text()


def student_reads_feedback(page, base, alist, home, shots):
    """Fetch Feedback, (view feedback), opens the HTML; returns the feedback page's text."""
    page.get_by_role("tab", name="Assignments").click()
    alist.locator("#refresh_assignments_list").click()
    submitted = alist.locator("#submitted_assignments_list .list_item").filter(has_text=ASSIGNMENT)
    appears(alist, submitted.first.get_by_text("feedback available to fetch"))
    shots(page, "feedback_available")
    submitted.first.get_by_role("button", name="Fetch Feedback").click()
    submitted.first.get_by_text("view feedback").click()
    html = next((home / ASSIGNMENT / "feedback").glob(f"*/{ASSIGNMENT}.html"))
    page.locator(".jp-DirListing-item").filter(has_text=html.name).dblclick()
    viewer = page.frame_locator(".jp-HTMLViewer:visible iframe")
    viewer.get_by_text("Score:").first.wait_for()
    shots(page, "feedback_in_lab")
    tab = page.context.new_page()                # what "Open in New Browser Tab" shows
    reply = tab.goto(f"{base}/files/{quote(html.relative_to(home).as_posix())}?token={TOKEN}")
    assert reply.ok, f"the feedback page answers {reply.status}"
    tab.get_by_text("hidden checks passed").first.wait_for()
    shots(tab, "feedback_page_top")
    verdict = tab.get_by_text(re.compile(r"sigmoid: \d+/\d+ hidden checks passed"))
    verdict.first.scroll_into_view_if_needed()
    shots(tab, "feedback_page_verdict")
    tab.get_by_text(re.compile(r"propagate: \d+/\d+ hidden checks passed")).first \
        .scroll_into_view_if_needed()
    shots(tab, "feedback_page_failed")
    shots(tab, "feedback_page_full", full_page=True)
    return tab.locator("body").inner_text()


def check_verdicts(text):
    """Each written function passes all its hidden checks; each one left unwritten FAILED."""
    for name in ["sigmoid", "initialize_with_zeros", "propagate", "optimize", "predict", "model"]:
        found = re.search(rf"^\s*{name}: (\d+)/(\d+) hidden checks passed(.*)$", text, re.M)
        assert found, f"the feedback has no verdict line for {name}:\n{text[:3000]}"
        passed, total, rest = int(found[1]), int(found[2]), found[3]
        if name in WRITTEN:
            assert passed == total > 0 and "FAILED" not in rest, found[0]
        else:
            assert passed == 0 and "FAILED" in rest, found[0]


def test_student_and_instructor_round_trip(loop):
    course, home, student_id = loop
    shots = Shots("e2e")
    with jupyter_lab(home, home.parent / "lab-state") as base, chromium() as page:
        page.goto(f"{base}/lab?token={TOKEN}")
        alist = student_fetches(page, shots)
        nb = student_writes_and_runs(page, shots)
        student_validates(page, nb, shots)
        student_submits(page, alist, home, shots)
        score = instructor_grades(course, student_id)
        with jupyter_lab(course, course.parent / "instructor-lab-state") as instructor:
            instructor_sees_formgrader(page.context.new_page(), instructor, student_id, score,
                                       shots)
        feedback = student_reads_feedback(page, base, alist, home, shots)
    check_verdicts(feedback)
    print("screenshots:", *shots.taken, sep="\n  ")
