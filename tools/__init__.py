"""Instructor tools of the nndl course (data builders); not shipped to students."""
