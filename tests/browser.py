"""A real JupyterLab and a headless Debian chromium, for the end-to-end browser tests.

`jupyter_lab(folder)` starts the venv's `jupyter lab` serving `folder` on a free local port,
with its own Jupyter config, data and runtime folders (so nothing in ~/.jupyter changes what
the test sees, and the test writes nothing there). `chromium()` drives /usr/bin/chromium with
Playwright: no browser download. `Shots` writes numbered screenshots outside git.
"""
import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("NNDL_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
TOKEN = "nndl-e2e-token"
# Hang guards, not speed limits: a slow busy machine stays far below them.
START_GUARD = 600          # seconds for JupyterLab to answer
UI_GUARD_MS = 300_000      # a button or text appearing in the page
# JupyterLab user settings of the test's own config folder: no "Jupyter news?" pop-up.
LAB_SETTINGS = {"@jupyterlab/apputils-extension/notification": '{"fetchNews": "false"}'}


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def lab_env(state):
    """Environment for a JupyterLab that reads and writes Jupyter state only under `state`."""
    bin_dir = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    for var, sub in [("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_DATA_DIR", "data"),
                     ("JUPYTER_RUNTIME_DIR", "runtime"), ("IPYTHONDIR", "ipython")]:
        env[var] = str(Path(state) / sub)
    env.pop("JUPYTERHUB_USER", None)
    return env


def _wait_until_up(proc, url, log):
    """Polls `url` until the server answers 200; fails with the log if the server exits."""
    deadline = time.monotonic() + START_GUARD
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"jupyter lab exited with {proc.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"jupyter lab did not answer {url} in {START_GUARD} s:\n{log.read_text()}")


@contextlib.contextmanager
def jupyter_lab(folder, state):
    """Runs `jupyter lab` in `folder` (its root and cwd); yields its base URL (token: TOKEN).

    nbgrader's Assignment List and Validate read `nbgrader_config.py` from the server's cwd.
    The server's log is `state`/lab.log.
    """
    state = Path(state)
    for name, text in LAB_SETTINGS.items():
        path = state / "config" / "lab" / "user-settings" / f"{name}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    port, log = free_port(), state / "lab.log"
    cmd = ["jupyter", "lab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
           f"--ServerApp.token={TOKEN}", f"--ServerApp.root_dir={folder}",
           "--LabApp.news_url=None",
           "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    with open(log, "w") as out:
        proc = subprocess.Popen(cmd, cwd=folder, env=lab_env(state), stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(proc, f"{base}/api/status?token={TOKEN}", log)
        yield base
    finally:
        _stop(proc)


def _stop(proc):
    """Stops the server and the kernels it started (its own process group)."""
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def need_chromium():
    """Skips the calling test, saying why, when Debian's chromium is not installed."""
    if not (Path(CHROMIUM).exists() and shutil.which(CHROMIUM)):
        pytest.skip(f"{CHROMIUM} is not installed (`make setup` apt-installs it as root; "
                    "or `apt-get install chromium`)")


@contextlib.contextmanager
def chromium(width=1400, height=900):
    """A Playwright page in headless /usr/bin/chromium."""
    need_chromium()
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": width, "height": height})
            page = context.new_page()
            page.set_default_timeout(UI_GUARD_MS)
            yield page
        finally:
            browser.close()


class Shots:
    """Numbered screenshots `e2e_NN_<name>.png` in $NNDL_SCREENSHOTS (/tmp/nndl-screenshots)."""

    def __init__(self, prefix="e2e"):
        self.folder = Path(os.environ.get("NNDL_SCREENSHOTS", "/tmp/nndl-screenshots"))
        self.folder.mkdir(parents=True, exist_ok=True)
        for old in self.folder.glob(f"{prefix}_*.png"):
            old.unlink()
        self.prefix, self.count, self.taken = prefix, 0, []

    def __call__(self, page, name, **kwargs):
        """Saves a screenshot of `page` (or of a locator, with `target=`); returns its path."""
        self.count += 1
        path = self.folder / f"{self.prefix}_{self.count:02d}_{re.sub(r'[^a-z0-9]+', '_', name)}.png"
        target = kwargs.pop("target", page)
        target.screenshot(path=str(path), **kwargs)
        self.taken.append(path)
        return path
