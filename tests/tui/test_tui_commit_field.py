"""A field's base follows the store's confirmations, not the order reloads arrive in: a
reload read just before the user's save landed must not make the user's own stored text
look like another's change (found by the monkey, seed 3)."""

from __future__ import annotations

from textual.app import App, ComposeResult

from chefforum_tui.widgets.fields import CommitInput


class OneField(App[None]):
    def compose(self) -> ComposeResult:
        yield CommitInput("decision", "", id="field")


async def test_a_reload_read_before_the_save_does_not_forget_the_save() -> None:
    app = OneField()
    async with app.run_test() as pilot:
        field = app.query_one("#field", CommitInput)
        field.focus()
        await pilot.press(*" Vedtaget.")  # the store keeps it without the leading space
        sent = field.take()
        assert sent is not None and sent.base == ""
        field.set_committed("")  # a reload read before the save landed
        field.set_committed("Vedtaget.")  # the save, confirmed
        assert field.committed == "Vedtaget."
        assert field.value == " Vedtaget."  # what the user typed stays on screen
        await pilot.press("x")
        again = field.take()
        # Saving again starts from the user's own stored text, not from "" (which the
        # store would refuse as a conflict with "another's" change).
        assert again is not None and again.base == "Vedtaget."


class Duration(App[None]):
    def compose(self) -> ComposeResult:
        yield CommitInput("duration_minutes", "", id="field", restrict=r"\d{0,4}")


async def test_a_number_stored_without_its_leading_zero_is_the_users_own() -> None:
    """'01' typed is stored as 1 (monkey walk seed 248): the confirmation is the user's
    own save, shown as stored, not another's change under the user's text (which made the
    next save a conflict and left the field unsaved with no draft)."""
    app = Duration()
    async with app.run_test() as pilot:
        field = app.query_one("#field", CommitInput)
        field.focus()
        await pilot.press("0", "1")
        assert field.take() is not None
        field.set_committed("1")
        assert (field.committed, field.value, field.dirty) == ("1", "1", False)
        await pilot.press("5")  # typed on after a second save was sent
        assert field.take() is not None
        await pilot.press("0")
        field.set_committed("15")
        assert (field.committed, field.value) == ("15", "150")  # the user's text stays
