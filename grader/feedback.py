"""What a person sees of a submission: formgrader's page and the student's feedback HTML.

- `SanitizeMarkdown` (an `Autograde.sanitize_preprocessors` step, after `OverwriteCells`):
  markdown a student wrote or changed is kept only if it renders to plain markdown HTML (no
  raw HTML, no `javascript:` link, no remote image); otherwise its text is shown as typed, in
  a code block. The instructor's locked cells, restored from the gradebook, are left as they
  are. So the autograded notebook that formgrader and the feedback both render is clean.
- `FeedbackPage` (a `GenerateFeedback.preprocessors` step, before `ClearHiddenTests`): gives
  the feedback template (templates/feedback.html.j2) the graded function of each test cell and
  an inline MathJax, so the page typesets its equations with no network and no other file:
  students open it from their feedback folder, and `fetch_feedback` brings only the HTML.
"""
import functools
import re
from pathlib import Path

from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath
from nbgrader.api import Gradebook
from nbgrader.preprocessors import NbGraderPreprocessor

from grader.nbgrader_plugin import probe_map

TEMPLATE = Path(__file__).resolve().parent / "templates" / "feedback.html.j2"
SAFE_IMAGE = re.compile(r"data:image/(png|jpeg|gif);base64,[A-Za-z0-9+/=]*|(?!/)[\w\-./]+")
IMG_SRC = re.compile(r'<img src="([^"]*)"')
SHOWN_AS_TEXT = ("*This cell held HTML or links that are not shown here (scripts, event handlers "
                 "or remote resources); its text is shown as it was typed:*")


class SanitizeMarkdown(NbGraderPreprocessor):
    """Markdown and raw cells a student wrote or changed cannot script a page or fetch from
    elsewhere; a note for the instructor goes to `nndl_repairs` (shown under "look at")."""

    def preprocess(self, nb, resources):
        trusted = _locked_sources(resources["nbgrader"])
        shown = []
        for i, cell in enumerate(nb.cells):
            if cell.cell_type not in ("markdown", "raw") or _is_instructors(cell, trusted):
                continue
            if cell.cell_type == "raw":
                for key in ("raw_mimetype", "format"):   # a raw cell is never rendered as HTML
                    cell.metadata.pop(key, None)
            elif not safe_markdown(cell.source, cell.get("attachments")):
                cell.source = shown_as_text(cell.source)
                cell.pop("attachments", None)
                shown.append(str(i))
        if shown:
            note = (f"markdown cell(s) {', '.join(shown)} held HTML, a script link or a remote "
                    "image; formgrader and the feedback show their text as typed")
            nb.metadata["nndl_repairs"] = list(nb.metadata.get("nndl_repairs", [])) + [note]
        return nb, resources


def _locked_sources(info):
    """{grade_id: (cell type, source)} of the instructor's locked cells, from the gradebook."""
    with Gradebook(info["db_url"]) as gb:
        cells = gb.find_notebook(info["notebook"], info["assignment"]).source_cells
        return {c.name: (c.cell_type, c.source) for c in cells if c.locked}


def _is_instructors(cell, trusted):
    meta = cell.metadata.get("nbgrader")
    gid = meta.get("grade_id") if isinstance(meta, dict) else None
    return gid in trusted and trusted[gid] == (cell.cell_type, cell.source)


class _Inspector(IPythonRenderer):
    """nbconvert's markdown renderer (as formgrader and feedback use it) noting what it would
    put into the page as it is: raw HTML, mermaid blocks (copied unescaped) and link or image
    targets that mistune counts as harmful (javascript:, data: other than an image, ...)."""

    def __init__(self, attachments):
        super().__init__(escape=False, allow_harmful_protocols=False, attachments=attachments or {})
        self.found = []

    def inline_html(self, html):
        self.found.append(html)
        return ""

    block_html = inline_html

    def block_mermaidjs(self, code):
        self.found.append(code)
        return ""

    def sanitize_url(self, url):
        safe = super().sanitize_url(url)
        if safe != url:
            self.found.append(url)
        return safe


def safe_markdown(source, attachments=None):
    """True if `source` renders to markdown's own HTML only: no raw HTML, mermaid block or
    harmful link, and images only embedded (PNG, JPEG, GIF) or at a relative path below."""
    inspector = _Inspector(attachments)
    try:
        html = MarkdownWithMath(renderer=inspector).render(source)
    except Exception:  # a missing attachment, or anything the renderer refuses
        return False
    return not inspector.found and all(SAFE_IMAGE.fullmatch(src) and ".." not in src
                                       for src in IMG_SRC.findall(html))


def shown_as_text(source):
    """Markdown showing `source` verbatim: a note, then a fenced block longer than any run
    of backticks inside it."""
    longest = max((len(run) for run in re.findall(r"`+", source)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{SHOWN_AS_TEXT}\n\n{fence}\n{source}\n{fence}\n"


class FeedbackPage(NbGraderPreprocessor):
    """Puts into resources["nndl"]: {grade_id: graded function} (from the test cells' probe
    lines, so it must run before ClearHiddenTests) and the inline MathJax script."""

    def preprocess(self, nb, resources):
        resources["nndl"] = {"functions": probe_map(nb), "mathjax": mathjax_inline()}
        return nb, resources


MATHJAX_CONFIG = """window.MathJax = {
  jax: ["input/TeX", "output/NativeMML"],
  extensions: ["tex2jax.js", "TeX/AMSmath.js", "TeX/AMSsymbols.js", "TeX/noErrors.js",
               "TeX/noUndefined.js", "Safe.js"],
  tex2jax: {inlineMath: [["$", "$"], ["\\\\(", "\\\\)"]], displayMath: [["$$", "$$"], ["\\\\[", "\\\\]"]],
            processEscapes: true, processEnvironments: true},
  "HTML-CSS": {availableFonts: [], preferredFont: null, webFont: null, imageFont: null},
  "fast-preview": {disabled: true},
  menuSettings: {renderer: "NativeMML"}, showMathMenu: false, messageStyle: "none",
  root: "mathjax-is-inlined-nothing-to-load"
};
"""


@functools.lru_cache(maxsize=1)
def mathjax_inline():
    """One script: MathJax 2.7 (jupyter-server-mathjax's copy) with TeX input and the
    browser's own MathML output, so it needs no font or other file (about 0.4 MB).

    From the package's combined configuration it drops the choice of HTML-CSS output
    (MMLorHTML, which would fetch web fonts) and the MathML output's web-font rules."""
    from jupyter_server_mathjax import __file__ as package
    static = Path(package).parent / "static"
    combined = (static / "config" / "TeX-AMS-MML_HTMLorMML-full.js").read_text()
    start = combined.index('(function(c,g){var f="2.7.0";var a=MathJax.Hub.CombineConfig("MMLorHTML"')
    end = combined.index('MathJax.Ajax.loadComplete("[MathJax]/config/MMLorHTML.js");', start)
    native = ('MathJax.Hub.Register.StartupHook("End Config",function(){'
              'MathJax.OutputJax.NativeMML.Register("jax/mml")});')
    combined = combined[:start] + native + combined[end:]
    combined = re.sub(r',"@font-face /\*\d\*/":\{[^{}]*\}', "", combined)
    parts = [MATHJAX_CONFIG, (static / "MathJax.js").read_text(), combined,
             'MathJax.Ajax.Preloading("[MathJax]/extensions/Safe.js");',
             (static / "extensions" / "Safe.js").read_text()]
    # nothing in it may end the <script> element it is put in
    return re.sub(r"</(script)", r"<\\/\1", "\n".join(parts), flags=re.I).replace("<!--", "<\\!--")
