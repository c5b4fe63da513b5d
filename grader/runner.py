"""Runs one submission's notebook inside the sandbox, then records its graded functions.

The kernel runner: the reference path (`sandbox.run_job(..., engine="kernel")`); grading uses
grader/warm.py, which keeps these semantics without a kernel, many times faster.

Started by grader/sandbox.py as `python runner.py JOB_DIR`, where JOB_DIR holds job.json,
submission/ (the notebook and its files; the kernel's working directory) and probe/ (the
judge's inputs). Writes JOB_DIR/executed.ipynb and JOB_DIR/log.json. Everything it writes is
treated as untrusted by the caller: only plain data cross back.

A cell that kills the kernel or runs past its time limit is marked, the kernel is restarted,
the earlier cells are run again, and execution goes on after it. The cells have a time budget
of their own (`cells_seconds`, replays included) and a number of restarts; past either, the
remaining cells are not run, but the graded functions are still probed. Each graded function
is then recorded in a forked copy of the kernel with its own budget (`probe_timeout`), so a
function that hangs or crashes costs only that function.

Stream outputs are capped per cell (MAX_STREAM_CHARS, with a note of what was cut), so a cell
printing hundreds of megabytes cannot make the executed notebook too big to copy back.
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


MAX_STREAM_CHARS = 100_000  # kept of each cell's printed text (stdout + stderr)
MAX_OUTPUTS = 100           # kept of each cell's outputs (figures, results, streams)
MAX_OUTPUT_CHARS = 2_000_000  # one figure, result or error, as JSON


class CappedClient(NotebookClient):
    """NotebookClient that keeps at most MAX_STREAM_CHARS of printed text and MAX_OUTPUTS
    outputs per cell, counting what it drops (`cut`, reset by the caller for each cell)."""

    cut = (0, 0)  # (characters, outputs) dropped from the current cell

    def output(self, outs, msg, display_id, cell_index):
        out = super().output(outs, msg, display_id, cell_index)
        if out is None or not outs or outs[-1] is not out:
            return out
        chars, dropped = self.cut
        if len(outs) > MAX_OUTPUTS or (out.get("output_type") != "stream"
                                       and len(json.dumps(out)) > MAX_OUTPUT_CHARS):
            outs.pop()
            self.cut = (chars + len(out.get("text", "")), dropped + 1)
        elif out.get("output_type") == "stream":
            used = sum(len(o.get("text", "")) for o in outs[:-1] if o.get("output_type") == "stream")
            keep = max(MAX_STREAM_CHARS - used, 0)
            if len(out.text) > keep:
                self.cut = (chars + len(out.text) - keep, dropped)
                out.text = out.text[:keep]
                if not keep:
                    outs.pop()
        return out


class Runner:
    def __init__(self, job_dir):
        self.job_dir = Path(job_dir)
        self.job = json.loads((self.job_dir / "job.json").read_text())
        self.nb = nbformat.read(self.job_dir / "submission" / self.job["notebook"], as_version=4)
        self.log = {"skipped": [], "failed_cells": [], "restarts": 0, "probes": {}}
        self.client = CappedClient(
            self.nb, timeout=self.job["cell_timeout"], kernel_name="python3",
            allow_errors=True, interrupt_on_timeout=False, shutdown_kernel="immediate",
            resources={"metadata": {"path": str(self.job_dir / "submission")}})
        self.bad = set()
        self.deadline = time.monotonic() + self.job["cells_seconds"]
        self.resume_at = None   # set when the cells stopped with the kernel in a bad state

    def runnable(self, index, cell):
        tags = cell.get("metadata", {}).get("tags", [])
        return cell.cell_type == "code" and index not in self.bad and self.job["skip_tag"] not in tags

    def left(self):
        return self.deadline - time.monotonic()

    def start_kernel(self, replay_until):
        """(Re)starts the kernel and replays the good cells before `replay_until`."""
        if self.client.km is not None:
            self.client._cleanup_kernel()
        self.client.km = self.client.create_kernel_manager()
        self.client.start_new_kernel()
        self.client.start_new_kernel_client()
        for i, cell in enumerate(self.nb.cells[:replay_until]):
            if self.runnable(i, cell) and self.left() > 0:
                self.execute(i, cell)

    def execute(self, index, cell, timeout=None, logged_as=None):
        """Executes one cell; True if the kernel survived and answered in time. A failure is
        logged under `logged_as` (-1 for a probe) or the cell's index."""
        self.client.timeout = timeout or max(1, min(self.job["cell_timeout"], int(self.left()) + 1))
        self.client.cut = (0, 0)
        try:
            self.client.execute_cell(cell, index)
            return True
        except CellExecutionError:
            return True
        except (CellTimeoutError, DeadKernelError, TimeoutError, RuntimeError) as e:
            reason = "timeout" if isinstance(e, (CellTimeoutError, TimeoutError)) else "kernel died"
            self.log["failed_cells"].append({"index": index if logged_as is None else logged_as,
                                             "reason": reason})
            cell.outputs.append(nbformat.v4.new_output(
                "error", ename="GradingError", traceback=[],
                evalue=f"this cell was stopped by the grader ({reason})"))
            return False
        finally:
            self.note_cuts(cell)

    def note_cuts(self, cell):
        """One note at the end of the cell's outputs saying how much was not kept."""
        chars, dropped = self.client.cut
        if chars or dropped:
            what = f"{chars} characters" + (f" and {dropped} outputs" if dropped else "")
            cell.outputs.append(nbformat.v4.new_output(
                "stream", name="stdout", text=f"\n[output truncated: {what} not shown]\n"))

    def run_cells(self):
        self.start_kernel(0)
        for i, cell in enumerate(self.nb.cells):
            if cell.cell_type == "code" and self.job["skip_tag"] in cell.get("metadata", {}).get("tags", []):
                self.log["skipped"].append(i)
            elif not self.runnable(i, cell):
                continue
            elif self.left() <= 0:
                return self.stop(i, False, "the notebook's cells used up their time")
            elif not self.execute(i, cell):
                self.bad.add(i)
                if self.left() <= 0:
                    return self.stop(i + 1, True, "the notebook's cells used up their time")
                if self.log["restarts"] >= self.job["max_restarts"]:
                    return self.stop(i + 1, True, f"the kernel was restarted "
                                                  f"{self.log['restarts']} times already")
                self.restart(i + 1)

    def stop(self, index, kernel_broken, reason):
        """Runs no more cells from `index` on; the functions are probed all the same."""
        self.log["not_run"] = {"from": index, "reason": reason}
        if kernel_broken:
            self.resume_at = index

    def restart(self, replay_until):
        self.log["restarts"] += 1
        self.start_kernel(replay_until)

    def fresh_kernel(self, replay_until):
        """A kernel for probing, its replay with a cell budget of its own."""
        self.deadline = time.monotonic() + self.job["cells_seconds"]
        self.restart(replay_until)

    def run_probes(self):
        if self.resume_at is not None:
            self.fresh_kernel(self.resume_at)
        for name in self.job["functions"]:
            seconds = self.job["probe_timeout"]
            cell = nbformat.v4.new_code_cell(
                f"import utils.grading as _nndl_grading\n"
                f"_nndl_grading.record_alone({name!r}, {seconds})")
            start = time.monotonic()
            self.nb.cells.append(cell)  # nbclient stores the cell it runs at its index
            try:
                ok = self.execute(len(self.nb.cells) - 1, cell, seconds + 30, logged_as=-1)
            finally:
                self.nb.cells.pop()
            self.log["probes"][name] = {"ok": ok, "seconds": round(time.monotonic() - start, 3),
                                        "status": self.probe_status(name)}
            if not ok:  # the kernel itself died or hung, not only the function's child
                self.fresh_kernel(self.resume_at or len(self.nb.cells))

    def probe_status(self, name):
        try:
            path = self.job_dir / "probe" / "outputs" / name / "run.json"
            return str(json.loads(path.read_text()[:1000]).get("status"))[:40]
        except (OSError, ValueError, AttributeError):
            return "no record"


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
