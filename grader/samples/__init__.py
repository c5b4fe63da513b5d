"""Canned submissions: built from release/ by replacing solution cells; see build.py."""
