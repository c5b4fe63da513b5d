"""nbgrader configuration of the course. Paths resolve from this file, never from the machine.

The autograde pipeline is nbgrader's own, with one step replaced: `Execute` becomes
`grader.nbgrader_plugin.SandboxedJudge`, which runs each submission in a sandbox and lets the
judge (a separate process that never runs student code) decide the points.
"""
import warnings
from pathlib import Path

from nbconvert.preprocessors import ClearMetadataPreprocessor, CSSHTMLHeaderPreprocessor
from nbgrader.preprocessors import (AssignLatePenalties, CheckCellMetadata, ClearHiddenTests,
                                    ClearOutput, GetGrades, IgnorePattern, LimitOutput,
                                    OverwriteKernelspec)

from grader.course_loop import COURSE_ID, ROSTER, exchange_root
from grader.feedback import TEMPLATE, FeedbackPage, SanitizeMarkdown
from grader.nbgrader_plugin import (OverwriteCellsAtOnce, RepairCells, SandboxedJudge,
                                    SaveAutoGradesAtOnce)

ROOT = Path(__file__).resolve().parent
c = get_config()  # noqa: F821 (provided by nbgrader when it loads this file)

# nbgrader 0.9.6's gradebook code trips SQLAlchemy 2's "not in session" warnings on every
# submission; they are harmless and drown what an instructor must read.
warnings.filterwarnings("ignore", message=".*not in session.*", module="nbgrader.api")

c.CourseDirectory.root = str(ROOT)
c.CourseDirectory.course_id = COURSE_ID
c.CourseDirectory.db_url = f"sqlite:///{ROOT / 'gradebook.db'}"
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback",
                            "grading_report.json"]
# The exchange students fetch from and submit to: $NNDL_EXCHANGE, else exchange/ here
# (docs/running_the_course.md). With a roster.csv, only the students on it are graded.
c.Exchange.root = exchange_root(ROOT)
c.Exchange.path_includes_course = True
c.Autograde.create_student = not (ROOT / ROSTER).exists()
# grades.csv: enrolled students x graded assignments, a missing submission is "missing", not 0.
c.ExportApp.plugin_class = "grader.export.GradesExport"

# Notebooks that `nbgrader validate` executes (students' own check) get 2 minutes a cell.
c.Execute.timeout = 120

c.Autograde.sanitize_preprocessors = [
    ClearOutput,
    RepairCells,               # instead of DeduplicateIds, whose empty metadata aborts a batch
    OverwriteKernelspec,
    OverwriteCellsAtOnce,      # nbgrader's OverwriteCells, the gradebook read once a notebook
    SanitizeMarkdown,          # a student's markdown cannot script formgrader or feedback
    CheckCellMetadata,
]
c.Autograde.autograde_preprocessors = [
    SandboxedJudge,            # instead of Execute
    IgnorePattern,
    ClearMetadataPreprocessor,
    LimitOutput,
    SaveAutoGradesAtOnce,      # nbgrader's SaveAutoGrades, one commit a notebook
    AssignLatePenalties,
    CheckCellMetadata,
]
# The sandbox limits keep their defaults (grader/sandbox.py `Limits`, each field a setting
# that `nbgrader autograde --help-all` lists). Set here only what differs, e.g.
# c.SandboxedJudge.memory_gib = 8.0 for notebooks that need more memory.

# Feedback shows the verdicts but never the hidden test code.
c.GenerateFeedback.preprocessors = [GetGrades, CSSHTMLHeaderPreprocessor, FeedbackPage,
                                    ClearHiddenTests]
# Feedback pages name each test cell's function, wrap verdicts and carry their own MathJax
# (grader/feedback.py); formgrader keeps nbgrader's own template.
c.GenerateFeedback.HTMLExporter.template_file = str(TEMPLATE)
