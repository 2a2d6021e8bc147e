"""The import report: what each part of a file became, and every line that could not be
placed (kept where it stood, as a section or a remark, and named here).

The reader notes each part as it reads it; `strict` turns every guess into a refusal.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from projections.documents.interchange import DocumentError


def fail(line: int, message: str) -> DocumentError:
    return DocumentError(f"linje {line}: {message}")


@dataclass(frozen=True)
class Entry:
    """Lines first..last of the file and what they became."""

    first: int
    last: int
    part: str  # "felt", "deltager", "punkt", "afsnit", "beslutning", "afstemning", ...
    became: str  # in words, for the reader of the report
    guess: bool = False  # read by a convention that may be wrong
    unplaced: bool = False  # not understood: kept as `became` says


@dataclass(frozen=True)
class Unsure:
    """An item that might be closed: the marker seen, and where."""

    line: int
    index: int  # the item's position in the document
    title: str
    why: str


@dataclass
class ImportReport:
    source: str = "markdown"  # "markdown", "tekst" or "pdf"
    entries: list[Entry] = field(default_factory=list)
    unsure: list[Unsure] = field(default_factory=list)
    strict: bool = False

    def note(self, first: int, last: int, part: str, became: str) -> None:
        self.entries.append(Entry(first, last, part, became))

    def guess(self, first: int, last: int, part: str, became: str, refusal: str) -> None:
        """A part read by a guess; refused (naming the line) when strict."""
        if self.strict:
            raise fail(first, refusal)
        self.entries.append(Entry(first, last, part, became, guess=True))

    def unplaced(self, first: int, last: int, kept_as: str, refusal: str) -> None:
        """Lines not understood, kept as `kept_as` says; refused when strict."""
        if self.strict:
            raise fail(first, refusal)
        self.entries.append(Entry(first, last, "ikke placeret", kept_as, unplaced=True))

    def might_be_closed(self, line: int, index: int, title: str, why: str) -> None:
        if self.strict:
            raise fail(line, f"punktet '{title}' er måske lukket ({why})")
        self.unsure.append(Unsure(line, index, title, why))

    @property
    def unplaced_entries(self) -> list[Entry]:
        return [e for e in self.entries if e.unplaced]

    def covered(self) -> set[int]:
        """The lines some entry accounts for."""
        return {n for e in self.entries for n in range(e.first, e.last + 1)}

    def render(self) -> str:
        """The report as text: one line per part, in the order of the file."""
        out = [f"Importrapport ({self.source})"]
        for e in sorted(self.entries, key=lambda e: (e.first, e.last)):
            where = f"linje {e.first}" if e.first == e.last else f"linje {e.first}-{e.last}"
            mark = "?" if e.guess else "!" if e.unplaced else " "
            out.append(f"{mark} {where}: {e.part}: {e.became}")
        unplaced = self.unplaced_entries
        guesses = sum(e.guess for e in self.entries)
        out.append(
            f"{len(self.entries)} dele læst, {guesses} gættet (?), "
            f"{len(unplaced)} ikke placeret (!), beholdt hvor de stod."
        )
        for u in self.unsure:
            out.append(f"MÅSKE LUKKET: linje {u.line}: punkt '{u.title}' ({u.why})")
        return "\n".join(out) + "\n"
