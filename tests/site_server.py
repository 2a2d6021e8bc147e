"""A real `chefforum serve` process on 127.0.0.1 for the site's tests, and its pages."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path

import httpx

CHEFFORUM = str(Path(sys.executable).parent / "chefforum")
START_DEADLINE = 30.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(store: str, *extra: str) -> Iterator[str]:
    """`chefforum --db STORE serve --port P` until the block ends; yields its base URL."""
    port = free_port()
    env = {**os.environ, "CHEFFORUM_ACTOR": "Webserver"}
    process = subprocess.Popen(
        [CHEFFORUM, "--db", store, "serve", "--port", str(port), *extra],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_DEADLINE
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"chefforum serve stopped: {process.stderr.read()}")  # type: ignore[union-attr]
            try:
                httpx.get(base + "/site.css", timeout=2)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        yield base
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stderr is not None:
            process.stderr.close()


class Elements(HTMLParser):
    """The start tags of a page, as a browser's parser sees them, and its text."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def named(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]

    def handlers(self) -> list[str]:
        """Every on... attribute anywhere: script a page must never carry."""
        return [k for _, attrs in self.tags for k in attrs if k.lower().startswith("on")]
