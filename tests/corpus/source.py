"""The corpus's files: where they are, and one retold referat read from its TOML file."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.paths import ROOT

CORPUS = ROOT / "tests" / "fixtures" / "corpus"
MINUTES = sorted((CORPUS / "minutes").glob("*.toml"))
PDFS = CORPUS / "pdf"
CHROMIUM = Path("/usr/bin/chromium")


@dataclass
class Part:
    heading: str
    kind: str = "section"  # section, decision, recommendation, earlier
    text: str = ""
    by: str | None = None
    points: list[str] = field(default_factory=list)


@dataclass
class Item:
    n: str
    title: str
    case: str | None
    parts: list[Part]


@dataclass
class Source:
    """One retold referat and how it is printed."""

    path: Path
    source: dict[str, str]
    look: dict[str, Any]
    meeting: dict[str, Any]
    items: list[Item]

    @property
    def producer(self) -> str:
        return str(self.look["producer"])


def load(path: Path) -> Source:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    items = [
        Item(
            n=str(i["n"]),
            title=i["title"],
            case=i.get("case"),
            parts=[Part(**p) for p in i.get("parts", [])],
        )
        for i in data["items"]
    ]
    return Source(path, data["source"], data["print"], data["meeting"], items)
