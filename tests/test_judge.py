"""Unit tests of the judge's plain-data records, seeds and hints."""
import json

import numpy as np
import pytest

from grader import judge
from utils.checks import expect, scale_hint
from utils import plaindata
from utils.checks import CheckError


def test_plaindata_round_trip(tmp_path):
    value = ({"dw": np.arange(6.0).reshape(3, 2), "db": np.float32(1.5)}, 0.25, [1, "a", None])
    plaindata.save(value, tmp_path / "r")
    back = plaindata.load(tmp_path / "r")
    assert isinstance(back, tuple) and back[1] == 0.25 and back[2] == [1, "a", None]
    assert back[0]["dw"].shape == (3, 2) and back[0]["db"].dtype == np.float32


def test_plaindata_refuses_objects_and_pickles(tmp_path):
    class Liar:
        def __eq__(self, other):
            return True
    plaindata.save({"cost": Liar(), "arr": np.array([Liar()], dtype=object)}, tmp_path / "r")
    back = plaindata.load(tmp_path / "r")
    assert isinstance(back["cost"], plaindata.Opaque) and back["cost"] != 0
    assert isinstance(back["arr"], plaindata.Opaque)
    # an npz holding a pickled object array is refused
    np.savez(tmp_path / "p.npz", a0=np.array([{"forged": True}], dtype=object))
    (tmp_path / "p.json").write_text(json.dumps({"t": "array", "k": "a0"}))
    with pytest.raises(ValueError):
        plaindata.load(tmp_path / "p")


def test_seeds_differ_per_student_and_are_stable():
    a = judge.submission_seed("week2_logistic_regression", "alice")
    assert a == judge.submission_seed("week2_logistic_regression", "alice")
    assert a != judge.submission_seed("week2_logistic_regression", "bob")


def test_inputs_include_non_square_and_single_example():
    cases = judge.make_cases("week2_logistic_regression", 7)
    shapes = [c.args[2].shape for c in cases["propagate"]]
    assert any(m == 1 for _, m in shapes) and any(n != m for n, m in shapes)


def test_hints_name_the_mistake_without_revealing_values():
    expected = np.array([[0.123456], [0.654321]])
    assert "m = 5 times too large: did you divide by m?" in scale_hint(expected * 5, expected, m=5)
    with pytest.raises(CheckError) as e:
        expect(expected * 5, expected, "dw", m=5)
    assert "0.123456" not in str(e.value) and "did you divide by m" in str(e.value)
    with pytest.raises(CheckError, match=r"shape \(2,\), expected \(2, 1\).*keep the column shape"):
        expect(expected.ravel(), expected, "dw")


def test_an_exception_is_told_with_its_line_and_a_stub_as_not_written():
    """A student's own error shows the line it came from; an untouched stub says what to do."""
    from utils.grading import _call

    def propagate(w):
        grads = {"dw": w}
        return grads["db"]

    def softmax(x):
        raise NotImplementedError()

    case = judge.Case(args=(np.zeros(2, np.float32),), label="float32 inputs")
    rec = _call(propagate, {"args": list(case.args), "kwargs": {}})
    said = judge._raised("propagate", case, rec)
    line = propagate.__code__.co_firstlineno + 2
    assert said == (f"propagate(float32 inputs) raised KeyError: 'db' at line {line} of propagate: "
                    "`return grads[\"db\"]`"), said
    said = judge._raised("softmax", case, _call(softmax, {"args": [1], "kwargs": {}}))
    assert said.startswith("softmax is not written yet: replace `raise NotImplementedError()`")


def test_known_mistakes_are_computed_only_when_a_check_fails():
    """A right answer never pays for its hints; a wrong one gets the matching hint."""
    expected = np.array([[0.25], [0.5]])

    def mistakes():
        raise AssertionError("the hints were computed for a right answer")
    expect(expected.copy(), expected, "dw", alternatives=mistakes, m=4)
    with pytest.raises(CheckError, match="forgot the bias"):
        expect(expected + 1, expected, "dw", alternatives=lambda: [("forgot the bias", expected + 1)])


def test_one_wording_per_mistake_on_both_sides():
    """The visible tests and the judge say 'm times too large' the same way."""
    from utils.checks import check_scalar
    with pytest.raises(CheckError) as hidden:
        expect(np.float64(1.5), 0.5, "cost", m=3)
    with pytest.raises(CheckError) as visible:
        check_scalar(1.5, 0.5, "cost", hint=scale_hint(1.5, 0.5, 3, "the formula"))
    words = "it is m = 3 times too large: did you divide by m?"
    assert words in str(hidden.value) and words in str(visible.value)


def test_an_error_deep_in_numpy_names_the_students_line_and_a_bare_assert_says_what_it_is(tmp_path):
    from utils.grading import _call

    cell = tmp_path / "cell.py"   # compiled outside pytest, whose assert rewriting adds a message
    cell.write_text("def propagate(w):\n    assert w.dtype == float\n    return w\n")
    ns = {}
    exec(compile(cell.read_text(), str(cell), "exec"), ns)
    propagate = ns["propagate"]

    def invert(w):
        # np.linalg.inv raises inside numpy's own python code
        inverse = np.linalg.inv(w)
        return inverse

    case = judge.Case(args=(np.zeros((2, 3), np.float32),), label="float32 inputs")
    said = judge._raised("propagate", case, _call(propagate, {"args": list(case.args), "kwargs": {}}))
    assert "raised AssertionError at line" in said and "`assert w.dtype == float`" in said
    assert said.endswith("check what it assumes (a dtype, a shape, a size taken from the notebook)")
    said = judge._raised("invert", case, _call(invert, {"args": list(case.args), "kwargs": {}}))
    assert "LinAlgError" in said and "`inverse = np.linalg.inv(w)`" in said, said


def test_no_message_is_ever_empty():
    class Info:
        value, typename = CheckError(""), "CheckError"
    assert judge._message(Info()).strip()
    assert judge._message(None).strip()
    said = judge._raised("f", judge.Case(args=()), {"ok": False, "error": "", "error_type": ""})
    assert said.startswith("f() raised an exception") and said.endswith("without a message")


def test_a_call_records_which_inputs_it_changed_in_place():
    from utils.grading import _call

    def update_parameters(parameters, grads, learning_rate):
        parameters["W1"] -= learning_rate * grads["dW1"]
        return parameters

    params, grads = {"W1": np.ones((2, 2))}, {"dW1": np.ones((2, 2))}
    rec = _call(update_parameters, {"args": [params, grads], "kwargs": {"learning_rate": 0.5}})
    assert rec["ok"] and rec["changed"] == ["arg 0"]
    assert np.array_equal(params["W1"], np.ones((2, 2))), "the caller's own copy is untouched"
    rec = _call(lambda p, g, learning_rate: {"W1": p["W1"] - g["dW1"]},
                {"args": [params, grads], "kwargs": {"learning_rate": 0.5}})
    assert rec["changed"] == []


def _judged(tmp_path, name, argv, warm=None):
    """The report of `python -m grader.judge ARGV` (warm: on that warm judge instead)."""
    import subprocess
    import sys
    report = tmp_path / f"{name}.json"
    argv = [*argv, "--report", str(report)]
    if warm is None:
        code = subprocess.run([sys.executable, "-m", "grader.judge", *argv],
                              capture_output=True).returncode
    else:
        code = warm.run(argv, tmp_path / f"{name}.err", 120)
    assert code == 0, (tmp_path / f"{name}.err").read_text() if warm else code
    return json.loads(report.read_text())


def test_the_warm_judge_runs_its_collected_checks_like_pytest_would(tmp_path):
    """The warm judge collects the preloaded assignment's checks once and a child only runs
    them (--only filters them too); another assignment is collected in the child. Each
    report equals a judge process of its own: here a submission whose functions left nothing
    (every check fails with its message) and one function marked absent."""
    probe = tmp_path / "probe"
    (probe / "outputs").mkdir(parents=True)
    asks = [["week2_logistic_regression", str(probe), "--seed", "3", "--student", "s",
             "--absent", json.dumps({"sigmoid": "sigmoid was imported, not written"})],
            ["week2_logistic_regression", str(probe), "--seed", "4", "--only", "propagate",
             "--only", "predict"],
            ["week2_numpy_basics", str(probe), "--seed", "5"]]
    warm = judge.WarmJudge(["week2_logistic_regression"])
    try:
        colds = [_judged(tmp_path, f"cold{i}", argv) for i, argv in enumerate(asks)]
        assert [_judged(tmp_path, f"warm{i}", argv, warm) for i, argv in enumerate(asks)] == colds
    finally:
        warm.close()
    assert all(f["passed"] == 0 for cold in colds for f in cold["functions"].values())
    assert "imported, not written" in colds[0]["functions"]["sigmoid"]["messages"][0]
    assert sorted(colds[1]["functions"]) == ["predict", "propagate"]
    assert colds[2]["assignment"] == "week2_numpy_basics" and colds[2]["functions"]
