"""Every command of `chefforum` with the kinds of its positionals and options (the kinds
are those of values.POSITIONAL, and "file" and "output")."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Command:
    name: str
    positional: tuple[str, ...] = ()
    options: dict[str, str | None] = field(default_factory=dict)  # flag -> kind, None: a switch


COMMANDS = (
    Command("meetings", options={"--json": None}),
    Command("demo"),
    Command(
        "new",
        ("forum", "date"),
        {
            "--start": "odd",
            "--end": "odd",
            "--place": "text",
            "--organisation": "text",
            "--first-number": "odd",
        },
    ),
    Command(
        "add-participant",
        ("meeting", "name"),
        {
            "--title": "text",
            "--party": "text",
            "--role": "odd",
            "--attendance": "odd",
            "--substitute-for": "name",
        },
    ),
    Command(
        "add-item",
        ("meeting", "text"),
        {
            "--case-number": "odd",
            "--kind": "odd",
            "--minutes": "odd",
            "--closed": None,
            "--number": "odd",
        },
    ),
    Command("publish", ("meeting",)),
    Command("start", ("meeting",), {"--at": "odd"}),
    Command("end", ("meeting",), {"--at": "odd"}),
    Command("decide", ("meeting", "item", "text")),
    Command("approve", ("meeting",), {"--by": "name", "--reservation": "text"}),
    Command("correct", ("meeting",), {"--reason": "text", "--text": "text", "--item": "item"}),
    Command(
        "export",
        ("meeting",),
        {"--format": "odd", "--public": None, "--agenda": None, "--at": "odd", "-o": "output"},
    ),
    Command("import", ("file",), {"--format": "odd"}),
    Command(
        "log",
        ("meeting",),
        {
            "--all": None,
            "--actor": "name",
            "--item": "item",
            "--since": "odd",
            "--until": "odd",
            "--json": None,
        },
    ),
    Command("diff", ("meeting", "odd", "odd")),
    Command("verify", options={"--checkpoint": "file"}),
    Command(
        "search",
        ("text",),
        {"--forum": "forum", "--from": "odd", "--to": "odd", "--internal": None, "--json": None},
    ),
    Command("rebuild"),
    Command("grant", ("forum", "name", "role")),
    Command("revoke", ("forum", "name", "role")),
    Command("roles", ("forum",)),
    Command("keygen"),
    # The members' mail (issue 24); no participant here has an address, so nothing is sent.
    Command("send", ("meeting", "odd"), {"--to": "name", "--days": "odd"}),
    Command("remind", ("meeting",), {"--days": "odd"}),
    Command("links", ("odd", "meeting"), {"--member": "name"}),
)
