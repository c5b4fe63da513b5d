"""Visible tests the notebooks call; one module per assignment. They run in the student's kernel
and only help the student: points are decided by the judge in `grader/`."""
