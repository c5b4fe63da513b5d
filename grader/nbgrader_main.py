"""`nbgrader ARGS` as `python -m grader.nbgrader_main ARGS`, faster and doing the same:
- started without the 1.3 s jsonschema spends building the grammar of its optional IRI checker
  on `import nbformat` (nbformat never checks IRIs; grader/runner.py does the same), and
  without importing setuptools (0.3-0.8 s) for the archive helpers only `zip_collect` calls;
- nbgrader checks every cell's nbgrader metadata with `jsonschema.validate(meta, schema)`,
  which first checks the (constant) schema itself against jsonschema's meta-schema: most of
  the instructor's process's time in a batch. Here each schema is checked once, then every
  cell is validated against it as before (same errors);
- one SQLAlchemy engine per gradebook for the process, not one per Gradebook opened;
- the notebook validated once after nbconvert's preprocessors, not after each (FAST_OPTIONS)."""
import json
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


def validate_with_checked_schemas():
    """nbgrader's cell metadata validation with each schema checked once."""
    import jsonschema
    from nbgrader.nbgraderformat import common
    validators = {}

    def validate(instance, schema):
        key = json.dumps(schema, sort_keys=True)
        if key not in validators:
            cls = jsonschema.validators.validator_for(schema)
            cls.check_schema(schema)
            validators[key] = cls(schema)
        error = jsonschema.exceptions.best_match(validators[key].iter_errors(instance))
        if error is not None:
            raise error

    common.jsonschema = types.SimpleNamespace(validate=validate)


def one_engine_per_database():
    """nbgrader opens a Gradebook several times per notebook, each with a new SQLAlchemy
    engine whose statement cache starts empty (compiling the same queries again: about a
    third of the gradebook's time). Here each database gets one engine, kept for the process;
    Gradebook.close() still closes its connections (engine.dispose())."""
    import sqlalchemy
    from nbgrader import api
    engines = {}

    def create_engine(url, **options):
        key = (str(url), json.dumps(options, sort_keys=True, default=str))
        if key not in engines:
            engines[key] = sqlalchemy.create_engine(url, **options)
        return engines[key]

    api.create_engine = create_engine


def speed_up():
    """All of the above, before nbgrader runs."""
    keep_slow_imports_out()
    validate_with_checked_schemas()
    one_engine_per_database()


# nbconvert validates the whole notebook against nbformat's schema after every preprocessor
# (13 in autograde); optimistic: once after the last (the same notebooks pass and fail).
FAST_OPTIONS = {"autograde": ["--Exporter.optimistic_validation=True"],
                "generate_feedback": ["--Exporter.optimistic_validation=True"]}


if __name__ == "__main__":
    speed_up()
    sys.argv += FAST_OPTIONS.get(sys.argv[1] if len(sys.argv) > 1 else "", [])
    if {"--help-all", "--help"} & set(sys.argv):     # list the course's steps and their settings
        from nbgrader.apps.autogradeapp import AutogradeApp

        from grader.nbgrader_plugin import document_in
        document_in(AutogradeApp)
    from nbgrader.apps.nbgraderapp import main
    sys.exit(main())
