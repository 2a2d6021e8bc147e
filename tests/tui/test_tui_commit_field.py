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
