"""Feedback pages and formgrader's view of a submission, loaded in headless chromium.

One course copy grades week 2 logistic regression for two students: `propagate_sign` (an
ordinary mistake) and `hostile` (every solution right, plus markdown and outputs that try to
run a script or fetch from elsewhere). Then:
- nothing from the hostile submission runs or fetches anything, in its feedback page and in
  formgrader's manual-grading page served by a real `jupyter server`; its text shows as text;
- the feedback page is readable offline, as a student opens it after `fetch_feedback` (the
  HTML file alone): no request leaves the file, equations are typeset, verdicts wrap, the
  score list names each graded function.
Screenshots go to $NNDL_SCREENSHOTS (default /tmp/nndl-screenshots).
"""
import contextlib
import os
import shutil
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook

from browser import CHROMIUM, CHROMIUM_ARGS, TOKEN, jupyter_lab, need_chromium
from conftest import ASSIGNMENTS, ROOT, make_course, nbgrader
from grader.feedback import safe_markdown
from grader.samples.build import Variant, build, with_reference
from grader.samples.week2_logistic_regression import IDS, PROPAGATE_SIGN

A = "week2_logistic_regression"
pytestmark = pytest.mark.skipif(A not in ASSIGNMENTS, reason=f"NNDL_ONLY leaves out {A}")
SHOTS = Path(os.environ.get("NNDL_SCREENSHOTS", "/tmp/nndl-screenshots"))
EVIL = "evil.test"                     # every remote resource the submission names is here
PWN = "window.__pwned = (window.__pwned || []).concat"   # what any of its scripts would do

HOSTILE_MARKDOWN = [
    f"<script>{PWN}('script'); document.title = 'pwned'</script>",
    f"<img src=x onerror=\"{PWN}('onerror')\"> and <b onmouseover=\"{PWN}('hover')\">b</b>",
    f'<img src="http://{EVIL}/img.png"> <iframe src="http://{EVIL}/frame"></iframe>',
    f'<link rel="stylesheet" href="http://{EVIL}/style.css">',
    f'<div style="background: url(http://{EVIL}/bg.png)">styled</div>',
    f"<style>body {{ background: url(http://{EVIL}/style-tag.png) }}</style>",
    "[a link](javascript:window.__pwned=['link'])",
    f"![remote](http://{EVIL}/md.png) ![protocol-relative](//{EVIL}/md.png)",
    f"<svg><script>{PWN}('svg')</script></svg>",
    f"```mermaid\n<img src=x onerror=\"{PWN}('mermaid')\">\n```",
    f"<a href=\"javascript:{PWN}('a')\">a link</a> <math><mtext><img src=x onerror=\"{PWN}('math')\">",
]
# A cell run in the sandbox whose outputs try the same (the grader keeps text and PNG/JPEG).
HOSTILE_OUTPUTS = f'''from IPython.display import HTML, SVG, Javascript, display, publish_display_data
display(HTML('<img src=x onerror="{PWN}(\\'html\\')">'))
display(Javascript("{PWN}('javascript')"))
display(SVG('<svg xmlns="http://www.w3.org/2000/svg"><script>{PWN}("svg-output")</script></svg>'))
publish_display_data({{"image/png": 'x" onerror="{PWN}(1)', "text/plain": "png"}},
                     metadata={{"image/png": {{"width": "1 onerror={PWN}(2)"}}}})
print("<script>{PWN}('stream')</script>", "\\x1b[31m<img src=x onerror={PWN}('ansi')>\\x1b[0m")
'''
HOSTILE_ERROR = f"raise ValueError('<script>{PWN}(\"error\")</script>\\x1b[1;31m red')"


def hostile_submission(dest):
    """Reference solutions, the hostile outputs after the imports, hostile markdown cells,
    one of the instructor's locked markdown cells edited and another unlocked and edited."""
    build(A, Variant(cells=with_reference(A), insert_after={"packages": [HOSTILE_OUTPUTS, HOSTILE_ERROR]}),
          dest)
    path = dest / f"{A}.ipynb"
    nb = nbformat.read(path, as_version=4)
    markdown = [c for c in nb.cells if c.cell_type == "markdown"]
    markdown[1].source += f"\n\n<script>{PWN}('locked')</script>"
    del markdown[2].metadata["nbgrader"]
    markdown[2].source += f"\n\n<img src=x onerror=\"{PWN}('unlocked')\">"
    nb.cells[1:1] = [nbformat.v4.new_markdown_cell(s) for s in HOSTILE_MARKDOWN]
    nb.cells.append(nbformat.v4.new_raw_cell(f"<script>{PWN}('raw')</script>",
                                             metadata={"raw_mimetype": "text/html"}))
    nbformat.write(nb, path)


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A course copy with both students autograded and their feedback generated."""
    course = make_course(tmp_path_factory.mktemp("feedback"))
    nbgrader(course, "generate_assignment", A, "--force")
    build(A, Variant(cells=with_reference(A, propagate=PROPAGATE_SIGN)),
          course / "submitted" / "propagate_sign" / A)
    hostile_submission(course / "submitted" / "hostile" / A)
    nbgrader(course, "autograde", A, "--force")
    nbgrader(course, "generate_feedback", A, "--force")
    return course


def feedback_file(course, student, tmp_path):
    """The student's feedback HTML alone in a fresh folder, as `fetch_feedback` leaves it."""
    src = course / "feedback" / student / A / f"{A}.html"
    dest = tmp_path / student / "feedback" / f"{A}.html"
    dest.parent.mkdir(parents=True)
    shutil.copy(src, dest)
    return dest


@contextlib.contextmanager
def browser_page(allowed):
    """(page, requests, script errors) of a chromium page whose requests are all recorded;
    only those `allowed(url)` go out."""
    need_chromium()
    from playwright.sync_api import sync_playwright
    requests, errors = [], []
    SHOTS.mkdir(parents=True, exist_ok=True)

    def route(r):
        requests.append(r.request.url)
        r.continue_() if allowed(r.request.url) else r.abort()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1000, "height": 900})
        page.route("**/*", route)
        page.on("pageerror", lambda e: errors.append(str(e)))   # the page's own scripts failing
        try:
            yield page, requests, errors
        finally:
            browser.close()


def settle(page):
    """Waits for the page's load event and MathJax's queue (if any), then for any late
    script a submission could have planted (timers, image errors)."""
    page.wait_for_load_state("load")
    page.wait_for_function("!window.MathJax || !MathJax.Hub || MathJax.isReady === true")
    page.evaluate("new Promise(done => window.MathJax && MathJax.Hub ? "
                  "MathJax.Hub.Queue(done) : done())")
    page.wait_for_timeout(1500)


def no_submission_script_ran(page, requests, title):
    assert page.evaluate("window.__pwned") is None, page.evaluate("window.__pwned")
    assert page.title() == title
    assert not [u for u in requests if EVIL in u], requests
    dangerous = page.evaluate("""[...document.querySelectorAll(
        '[onerror], [onload], [onmouseover], iframe, object, embed, link[href*="evil"], ' +
        'a[href^="javascript:"], svg script')].map(e => e.outerHTML.slice(0, 120))""")
    assert dangerous == []


def test_markdown_check_keeps_the_instructors_markdown_and_refuses_html():
    for path in sorted((ROOT / "release").glob("*/*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "markdown":
                assert safe_markdown(cell.source, cell.get("attachments")), (path.name, cell.source)
    for source in HOSTILE_MARKDOWN:
        assert not safe_markdown(source), source


def test_hostile_feedback_runs_nothing_and_shows_the_text(course, tmp_path):
    html = feedback_file(course, "hostile", tmp_path)
    with browser_page(lambda url: url == html.as_uri()) as (page, requests, errors):
        page.goto(html.as_uri())
        settle(page)
        page.screenshot(path=str(SHOTS / "feedback_hostile.png"), full_page=False)
        no_submission_script_ran(page, requests, A)
        assert requests == [html.as_uri()], requests
        assert errors == []
        text = page.inner_text("body")
    assert "<script>window.__pwned" in text, "the student's markdown is not shown as text"
    assert "Score: 14.0 / 14.0" in text      # 12 until the sizes and flatten exercises (issue 11)
    report = (course / "autograded" / "hostile" / A / "grading_report.json").read_text()
    assert "formgrader and the feedback show their text as typed" in report, "no note to look at"


def test_formgrader_shows_the_hostile_submission_safely(course):
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        submission = gb.find_submission_notebook(A, A, "hostile").id
    with jupyter_lab(course, course / ".jupyter-state") as local:
        with browser_page(lambda url: url.startswith(local)) as (page, requests, errors):
            page.goto(f"{local}/formgrader/submissions/{submission}/?token={TOKEN}")
            settle(page)
            page.screenshot(path=str(SHOTS / "formgrader_hostile.png"))
            title = page.title()
            no_submission_script_ran(page, requests, title)
            text = page.inner_text("body")
    assert "pwned" not in title and "<script>window.__pwned" in text
    assert "test_propagate" in text, "formgrader did not show the submission"


def test_feedback_reads_offline(course, tmp_path):
    html = feedback_file(course, "propagate_sign", tmp_path)
    with browser_page(lambda url: url == html.as_uri()) as (page, requests, errors):
        page.goto(html.as_uri())
        settle(page)
        page.screenshot(path=str(SHOTS / "feedback_scores.png"))
        assert requests == [html.as_uri()], f"the page asked for more than itself: {requests}"
        assert errors == []
        assert page.evaluate("document.querySelectorAll('.MathJax_MathML math').length") > 20
        body = page.inner_text("body")
        assert "$\\alpha$" not in body and "\\frac" not in body, "raw LaTeX left in the page"
        toc = page.inner_text("#toc")
        for grade_id in IDS:
            assert grade_id.removeprefix("test_") in toc, f"no function name for {grade_id}"
        verdict = page.locator("pre", has_text="not Y - A").first
        verdict.scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / "feedback_verdict.png"))
        wraps = verdict.evaluate("e => [getComputedStyle(e).whiteSpace, e.scrollWidth <= e.clientWidth]")
        assert wraps == ["pre-wrap", True], wraps
    size = html.stat().st_size
    print(f"feedback HTML: {size / 1e6:.2f} MB")
