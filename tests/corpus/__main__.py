"""Print every file of the corpus with its own producer:

python -m tests.corpus          # writes tests/fixtures/corpus/pdf/*.pdf
"""

from __future__ import annotations

import sys

from tests.corpus.producers import produce
from tests.corpus.source import MINUTES, PDFS, load


def main() -> None:
    """Print every file of the corpus with its own producer into tests/fixtures/corpus/pdf."""
    PDFS.mkdir(exist_ok=True)
    for path in MINUTES:
        src = load(path)
        (PDFS / f"{path.stem}.pdf").write_bytes(produce(src))
        print(f"{path.stem}: {src.producer}", file=sys.stderr)


if __name__ == "__main__":
    main()
