"""A light HTTP/1.1 load client for the site benchmarks: `readers` keep-alive connections
driven by one asyncio loop, each request timed from its first byte sent to its body's last
byte read.

Why not httpx in threads (as bench.site did before): on this 2-core machine the client
shares the CPU with the server, and 50 Python threads each parsing with httpx spent more
of it than the server did, so every figure (the stylesheet's too) measured the client's
GIL queue. Here a request costs the client one write, one header parse and one read.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from urllib.parse import quote, urlsplit


class HTTPError(RuntimeError):
    pass


async def _one(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes
) -> tuple[int, float]:
    started = time.perf_counter()
    writer.write(request)
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    if length:
        await reader.readexactly(length)
    return status, time.perf_counter() - started


def load(
    base: str,
    paths: list[str],
    readers: int,
    expect: int = 200,
    headers: dict[str, dict[str, str]] | None = None,
) -> list[float]:
    """Every path requested once, by `readers` connections at once; the latencies in
    seconds. headers: extra request headers by path (an If-None-Match for a revisit)."""
    address = urlsplit(base)
    host, port = address.hostname or "127.0.0.1", address.port or 80
    samples: list[float] = []
    work: Iterator[str] = iter(paths)

    def request(path: str) -> bytes:
        extra = "".join(f"{k}: {v}\r\n" for k, v in (headers or {}).get(path, {}).items())
        quoted = quote(path, safe="/?=&%")  # the words of a query may be Danish
        return f"GET {quoted} HTTP/1.1\r\nHost: {host}:{port}\r\n{extra}\r\n".encode()

    async def reader_task() -> None:
        stream, writer = await asyncio.open_connection(host, port)
        try:
            for path in work:  # one iterator shared by all: each path once
                status, elapsed = await _one(stream, writer, request(path))
                if status != expect:
                    raise HTTPError(f"{path}: HTTP {status}")
                samples.append(elapsed)
        finally:
            writer.close()

    async def run() -> None:
        await asyncio.gather(*(reader_task() for _ in range(readers)))

    asyncio.run(run())
    return samples
