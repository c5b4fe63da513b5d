# nndl-course: two commands on a fresh machine (Python 3.11 and pip present).
#   make demo   set up, build release/, grade the sample submissions, print scores, write feedback
#   make test   set up and run every test
#   make lab    JupyterLab on a student working copy (work/), never on release/ itself
#   make author JupyterLab on source/, hidden checks shown at once by each probe cell
#   make grade, make lab, make feedback take A=<assignment> (default: week 2 logistic regression)
#   make grade ARGS='--workers 4' or ARGS='--scheduler tcp://host:8786' or ARGS=--student=x
# The course loop on one host (docs/running_the_course.md):
#   make release [A=x]  build release/ and put x (default: every assignment) in the exchange
#   make lab A=x        student: a working copy; Nbgrader > Assignment List submits it
#   make collect A=x    make grade A=x    make feedback A=x (also releases it to the students)
#   make roster         enrol the students listed in roster.csv
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
export PATH := $(BIN):$(PATH)
ASSIGNMENTS := $(notdir $(patsubst %/,%,$(dir $(wildcard source/*/*.ipynb))))
DEMO_ASSIGNMENT := week2_logistic_regression
A ?= $(DEMO_ASSIGNMENT)
# `make release` puts every assignment in the exchange unless A= is given on the command line.
RELEASED := $(if $(filter command line environment,$(origin A)),$(A),$(ASSIGNMENTS))

.PHONY: setup demo test lint release roster collect grade feedback lab author bench clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@command -v bwrap >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
	  (apt-get update -qq && apt-get install -y -qq bubblewrap) >/dev/null 2>&1; } || \
	  echo "WARNING: bubblewrap is not installed: grading will run WITHOUT a sandbox"
	@command -v chromium >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
	  (apt-get update -qq && apt-get install -y -qq chromium) >/dev/null 2>&1; } || \
	  echo "WARNING: chromium is not installed: the browser tests will be skipped"
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -e .
	touch $@

release: setup
	cd $(CURDIR) && for a in $(ASSIGNMENTS); do nbgrader generate_assignment $$a --force --log-level=WARN || exit 1; done
	$(BIN)/python -m grader.course_loop release $(RELEASED)
	$(BIN)/python -m grader.course_loop student-config $(VENV)/etc/jupyter

roster: setup
	$(BIN)/python -m grader.course_loop roster

collect: setup
	$(BIN)/python -m grader.course_loop collect $(A)

grade: setup
	$(BIN)/python -m grader.batch $(A) $(ARGS) $(if $(findstring --student,$(ARGS)),--service); code=$$?; $(BIN)/python -m grader.course_loop protect; exit $$code

.PHONY: report
report: setup
	$(BIN)/python -m grader.report $(A)

feedback: setup
	$(BIN)/python -m grader.batch $(A) --feedback; code=$$?; \
	  $(BIN)/python -m grader.course_loop release-feedback $(A) && exit $$code

demo: release
	$(BIN)/python -m grader.batch $(DEMO_ASSIGNMENT) --samples --feedback
	$(BIN)/python -m grader.batch week2_quiz --samples --feedback

# Three workers on two cores, one test file each at a time: the grading tests wait on
# sandboxes, kernels, a browser and a dask cluster much of the time, so the other files' work
# fills the gaps (a clean-clone run: 21m45s on two workers, 19m29s on three).
test: setup
	$(BIN)/python -m pytest -n 3 --dist loadfile --durations=15

lint: setup
	$(BIN)/ruff check .

lab: setup
	$(BIN)/python -m grader.workcopy $(A)
	cd work && jupyter lab $$( [ "$$(id -u)" = 0 ] && echo --allow-root )

author: setup
	cd source && NNDL_VERDICT=grader.instructor:verdict jupyter lab $$( [ "$$(id -u)" = 0 ] && echo --allow-root )

bench: release
	$(BIN)/python scripts/bench_autograde.py
	$(BIN)/python scripts/bench_notebooks.py

clean:
	-test -x $(BIN)/python && $(BIN)/python -m grader.service stop
	rm -rf $(VENV) gradebook.db exchange submitted intake autograded/*/ feedback reports work .grader-service
