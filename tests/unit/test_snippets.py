"""A hit's snippet, made from its text: the words a reader needs to see why it matched."""

from __future__ import annotations

from projections.readmodels.search_text import stems
from projections.readmodels.snippets import snippet


def test_inflected_words_are_marked_as_the_index_matches_them() -> None:
    text = "Behandlingen af klager over parkering, som blev behandlet i maj."
    assert snippet(text, stems("behandling")) == (
        "»Behandlingen« af klager over parkering, som blev behandlet i maj."
    )
    assert snippet("ÆLDREPLEJEN og ældreplejens budget", stems("ældrepleje")) == (
        "»ÆLDREPLEJEN« og »ældreplejens« budget"
    )


def test_the_window_with_the_most_different_words_is_shown() -> None:
    filler = "Indledende bemærkninger om sagen. " * 30
    both = "Skolerne får et større budget til renovering af skolebygninger i år."
    text = f"Budgettet nævnes her alene. {filler}{both} {filler}"
    shown = snippet(text, stems("budget skole"))
    assert shown.startswith("…") and shown.endswith("…")
    assert "»Skolerne«" in shown and "»budget«" in shown
    assert len(shown.strip("…").split()) == 16


def test_a_match_far_into_a_long_file_text_is_found() -> None:
    text = "Side med almindelig tekst uden det søgte. " * 2500 + "Her står vejbelysningen."
    assert len(text) > 100_000
    assert snippet(text, stems("vejbelysning")).endswith("står »vejbelysningen«.")


def test_without_a_match_the_text_begins_the_snippet() -> None:
    text = " ".join(f"ord{n}" for n in range(40))
    assert snippet(text, stems("budget")) == " ".join(f"ord{n}" for n in range(16)) + "…"
    assert snippet("Kort tekst.", []) == "Kort tekst."
