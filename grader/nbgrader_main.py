"""`nbgrader ARGS` as `python -m grader.nbgrader_main ARGS`, faster and doing the same:
- started without the 1.3 s jsonschema spends building the grammar of its optional IRI checker
  on `import nbformat` (nbformat never checks IRIs; grader/runner.py does the same), and
  without importing setuptools (0.3-0.8 s) for the archive helpers only `zip_collect` calls;
- nbgrader checks every cell's nbgrader metadata with `jsonschema.validate(meta, schema)`,
  which first checks the (constant) schema itself against jsonschema's meta-schema: most of
  the instructor's process's time in a batch. Here each schema is checked once, then every
  cell is validated against it as before (same errors);
- one SQLAlchemy engine per gradebook for the process, not one per Gradebook opened, and in a
  batch its tables listed and created once, not at every Gradebook opened;
- cell metadata found valid not validated again (the same in every submission);
- the notebook validated once after nbconvert's preprocessors, not after each (FAST_OPTIONS)."""
import json
import os
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


MAX_REMEMBERED = 100_000      # valid cell metadata, by their JSON text (a few hundred bytes each)


def _as_json(instance):
    """The JSON text of a cell's metadata (1 and 1.0, 1 and true stay apart), or None."""
    try:
        return json.dumps(instance, sort_keys=True, allow_nan=False)
    except (TypeError, ValueError):
        return None


def validate_with_checked_schemas():
    """nbgrader's cell metadata validation with each schema checked once, and metadata found
    valid not checked again (a test cell's metadata is the same in every submission)."""
    import jsonschema
    from nbgrader.nbgraderformat import common
    validators, valid = {}, set()

    def validate(instance, schema):
        key = json.dumps(schema, sort_keys=True)
        if key not in validators:
            cls = jsonschema.validators.validator_for(schema)
            cls.check_schema(schema)
            validators[key] = cls(schema)
        seen = _as_json(instance)
        if seen is not None and (key, seen) in valid:
            return
        error = jsonschema.exceptions.best_match(validators[key].iter_errors(instance))
        if error is not None:
            raise error
        if seen is not None and len(valid) < MAX_REMEMBERED:
            valid.add((key, seen))

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


def tables_checked_once():
    """nbgrader's Gradebook() lists the database's tables, creates any missing and makes sure
    the course has its row, then commits (about ten times a submission). In a grader.batch run
    (one process per batch, its gradebook in place for the whole run) that is done once per
    engine, i.e. per database (one_engine_per_database): what it made stays there."""
    from nbgrader import api
    real_inspect, real_create_all = api.inspect, api.Base.metadata.create_all
    real_check_course = api.Gradebook.check_course
    tables, courses = {}, set()     # engine: its table names after create_all; (engine, course)

    def check_course(gradebook, course_id="default_course", **kwargs):
        key = (gradebook.engine, course_id)
        if key in courses and not kwargs:
            return None            # only Gradebook() calls it, and ignores what it returns
        course = real_check_course(gradebook, course_id=course_id, **kwargs)
        courses.add(key)
        return course

    def inspect(subject, *args, **kwargs):
        if subject in tables:
            return types.SimpleNamespace(get_table_names=lambda: list(tables[subject]))
        return real_inspect(subject, *args, **kwargs)

    def create_all(bind, **options):
        if bind in tables and not options:
            return
        real_create_all(bind=bind, **options)
        tables[bind] = real_inspect(bind).get_table_names()

    api.inspect, api.Base.metadata.create_all = inspect, create_all
    api.Gradebook.check_course = check_course


def speed_up():
    """All of the above, before nbgrader runs."""
    keep_slow_imports_out()
    validate_with_checked_schemas()
    one_engine_per_database()
    if os.environ.get("NNDL_BATCH_TOTAL"):       # set by grader.batch for its nbgrader run
        tables_checked_once()


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
