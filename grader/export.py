"""grades.csv that means what it says: `nbgrader export` through `GradesExport`.

nbgrader's CsvExportPlugin writes every gradebook student x every assignment and puts 0.0 where
nothing was submitted, or where nothing was graded yet. Here:
- rows cover the assignments that have at least one graded submission (one not graded yet has
  no rows), times every student in the gradebook (the roster, when the course has one);
- a student with no submission gets `status` "missing" and empty score fields, never 0;
- scores are the gradebook's (score = raw score - late penalty, floored at 0, as nbgrader's).
"""
import csv

from nbgrader.api import MissingEntry
from nbgrader.plugins.export import ExportPlugin

COLUMNS = ["assignment", "duedate", "timestamp", "student_id", "last_name", "first_name",
           "email", "status", "raw_score", "late_submission_penalty", "score", "max_score"]


def graded_assignments(gradebook, only=()):
    """Assignments with at least one submission in the gradebook (in release order)."""
    return [a for a in gradebook.assignments
            if (not only or a.name in only) and gradebook.assignment_submissions(a.name)]


def grade_row(gradebook, assignment, student):
    """One CSV row: the student's graded submission of `assignment`, or a "missing" row."""
    row = {"assignment": assignment.name, "duedate": assignment.duedate or "",
           "student_id": student.id, "last_name": student.last_name or "",
           "first_name": student.first_name or "", "email": student.email or "",
           "max_score": assignment.max_score}
    try:
        sub = gradebook.find_submission(assignment.name, student.id)
    except MissingEntry:
        return {**row, "status": "missing", "timestamp": "", "raw_score": "",
                "late_submission_penalty": "", "score": ""}
    penalty = sub.late_submission_penalty or 0.0
    return {**row, "status": "graded", "timestamp": sub.timestamp or "", "raw_score": sub.score,
            "late_submission_penalty": penalty, "score": max(0.0, sub.score - penalty)}


class GradesExport(ExportPlugin):
    """Enrolled students x graded assignments; a missing submission is "missing", not 0."""

    def export(self, gradebook):
        dest = self.to or "grades.csv"
        students = [s for s in gradebook.students if not self.student or s.id in self.student]
        assignments = graded_assignments(gradebook, [str(a) for a in self.assignment])
        with open(dest, "w", newline="") as fh:
            out = csv.DictWriter(fh, COLUMNS)
            out.writeheader()
            for assignment in assignments:
                for student in students:
                    out.writerow(grade_row(gradebook, assignment, student))
        self.log.info("Exported %d assignments x %d students to %s",
                      len(assignments), len(students), dest)
