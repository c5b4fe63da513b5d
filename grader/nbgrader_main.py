"""`nbgrader ARGS` as `python -m grader.nbgrader_main ARGS`, started faster: without the 1.3 s
jsonschema spends building the grammar of its optional IRI checker on `import nbformat`
(nbformat never checks IRIs; grader/runner.py does the same), and without importing
setuptools (0.3-0.8 s) for the archive helpers only `nbgrader zip_collect` calls."""
import sys
import types

ARCHIVE_HELPERS = ("unpack_archive", "unpack_tarfile", "unpack_zipfile")


def _on_first_call(name):
    """setuptools.archive_util.`name`, imported when first called."""
    def call(*args, **kwargs):
        if isinstance(sys.modules.get("setuptools.archive_util"), LazyArchiveUtil):
            del sys.modules["setuptools.archive_util"]
        import setuptools.archive_util
        return getattr(setuptools.archive_util, name)(*args, **kwargs)
    return call


class LazyArchiveUtil(types.ModuleType):
    """Stands for setuptools.archive_util until one of its helpers is called."""


def keep_slow_imports_out():
    sys.modules.setdefault("rfc3987_syntax", None)
    lazy = LazyArchiveUtil("setuptools.archive_util")
    for name in ARCHIVE_HELPERS:
        setattr(lazy, name, _on_first_call(name))
    sys.modules.setdefault("setuptools.archive_util", lazy)


if __name__ == "__main__":
    keep_slow_imports_out()
    from nbgrader.apps.nbgraderapp import main
    sys.exit(main())
