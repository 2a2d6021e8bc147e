"""Fuzzing the importers: broken JSON and Markdown referater are refused in one line,
with nothing stored, and never crash (tests/fuzzing.py has the cases and the property).

A few hundred cases here; `python bench/fuzz_import.py` runs 10,000 of each.
"""

from __future__ import annotations

import time
from pathlib import Path

import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from projections.documents import interchange as ix
from projections.documents.interchange import DocumentError
from projections.documents.render import markdown
from tests.fuzzing import FuzzStore, bad_json, bad_markdown, bad_plain_text, seed_documents

CASES = 300
SETTINGS = settings(
    max_examples=CASES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def test_broken_json_is_refused_cleanly(tmp_path: Path) -> None:
    store = FuzzStore(tmp_path)

    @SETTINGS
    @given(data=bad_json(), fmt=st.sampled_from([None, "json"]))
    def prop(data: bytes, fmt: str | None) -> None:
        store.check(data, fmt)

    try:
        prop()
    finally:
        store.close()
    assert store.outcomes["imported"] < sum(store.outcomes.values())  # mostly refused


def test_broken_markdown_is_refused_cleanly(tmp_path: Path) -> None:
    store = FuzzStore(tmp_path)

    @SETTINGS
    @given(data=bad_markdown(), fmt=st.sampled_from([None, "markdown"]))
    def prop(data: bytes, fmt: str | None) -> None:
        store.check(data, fmt)

    try:
        prop()
    finally:
        store.close()


def test_broken_plain_text_is_refused_cleanly(tmp_path: Path) -> None:
    """Plain text as pdftotext gives it: read by conventions alone, never a traceback."""
    store = FuzzStore(tmp_path)

    @SETTINGS
    @given(data=bad_plain_text())
    def prop(data: bytes) -> None:
        store.check(data, "text")

    try:
        prop()
    finally:
        store.close()
    assert store.outcomes["imported"] > 0  # most changes leave minutes that can be read


# Cases the fuzzing found (or that it would take long to find), kept as examples.


def _refusal(store: FuzzStore, data: bytes, fmt: str | None = None) -> str:
    before = sum(store.outcomes.values())
    store.check(data, fmt)
    assert store.outcomes["imported"] == 0 and sum(store.outcomes.values()) == before + 1
    return next(iter(store.outcomes))


def test_found_cases_are_refused_in_one_line(tmp_path: Path) -> None:
    valid = ix.encode(seed_documents()[0])
    with pytest.raises(DocumentError, match=r"^linje 1, kolonne 3: filen er ikke UTF-8$"):
        ix.decode(b'{"\xe6ormat": 1}')
    deep = b'{"format":' + b'{"a":' * 5000 + b"1" + b"}" * 5001
    with pytest.raises(DocumentError, match=r"^linje 1, kolonne 326: .*indlejret for dybt$"):
        ix.decode(deep)
    tree = msgspec.json.decode(valid)
    tree["meeting"]["\t\n\u2028"] = None
    with pytest.raises(DocumentError) as refused:
        ix.decode(msgspec.json.encode(tree))
    assert str(refused.value) == r"meeting: ukendt nøgle '\t\n\u2028'"

    store = FuzzStore(tmp_path)
    try:
        _refusal(store, b'{"\xe6ormat": 1}')
        _refusal(store, deep)
        started = time.perf_counter()
        held = markdown.render(seed_documents()[1])
        signed = f"{held}\n## Godkendelse\n\nGodkendt af " + "a d. " * 20_000
        _refusal(store, signed.encode(), "markdown")
        assert time.perf_counter() - started < 2  # was 6 s: a regex tried every "d."
    finally:
        store.close()
