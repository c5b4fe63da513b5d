"""Instructor-only grading: reference solutions, hidden checks, the judge and the sandbox.

Never shipped to students, never mounted inside the grading sandbox.
"""
