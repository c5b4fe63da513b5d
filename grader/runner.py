"""Runs one submission's notebook inside the sandbox, then records its graded functions.

Started by grader/sandbox.py as `python runner.py JOB_DIR`, where JOB_DIR holds job.json,
submission/ (the notebook and its files; the kernel's working directory) and probe/ (the
judge's inputs). Writes JOB_DIR/executed.ipynb and JOB_DIR/log.json. Everything it writes is
treated as untrusted by the caller: only plain data cross back.

A cell that kills the kernel or runs past its time limit is marked, the kernel is restarted,
the earlier cells are run again, and execution goes on after it; each graded function is then
recorded in its own request, so a crash in one costs only that function.
"""
import json
import sys
import time
from pathlib import Path

# jsonschema (under nbformat) imports the optional IRI checker rfc3987_syntax whenever it is
# installed (JupyterLab's dependencies install it), and that module builds a grammar for about
# 1.3 s: 40 % of a sandboxed run. nbformat never checks IRIs, so keep the module out.
sys.modules.setdefault("rfc3987_syntax", None)

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError


class Runner:
    def __init__(self, job_dir):
        self.job_dir = Path(job_dir)
        self.job = json.loads((self.job_dir / "job.json").read_text())
        self.nb = nbformat.read(self.job_dir / "submission" / self.job["notebook"], as_version=4)
        self.log = {"skipped": [], "failed_cells": [], "restarts": 0, "probes": {}}
        self.client = NotebookClient(
            self.nb, timeout=self.job["cell_timeout"], kernel_name="python3",
            allow_errors=True, interrupt_on_timeout=False, shutdown_kernel="immediate",
            resources={"metadata": {"path": str(self.job_dir / "submission")}})
        self.bad = set()

    def runnable(self, index, cell):
        tags = cell.get("metadata", {}).get("tags", [])
        return cell.cell_type == "code" and index not in self.bad and self.job["skip_tag"] not in tags

    def start_kernel(self, replay_until):
        """(Re)starts the kernel and replays the good cells before `replay_until`."""
        if self.client.km is not None:
            self.client._cleanup_kernel()
        self.client.km = self.client.create_kernel_manager()
        self.client.start_new_kernel()
        self.client.start_new_kernel_client()
        for i, cell in enumerate(self.nb.cells[:replay_until]):
            if self.runnable(i, cell):
                self.execute(i, cell)

    def execute(self, index, cell, timeout=None):
        """Executes one cell; True if the kernel survived and answered in time."""
        self.client.timeout = timeout or self.job["cell_timeout"]
        try:
            self.client.execute_cell(cell, index)
            return True
        except CellExecutionError:
            return True
        except (CellTimeoutError, DeadKernelError, TimeoutError, RuntimeError) as e:
            reason = "timeout" if isinstance(e, (CellTimeoutError, TimeoutError)) else "kernel died"
            self.log["failed_cells"].append({"index": index, "reason": reason})
            cell.outputs.append(nbformat.v4.new_output(
                "error", ename="GradingError", traceback=[],
                evalue=f"this cell was stopped by the grader ({reason})"))
            return False

    def run_cells(self):
        i = 0
        self.start_kernel(0)
        while i < len(self.nb.cells):
            cell = self.nb.cells[i]
            if cell.cell_type == "code" and self.job["skip_tag"] in cell.get("metadata", {}).get("tags", []):
                self.log["skipped"].append(i)
            elif self.runnable(i, cell) and not self.execute(i, cell):
                self.bad.add(i)
                self.restart(i + 1)
            i += 1

    def restart(self, replay_until):
        self.log["restarts"] += 1
        if self.log["restarts"] > self.job["max_restarts"]:
            raise SystemExit("too many kernel restarts")
        self.start_kernel(replay_until)

    def run_probes(self):
        for name in self.job["functions"]:
            cell = nbformat.v4.new_code_cell(
                f"import utils.grading as _nndl_grading\n_nndl_grading.record({name!r})")
            start = time.monotonic()
            ok = self.execute(-1, cell, timeout=self.job["probe_timeout"])
            self.log["probes"][name] = {"ok": ok, "seconds": round(time.monotonic() - start, 3)}
            if not ok:
                self.restart(len(self.nb.cells))


def main(job_dir):
    runner = Runner(job_dir)
    try:
        runner.run_cells()
        runner.run_probes()
    finally:
        try:
            runner.client._cleanup_kernel()
        except Exception:  # the kernel may already be gone
            pass
        nbformat.write(runner.nb, runner.job_dir / "executed.ipynb")
        (runner.job_dir / "log.json").write_text(json.dumps(runner.log))


if __name__ == "__main__":
    main(sys.argv[1])
