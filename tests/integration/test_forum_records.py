"""The forum as its secretaries keep it (issue 13), through the use cases on both stores,
and the forum and record commands of the CLI."""

from __future__ import annotations

from datetime import date

import pytest

from domain.application import Minutes
from domain.errors import RuleViolation
from domain.forum.standing import StandingItem
from domain.forum.state import Member
from domain.forum.template import new_meeting
from projections.documents.referat import document
from projections.documents.render import text
from tests.builders import SECRETARY, forum_events

FORUM = "Økonomiudvalget"


def test_only_secretaries_change_the_forum_and_each_change_is_an_event(minutes: Minutes) -> None:
    minutes.set_forum_member(SECRETARY, FORUM, Member(name="Anne Holm", role="formand"))
    with pytest.raises(RuleViolation, match="Kun sekretærer"):
        minutes.set_forum_member("Bo Lind", FORUM, Member(name="Bo Lind"))
    with pytest.raises(RuleViolation, match="Kun sekretærer"):
        minutes.change_forum_settings("Bo Lind", FORUM, numbering="year")
    with pytest.raises(RuleViolation, match="tidszone"):
        minutes.change_forum_settings(SECRETARY, FORUM, time_zone="Europe/Atlantis")
    minutes.change_forum_settings(SECRETARY, FORUM, document="beslutningsprotokol")
    minutes.set_forum_sections(SECRETARY, FORUM, ["Resumé", "Økonomi"])
    minutes.set_standing_item(SECRETARY, FORUM, "first", StandingItem(title="Godkendelse"))
    forum = minutes.forum(FORUM)
    assert forum is not None
    events = forum_events(minutes, forum.id)
    assert [type(e).TOPIC for e in events] == [
        "chefforum:ForumFounded",
        "chefforum:MemberSet",
        "chefforum:SettingsChanged",
        "chefforum:TemplateSectionsSet",
        "chefforum:StandingItemSet",
    ]
    assert all(e.actor == SECRETARY for e in events)
    # A new meeting writes the kind of document the forum writes.
    mid = new_meeting(minutes, SECRETARY, FORUM, date(2026, 3, 4))
    rendered = text.render(document(minutes.get(mid).state))
    assert rendered.startswith("BESLUTNINGSPROTOKOL Økonomiudvalget d. 04-03-2026")


def test_the_forum_and_record_commands(
    tmp_path: object, store: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from chefforum_tui.cli import main

    def run(*argv: str, actor: str = SECRETARY) -> int:
        return main(["--db", store, "--actor", actor, *argv])

    assert run("forum", "settings", "Udvalget", "--numbering", "year", "--place", "Salen") == 0
    assert (
        run(
            "forum",
            "members",
            "Udvalget",
            "--set",
            "Anne Holm",
            "--role",
            "formand",
            "--party",
            "A",
        )
        == 0
    )
    assert (
        run(
            "forum",
            "members",
            "Udvalget",
            "--set",
            "Bo Lind",
            "--party",
            "V",
            "--substitute",
            "Dan Berg",
        )
        == 0
    )
    assert run("forum", "template", "Udvalget", "Resumé", "Sagsfremstilling") == 0
    assert run("forum", "standing", "Udvalget", "last", "--title", "Eventuelt") == 0
    assert (
        run(
            "forum",
            "standing",
            "Udvalget",
            "first",
            "--title",
            "Godkendelse",
            "--recommendation",
            "at den godkendes",
        )
        == 0
    )
    assert run("forum", "members", "Udvalget", "--set", "Eve", actor="Bo Lind") == 1
    assert run("forum", "show", "Udvalget") == 0
    assert run("new", "Udvalget", "2026-01-07") == 0
    assert run("add-item", "Udvalget/2026-01-07", "Sag A") == 0
    assert run("add-item", "Udvalget/2026-01-07", "Sag B") == 0
    assert run("new", "Udvalget", "2026-02-04") == 0
    assert run("postpone", "Udvalget/2026-01-07", "3", "--reason", "Mangler bilag") == 0
    assert run("withdraw", "Udvalget/2026-01-07", "4", "--reason", "Trukket af forvaltningen") == 0
    assert (
        run("facts", "Udvalget/2026-01-07", "--kind", "ekstraordinært", "--remarks", "Flyttet") == 0
    )
    assert run("absence", "Udvalget/2026-01-07", "Bo Lind", "ferie") == 1  # Bo is present
    assert (
        run(
            "remark",
            "Udvalget/2026-01-07",
            "2",
            "Bo Lind",
            "Imod.",
            "--kind",
            "mindretalsudtalelse",
            actor="Bo Lind",
        )
        == 0
    )
    assert run("publish", "Udvalget/2026-01-07") == 0
    assert run("start", "Udvalget/2026-01-07") == 0
    assert run("vote", "Udvalget/2026-01-07", "2", "--motion", "Forslaget", "--for", "7") == 1
    assert (
        run(
            "vote",
            "Udvalget/2026-01-07",
            "2",
            "--motion",
            "Ændring",
            "--by",
            "V",
            "--result",
            "forkastet",
            "--for",
            "1: V",
            "--against",
            "1: A",
            "--motion",
            "Forslaget",
            "--result",
            "vedtaget",
            "--for",
            "2",
        )
        == 0
    )
    # An absence of someone recorded as voting on the item is asked about, not stored.
    both = "2: Anne Holm, Bo Lind"
    assert run("vote", "Udvalget/2026-01-07", "1", "--motion", "Godkendt", "--for", both) == 0
    capsys.readouterr()
    assert run("absent", "Udvalget/2026-01-07", "1", "Bo Lind", "--reason", "inhabil") == 1
    said = capsys.readouterr().err
    assert "Advarsel: Bo Lind har stemt for på punktet" in said
    assert "gem med --confirm" in said
    absent = ("absent", "Udvalget/2026-01-07", "1", "Bo Lind", "--reason", "inhabil")
    assert run(*absent, "--confirm") == 0
    assert run("end", "Udvalget/2026-01-07") == 0
    assert run("approve", "Udvalget/2026-01-07", "--by", "Anne Holm", actor="Anne Holm") == 0
    assert run("remark", "Udvalget/2026-01-07", "2", "Bo Lind", "For sent.", actor="Bo Lind") == 1
    assert run("verify") == 0  # the signed referat with its new records projects to its digest
    from projections.store.connect import open_minutes

    opened = open_minutes(store)
    try:
        jan = opened.get(opened.resolve("Udvalget/2026-01-07")).state
        feb = opened.get(opened.resolve("Udvalget/2026-02-04")).state
        assert [i.title for i in jan.items] == ["Godkendelse", "Sag A", "Sag B", "Eventuelt"]
        assert [i.status for i in jan.items] == ["behandlet", "behandlet", "udsat", "trukket"]
        assert feb.first_number == 5
        assert [i.title for i in feb.items] == ["Godkendelse", "Sag B", "Eventuelt"]
        assert [p.name for p in feb.participants] == ["Anne Holm", "Bo Lind"]
        assert jan.items[1].remarks[0].kind == "mindretalsudtalelse"
        assert jan.items[1].decision is not None
        assert [m.text for m in jan.items[1].decision.motions] == ["Ændring", "Forslaget"]
        assert (jan.kind, jan.remarks) == ("ekstraordinært", "Flyttet")
        assert [(a.name, a.reason) for a in jan.items[0].absent] == [("Bo Lind", "inhabil")]
    finally:
        opened.close()
