"""What spans many meetings in OParl (the Body, an Organization, a meeting list filtered
by time, the Person and Paper lists) reads each meeting's kept stamps and contents, not
the meeting: once they are made, such a request builds no meeting at all, however many
the store holds (at 1M events building them took 40 s a request). Only a page's own
meetings are built."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from projections.site.oparl import ListQuery, OParl
from projections.site.pages import Site
from projections.site.public import PublicSite
from projections.site.rendered import Rendered
from projections.store.connect import open_minutes

ACTOR = "Karen Dahl"


def test_spans_and_time_filters_build_no_meeting_once_stamped(store: str, tmp_path: Path) -> None:
    minutes = open_minutes(store)
    try:
        for day in range(1, 13):
            mid = minutes.schedule(ACTOR, "Chefforum", date(2031, 1, day))
            minutes.add_item(mid, ACTOR, f"Punkt {day}", case_number=f"00.01.00-A00-{day}-31")
            minutes.publish_agenda(mid, ACTOR)
        public = PublicSite(minutes, Rendered(tmp_path / "made"))
        api = OParl(public, Site(), "http://example.test")
        query = ListQuery.read({"modified_since": "2020-01-01T00:00:00+01:00", "limit": "5"})
        summaries = public.meetings()
        for summary in summaries:
            public.stamps(summary)  # made once per version (here: all at once)
            public.contents(summary)

        built: list[object] = []
        make = public._make

        def counted(summary: object) -> object:
            built.append(summary)
            return make(summary)  # type: ignore[arg-type]

        public._make = counted  # type: ignore[method-assign,assignment]
        public._kept.clear()  # nothing built is in memory either
        body = api.body()
        (forum,) = public.forums()
        organization = api.organization(forum)
        kept = api.stamped(summaries, query)
        papers, persons = api.all_papers(), api.persons()
        assert built == []  # the spans, the filter and the lists read what is kept only
        assert len(papers) == 12 and {p["reference"] for p in papers} >= {"00.01.00-A00-7-31"}
        assert [p["name"] for p in persons] == sorted({p["name"] for p in persons})
        assert body["created"] <= body["modified"] and organization["modified"] == body["modified"]
        assert len(kept) == 12
        page = api.page("/m", kept, api.meeting_of(False), query, filtered=True)
        assert len(page["data"]) == 5 and len(built) == 5  # the page's own, no more
        future = ListQuery.read({"modified_since": "2099-01-01T00:00:00+01:00"})
        assert api.stamped(summaries, future) == []
    finally:
        minutes.close()
