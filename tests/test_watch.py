"""`argmap watch`: the real command in its own process, changed under it as a student saves."""

from __future__ import annotations

import queue
import signal
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import MINIMAL_MAP

TIMEOUT = 20.0  # seconds before the test gives up waiting (not a timing assertion)


def svg_words(path: Path) -> str:
    return " ".join(t.strip() for t in ET.parse(path).getroot().itertext() if t.strip())


def wait_for(condition: object, what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if callable(condition) and condition():
            return
        time.sleep(0.05)
    pytest.fail(f"gave up waiting for {what}")


class Lines:
    """A process's stderr, line by line, read beside the test."""

    def __init__(self, stream: object) -> None:
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream: object) -> None:
        for line in stream:  # type: ignore[attr-defined]
            self.lines.put(line)

    def wait_for(self, needle: str) -> str:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.1)
            except queue.Empty:
                continue
            self.seen.append(line)
            if needle in line:
                return line
        pytest.fail(f"gave up waiting for {needle!r}; stderr so far: {''.join(self.seen)}")


@pytest.mark.skipif(sys.platform == "win32", reason="Ctrl-C is SIGINT here")
def test_watch_redraws_after_a_save_keeps_the_last_good_picture_and_stops_quietly(project: Path) -> None:
    map_file = project / "arguments" / "map.yaml"
    map_file.write_text(MINIMAL_MAP, encoding="utf-8")
    out = project / "out.svg"
    command = [sys.executable, "-m", "argmap", "watch", "arguments/map.yaml", "-o", "out.svg"]
    with subprocess.Popen(
        command, cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    ) as process:
        assert process.stderr is not None
        stderr = Lines(process.stderr)
        try:
            stderr.wait_for("wrote out.svg")
            stderr.wait_for("watching")
            assert "Their relations are good." in svg_words(out)

            map_file.write_text(MINIMAL_MAP.replace("Their relations are good.", "Zanzibar relations."), "utf-8")
            stderr.wait_for("wrote out.svg")
            stderr.wait_for("watching")
            wait_for(lambda: "Zanzibar relations." in svg_words(out), "the picture to show the saved text")

            good = out.read_bytes()
            map_file.write_text(MINIMAL_MAP + "  - id: [broken\n", encoding="utf-8")
            stderr.wait_for("keeps the last good picture")
            stderr.wait_for("watching")
            assert out.read_bytes() == good

            process.send_signal(signal.SIGINT)
            assert process.wait(TIMEOUT) == 0
        finally:
            if process.poll() is None:
                process.kill()
        time.sleep(0.2)  # let the reader take the last lines
        assert "Traceback" not in "".join(stderr.seen) + "".join(stderr.lines.queue)


def test_watch_does_not_start_on_a_broken_configuration(project: Path) -> None:
    (project / "arguments" / "map.yaml").write_text(MINIMAL_MAP, encoding="utf-8")
    (project / "pyproject.toml").write_text('[tool.argmap.rules]\nAM206 = "sometimes"\n', encoding="utf-8")
    command = [sys.executable, "-m", "argmap", "watch", "arguments/map.yaml", "-o", "out.svg"]
    done = subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=TIMEOUT, check=False)
    assert done.returncode == 2
    assert "pyproject.toml:2:1" in done.stderr and "AM120" in done.stderr
    assert "fix the configuration in pyproject.toml first" in done.stderr
    assert not (project / "out.svg").exists()
