"""The site's answers kept per position (projections/site/answers.py): the same bytes
while the store is unchanged, made anew after any change, never more than the bound."""

from __future__ import annotations

from starlette.responses import Response

from projections.site.answers import Answers


def test_an_answer_is_made_once_per_position_and_anew_after_a_change() -> None:
    made: list[str] = []

    def make(text: str) -> Response:
        made.append(text)
        return Response(text, headers={"X-Made": text})

    answers = Answers()
    first = answers.get(7, "/soeg/?q=budget", lambda: make("a"))
    again = answers.get(7, "/soeg/?q=budget", lambda: make("b"))
    assert (first.body, again.body, made) == (b"a", b"a", ["a"])
    assert again.headers["x-made"] == "a"  # headers kept with the body
    assert answers.find(8, "/soeg/?q=budget") is None  # the store moved: nothing kept
    assert answers.get(8, "/soeg/?q=budget", lambda: make("c")).body == b"c"
    assert made == ["a", "c"]


def test_a_page_made_for_a_position_already_left_is_not_kept() -> None:
    answers = Answers()

    def made_while_the_store_moves() -> Response:
        answers.find(9, "/soeg/")  # meanwhile another request saw position 9
        return Response("made at 8")

    assert answers.get(8, "/", made_while_the_store_moves).body == b"made at 8"
    assert answers.find(9, "/") is None  # not kept among position 9's answers


def test_the_oldest_answers_go_past_the_bound() -> None:
    answers = Answers(kept=2)
    for key in ("a", "b", "c"):
        answers.get(1, key, lambda key=key: Response(key))  # type: ignore[misc]
    assert answers.find(1, "a") is None
    assert [answers.find(1, k) is not None for k in ("b", "c")] == [True, True]
