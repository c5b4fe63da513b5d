"""Reference solutions, one module per assignment; imported only by the judge."""
