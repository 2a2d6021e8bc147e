"""Every key of the UI, as data: the screens build their bindings, the footer, the help
screen and the command palette from these tables, so a key is documented where it is bound."""

from __future__ import annotations

from textual.binding import Binding, BindingType

# (keys, action, Danish description, shown in the footer)
Key = tuple[str, str, str, bool]

APP_KEYS: tuple[Key, ...] = (
    ("slash", "search", "Søg", True),
    ("question_mark,f1", "help", "Hjælp", True),
    ("ctrl+q", "quit", "Afslut", True),
)

MEETINGS_KEYS: tuple[Key, ...] = (
    ("n", "new_meeting", "Nyt møde", True),
    ("enter", "open_meeting", "Åbn møde", True),
    ("l", "filter", "Filtrér listen", True),
    ("D", "load_demo", "Indlæs demomøde", False),
)

MEETING_KEYS: tuple[Key, ...] = (
    ("escape", "back", "Tilbage", True),
    ("a", "add_item", "Nyt punkt", True),
    ("w", "withdraw_item", "Træk punkt", False),
    ("ctrl+up,shift+up", "move_item(-1)", "Flyt punkt op", False),
    ("ctrl+down,shift+down", "move_item(1)", "Flyt punkt ned", False),
    ("u", "details", "Mødeoplysninger", False),
    ("d", "add_participant", "Ny deltager", False),
    ("f", "attendance", "Deltager og fremmøde", False),
    ("v", "votes", "Afstemning", False),
    ("m", "remark", "Protokolbemærkning", False),
    ("o", "absence", "Fravær på punkt", False),
    ("b", "earlier_decision", "Tidligere beslutning", False),
    ("i", "add_attachment", "Nyt bilag", False),
    ("k", "remove_attachment", "Fjern bilag", False),
    ("p", "publish", "Udsend dagsorden", True),
    ("s", "start", "Start møde", True),
    ("e", "end", "Afslut møde", True),
    ("g", "approve", "Godkend", True),
    ("r", "correction", "Rettelse", False),
    ("x", "export", "Eksportér", True),
    ("h", "history", "Historik", True),
    ("R", "roles", "Roller i forummet", False),
    ("ctrl+s", "commit", "Gem felt", False),
)

AUDIT_KEYS: tuple[Key, ...] = (
    ("escape", "back", "Tilbage", True),
    ("d", "diff", "Forskel til nu", True),
    ("enter", "jump", "Gå til punktet", True),
    ("p", "filter_actor", "Filtrér på person", True),
    ("n", "filter_item", "Filtrér på punkt", True),
    ("x", "export", "Eksportér denne udgave", True),
)

SEARCH_KEYS: tuple[Key, ...] = (
    ("escape", "back", "Tilbage", True),
    ("ctrl+f", "query", "Søgefeltet", True),
    ("ctrl+t", "toggle_internal", "Intern visning til/fra", True),
)

FIELD_KEYS: tuple[Key, ...] = (
    ("ctrl+s", "commit", "Gem felt", True),
    ("escape", "leave", "Forlad felt", True),
)


def bindings(keys: tuple[Key, ...]) -> list[BindingType]:
    return [Binding(key, action, description, show=show) for key, action, description, show in keys]
