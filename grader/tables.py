"""The judge's side of the tables of cases (`utils.cases`): one weighted check per kind.

A hidden check module built on a table writes

    cases, DEPENDS = table_cases(TABLE), {...}
    add_kind_checks(globals(), TABLE, {"sigmoid": check_sigmoid,
                                       "propagate": (check_propagate, ["dw", "db", "cost"])})

where `check_<name>(case, out)` (or `check_<name>(case, out, part)` for a function checked in
parts) raises `CheckError` (with a hint) unless `out` is right for `case`. Each (function,
kind, part) becomes one pytest check marked `checks(name, weight=w)`, w the kind's weight: a
function's points are split over its kinds by weight, and a kind's share equally over the
parts (so a right dw with a wrong cost keeps the dw's share).
"""
from grader.judge import checks
from utils import plaindata
from utils.cases import draw


def table_cases(table):
    """cases(rng) for the judge: fresh draws of every kind in `table`."""
    return lambda rng: draw(table, rng)


def add_kind_checks(namespace, table, check):
    """Adds test_<name>_<kind>[_<part>] to `namespace` for every function, kind and part."""
    for name, kinds in table.items():
        func, parts = check[name] if isinstance(check[name], tuple) else (check[name], [None])
        for kind in kinds:
            for part in parts:
                test = _kind_check(name, kind.name, func, part)
                namespace[test.__name__] = checks(name, weight=kind.weight)(test)


def _kind_check(name, kind, check, part):
    def test(sub):
        for case, out in sub.results(name, tag=kind):
            check(case, out) if part is None else check(case, out, part)
    test.__name__ = f"test_{name}_{kind}" + (f"_{part}" if part else "")
    return test


def changed_inputs(sub, name):
    """[(case, ["arg 0", ...])]: the inputs each call of `name` changed in place (as recorded
    by utils.grading, which calls on copies and compares them afterwards)."""
    out = []
    for i, (case, _) in enumerate(sub.results(name)):
        try:
            rec = plaindata.load(sub.out / name / f"case{i:02d}")
        except (OSError, ValueError, plaindata.RecordError):
            continue
        out.append((case, list(rec.get("changed") or []) if isinstance(rec, dict) else []))
    return out


def weight(table, name, kind, parts=1):
    """The weight of one of the `parts` checks of `name`'s `kind`: the kind's weight split
    equally (for hidden modules that write their checks by hand)."""
    (k,) = [k for k in table[name] if k.name == kind]
    share = k.weight / parts
    return int(share) if share == int(share) else share      # "3/5 checks", not "3.0/5.0"
