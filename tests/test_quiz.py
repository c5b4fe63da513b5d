"""The weekly quizzes (utils/quiz.py, grader/quizzes.py, grader/test_weekN_quiz.py): numbers
drawn per student, answers read the same way by the visible check and the judge, the partial
credit rule, and the judge grading each student against their own numbers. Whole notebooks are
graded with exact scores in tests/test_autograde.py (grader/samples/weekN_quiz.py)."""
import json
import re
import subprocess
import sys

import nbformat
import pytest

from conftest import ASSIGNMENTS, ROOT
from grader import judge, quizzes
from utils import grading, quiz

QUIZZES = [a for a in ASSIGNMENTS if a.endswith("_quiz")]
CHECK_RE = re.compile(r"^(check_\w+)\((q\d+)(?:, \"(\w+)\")?\)$", re.M)
KINDS = {"check_choice": quizzes.Single, "check_choices": quizzes.Several,
         "check_number": quizzes.Number, "check_shape": quizzes.Shape}


def questions(assignment):
    return judge.spec(assignment).QUESTIONS


def parametric(assignment):
    return {q: s for q, s in questions(assignment).items() if s.numbers}


def test_numbers_are_the_students_own_and_stable():
    ranges = dict(n_x=(2, 9), n_h=(2, 9), m=(10, 99))
    ann = quiz.student_numbers("week3_quiz", "q2", "ann", **ranges)
    assert ann == quiz.student_numbers("week3_quiz", "q2", "ann", **ranges)
    assert ann != quiz.student_numbers("week3_quiz", "q2", "bob", **ranges)
    assert ann != quiz.student_numbers("week3_quiz", "q3", "ann", **ranges)
    assert len(set(ann)) == 3 and 2 <= ann[0] <= 9 and 10 <= ann[2] <= 99


def test_the_student_id_comes_from_the_grader_when_set(monkeypatch):
    monkeypatch.setenv(quiz.STUDENT_ENV, "ann")
    assert quiz.student_id() == "ann"
    assert quiz.student_numbers("q", "q1", m=(1, 1000)) == quiz.student_numbers("q", "q1", "ann", m=(1, 1000))


@pytest.mark.parametrize("read,ans,words", [
    (lambda a: quiz.read_choice(a, "abcd"), "z", "one letter among a, b, c, d"),
    (lambda a: quiz.read_choice(a, "abcd"), ["b"], "found ['b']"),
    (lambda a: quiz.read_choices(a, "abcde"), "af", "'f' is not a choice"),
    (lambda a: quiz.read_choices(a, "abcde"), {"a", "c"}, "in a string such as \"ac\""),
    (quiz.read_number, "0.25", "not in quotes"),
    (quiz.read_number, True, "expected a number"),
    (quiz.read_shape, 7, "found the number 7"),
    (quiz.read_shape, (4.0, 7), "whole numbers"),
])
def test_malformed_answers_say_what_was_expected(read, ans, words):
    with pytest.raises(quiz.Malformed, match=re.escape(words)):
        read(ans)


def test_well_formed_answers_are_read_alike():
    assert quiz.read_choice(" B ", "abcd") == "b"
    assert quiz.read_choices("c, a", "abcde") == quiz.read_choices(["a", "c"], "abcde") == "ac"
    assert quiz.read_shape([4, 7]) == quiz.read_shape((4, 7)) == (4, 7)
    with pytest.raises(NotImplementedError, match="no answer yet"):
        quiz.check_shape(None)


@pytest.mark.parametrize("picked,earned", [("acd", 3), ("ac", 2), ("acb", 1), ("abe", 0),
                                           ("abcde", 1), ("b", 0)])
def test_several_choices_each_right_plus_each_wrong_minus_floor_zero(picked, earned):
    spec = quizzes.Several("acd", why="")
    try:
        got = spec.earned(picked, "acd", "q3", {})
    except quizzes.CheckError as e:
        got = e.args[1]
    assert got == earned


@pytest.mark.parametrize("assignment", QUIZZES)
def test_notebook_and_judge_agree_on_every_question(assignment):
    """Each test cell's visible check matches the judge's kind of question and its choices;
    a third of the questions at least are parametric, and each says why its answer is right."""
    nb = nbformat.read(ROOT / "source" / assignment / f"{assignment}.ipynb", as_version=4)
    found = {m.group(2): (m.group(1), m.group(3)) for c in nb.cells if c.cell_type == "code"
             for m in CHECK_RE.finditer(c.source)}
    specs = questions(assignment)
    assert set(found) == set(specs)
    for q, (check, options) in found.items():
        assert isinstance(specs[q], KINDS[check]), q
        assert options == getattr(specs[q], "options", None), q
        assert specs[q].why.strip(), q
    assert 3 * len(parametric(assignment)) >= len(specs)


def _judge(assignment, answers, student, tmp_path):
    """The judge's report on `answers` ({question: value}) recorded as the notebook would."""
    probe_dir = tmp_path / student
    judge.write_inputs(assignment, probe_dir, seed=0)
    for q, value in answers.items():
        grading._registered[q] = (lambda v: lambda: v)(value)
        grading.record(q, probe_dir)
        (probe_dir / "outputs" / q / "meta.json").write_text(json.dumps(
            {**json.loads((probe_dir / "outputs" / q / "meta.json").read_text()), "module": "__main__"}))
    report = probe_dir / "report.json"
    subprocess.run([sys.executable, "-m", "grader.judge", assignment, str(probe_dir), "--seed", "0",
                    "--report", str(report), "--student", student], check=True, cwd=ROOT)
    return json.loads(report.read_text())["functions"]


@pytest.mark.parametrize("assignment", QUIZZES)
def test_the_judge_grades_each_student_on_their_own_numbers(assignment, tmp_path):
    """Ann's right answers get full marks for Ann; for Bob the parametric ones whose numbers
    differ fail, saying they are not right for his numbers; everything says why."""
    ann = {q: s.right_for(assignment, q, "ann")[0] for q, s in questions(assignment).items()}
    for_ann = _judge(assignment, ann, "ann", tmp_path)
    assert all(v["passed"] == v["total"] for v in for_ann.values()), for_ann
    assert all(any(m.startswith("why: ") for m in v["messages"]) for v in for_ann.values())
    for_bob = _judge(assignment, ann, "bob", tmp_path)
    differ = [q for q, s in parametric(assignment).items() if s.right_for(assignment, q, "bob")[0] != ann[q]]
    assert len(differ) >= len(parametric(assignment)) // 2
    for q in differ:
        assert for_bob[q]["passed"] == 0 and "for your numbers" in " ".join(for_bob[q]["messages"]), q
