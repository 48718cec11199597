"""Screenshots of a student's notebook in JupyterLab, for the README's "For students" section.

Run by hand (``.venv/bin/python docs/make_screenshots.py [en|ko]``; needs chromium): a 01_sigmoid notebook halfway
done (sigmoid written with a typical mistake, sigmoid_derivative and log_odds written, the rest not yet) is
run top to bottom in a real kernel, as Run All would, then opened in JupyterLab in headless Chromium, which is
driven over the DevTools protocol to photograph the cells students meet first:

- ``docs/images/helpers.png``: the imports and the check helpers, collapsed to one line;
- ``docs/images/problem-box.png``: the box opening a problem (what you write, in and out, traps);
- ``docs/images/check-failed.png``: a ✘ from sigmoid's check cell (the cell's code above it is cut off);
- ``docs/images/check-not-written.png``: the check cell of a function not written yet;
- ``docs/images/summary.png``: the summary at the end of Run All.

With ``ko``, the Korean edition (``release/ko/``), into ``docs/images/ko/``.
"""
from __future__ import annotations

import base64
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import nbformat
import websocket
from nbclient import NotebookClient

from autograder import catalogue
from autograder.samples.records import find
from autograder.samples.sample_class import partly_written

HERE = Path(__file__).resolve().parent
IMAGES = HERE / "images"
ASSIGNMENT = "01_sigmoid"
MISTAKE = "sigmoid-sign-error"
TOKEN = "screenshots"
WIDTH, HEIGHT = 1300, 1000
OUTPUT = "|.jp-Cell-outputWrapper"
# (image, where it starts, where it ends): a cell named by its grade id or its cell id (the same in both editions), and
# after a "|", a CSS selector of the part of the cell meant (its output area, the box of a problem).
SHOTS = [("helpers", "imports", "check_helpers"),
         ("problem-box", "sigmoid-task", "sigmoid-task|blockquote"),
         ("check-failed", "sigmoid_check" + OUTPUT, "test_sigmoid"),
         ("check-not-written", "predict_proba_check" + OUTPUT, "test_predict_proba"),
         ("summary", "summary", "summary")]


def student_notebook(folder: Path, lang: str) -> Path:
    """The half-done notebook, run top to bottom in a kernel and saved with its outputs."""
    assignment = catalogue.load(ASSIGNMENT)
    wrong = find(assignment.mistakes_module().MISTAKES, MISTAKE)
    text = partly_written(assignment, {"sigmoid": wrong.cell, "sigmoid_derivative": None, "log_odds": None}, lang)
    notebook = nbformat.reads(text, as_version=4)
    shutil.copytree(assignment.edition_notebook(lang).parent, folder, dirs_exist_ok=True)
    NotebookClient(notebook, timeout=60, kernel_name="python3", allow_errors=False,
                   resources={"metadata": {"path": str(folder)}}).execute()
    path = folder / assignment.notebook
    nbformat.write(notebook, path)
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(url)


class Browser:
    """Just enough of the DevTools protocol: evaluate JavaScript, take a screenshot."""

    def __init__(self, debug_port: int):
        wait_for(f"http://127.0.0.1:{debug_port}/json/version")
        pages = json.load(urllib.request.urlopen(f"http://127.0.0.1:{debug_port}/json"))
        page = next(p for p in pages if p["type"] == "page")
        self.socket = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=60)
        self.next_id = 0

    def call(self, method: str, **params) -> dict:
        self.next_id += 1
        self.socket.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(message["error"])
                return message.get("result", {})

    def evaluate(self, expression: str):
        return self.call("Runtime.evaluate", expression=expression, returnByValue=True)["result"].get("value")

    def wait_until(self, expression: str, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while not self.evaluate(expression):
            if time.monotonic() > deadline:
                raise TimeoutError(expression)
            time.sleep(0.5)

    def screenshot(self, clip: dict, path: Path) -> None:
        data = self.call("Page.captureScreenshot", format="png", clip={**clip, "scale": 1})["data"]
        path.write_bytes(base64.b64decode(data))


def element(notebook: nbformat.NotebookNode, name: str) -> str:
    """The JavaScript expression of a cell (or a part of it) named as in ``SHOTS``."""
    cell, _, part = name.partition("|")
    index = next(i for i, c in enumerate(notebook.cells)
                 if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == cell or c.get("id") == cell)
    found = f"document.querySelectorAll('.jp-Notebook .jp-Cell')[{index}]"
    return f"{found}.querySelector({json.dumps(part)})" if part else found


def main(lang: str = "en") -> int:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("chromium is not installed (bash .ci/ensure-chromium installs it)", file=sys.stderr)
        return 1
    images = IMAGES if lang == "en" else IMAGES / lang
    images.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="screenshots-"))
    notebook_path = student_notebook(work / "student", lang)
    notebook = nbformat.read(notebook_path, as_version=4)
    # Render every cell (JupyterLab 4 otherwise draws only those near the viewport); no news pop-up.
    settings = work / "settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)
    (settings / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}))
    notifications = work / "settings" / "@jupyterlab" / "apputils-extension"
    notifications.mkdir(parents=True)
    (notifications / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    env = {**os.environ, "JUPYTERLAB_SETTINGS_DIR": str(work / "settings"), "JUPYTER_RUNTIME_DIR": str(work / "rt")}
    lab_port, debug_port = free_port(), free_port()
    lab = subprocess.Popen([sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={lab_port}",
                            f"--IdentityProvider.token={TOKEN}", f"--ServerApp.root_dir={notebook_path.parent}",
                            "--ServerApp.allow_root=True", "--LabApp.news_url=None",
                            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
                           env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    browser_process = None
    try:
        wait_for(f"http://127.0.0.1:{lab_port}/api/status?token={TOKEN}")
        browser_process = subprocess.Popen(
            [chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             f"--remote-debugging-port={debug_port}", f"--window-size={WIDTH},{HEIGHT}",
             f"--user-data-dir={work / 'profile'}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        browser = Browser(debug_port)
        browser.call("Emulation.setDeviceMetricsOverride", width=WIDTH, height=HEIGHT, deviceScaleFactor=1,
                     mobile=False)
        browser.call("Page.navigate",
                     url=f"http://127.0.0.1:{lab_port}/lab/tree/{notebook_path.name}?token={TOKEN}&reset")
        count = len(notebook.cells)
        browser.wait_until(f"document.querySelectorAll('.jp-Notebook .jp-Cell').length === {count}")
        browser.wait_until("document.querySelectorAll('.jp-OutputArea-output').length > 10")
        for key in ("keyDown", "keyUp"):  # Ctrl+B: close the file browser, as a student with a small screen does
            browser.call("Input.dispatchKeyEvent", type=key, modifiers=2, key="b", code="KeyB",
                         windowsVirtualKeyCode=66)
        time.sleep(3)  # fonts, syntax highlighting, the layout after the side bar closed
        for image, start, end in SHOTS:
            rect = browser.evaluate(f"""(() => {{
                const a = {element(notebook, start)}, b = {element(notebook, end)};
                a.scrollIntoView({{block: 'start'}});
                const top = a.getBoundingClientRect(), bottom = b.getBoundingClientRect();
                const cell = a.closest('.jp-Cell').getBoundingClientRect();
                return {{x: cell.left, y: top.top, width: cell.width, height: bottom.bottom - top.top}};
            }})()""")
            time.sleep(0.5)
            rect = {k: round(v) for k, v in rect.items()}
            rect["height"] = min(rect["height"] + 8, HEIGHT - rect["y"])
            browser.screenshot(rect, images / f"{image}.png")
            print(f"wrote {images / f'{image}.png'} ({rect['width']}x{rect['height']})")
    finally:
        for process in (browser_process, lab):
            if process is not None:
                process.terminate()
                process.wait(timeout=20)
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:2]))
