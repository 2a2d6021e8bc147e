"""Every key of the UI, as data: each has an id ("meeting.add_item"), and the bindings, the
footer, the help screen, the command palette and the hints in forms are all built from these
tables, so a key is documented where it is bound.

A user may bind other keys to an id in a small TOML file ($CHEFFORUM_KEYS, or else
~/.config/chefforum/keys.toml):

    [keys]
    "meeting.add_item" = "ctrl+n"
    "meeting.move_item_up" = ["ctrl+up", "alt+k"]
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from textual.binding import Binding, BindingType
from textual.keys import _character_to_key, format_key


@dataclass(frozen=True)
class Key:
    id: str  # what keys.toml names: "<where>.<action>"
    keys: str  # Textual key names, comma-separated: "ctrl+up,shift+up"
    action: str
    description: str  # Danish, as the footer, help and palette show it
    show: bool = False  # in the footer
    priority: bool = False
    reason: str | None = None  # why the action cannot be done now (a screen's KEYS)


# How many sections of an item have a go-to key (alt+1 ...), and how many ready phrases
# of a decision a key each (f5 ...).
SECTION_KEYS = 6
PHRASE_KEYS = 4

APP_KEYS: tuple[Key, ...] = (
    Key("app.search", "slash", "search", "Søg", True),
    Key("app.help", "question_mark,f1", "help", "Hjælp", True),
    Key("app.quit", "ctrl+q", "quit", "Afslut", True),
    Key(
        "app.command_palette",
        "ctrl+p",
        "command_palette",
        "Kommandopalet",
        priority=True,
    ),
)

MEETINGS_KEYS: tuple[Key, ...] = (
    Key("meetings.new_meeting", "n", "new_meeting", "Nyt møde", True),
    Key("meetings.open_meeting", "enter", "open_meeting", "Åbn møde", True),
    Key("meetings.filter", "l", "filter", "Filtrér listen", True),
    Key("meetings.load_demo", "D", "load_demo", "Indlæs demomøde"),
    Key("meetings.import_file", "I", "import_file", "Importér referat (Markdown, tekst, PDF)"),
    Key("meetings.forum", "F", "forum", "Forummet", True),
)

MEETING_KEYS: tuple[Key, ...] = (
    # Back is not escape: escape leaves a field, and pressed once too often it must not
    # leave the meeting as well. Backspace in a field deletes; here it goes back.
    Key("meeting.back", "backspace", "back", "Tilbage", True),
    Key("meeting.live", "l", "live", "Tag referat", True),
    Key("meeting.add_item", "a", "add_item", "Nyt punkt", True),
    Key("meeting.withdraw_item", "w", "withdraw_item", "Træk punkt"),
    Key("meeting.move_item_up", "ctrl+up,shift+up", "move_item(-1)", "Flyt punkt op"),
    Key("meeting.move_item_down", "ctrl+down,shift+down", "move_item(1)", "Flyt punkt ned"),
    Key("meeting.details", "u", "details", "Mødeoplysninger"),
    Key("meeting.add_participant", "d", "add_participant", "Ny deltager"),
    Key("meeting.edit_participant", "f", "edit_participant", "Deltager og fremmøde"),
    Key("meeting.votes", "v", "votes", "Afstemning"),
    Key("meeting.motion", "V", "motion", "Afstemning om forslag"),
    Key("meeting.postpone_item", "t", "postpone_item", "Udsæt punkt"),
    Key("meeting.remark", "m", "remark", "Protokolbemærkning"),
    Key("meeting.absence", "o", "absence", "Fravær på punkt"),
    Key("meeting.earlier_decision", "b", "earlier_decision", "Tidligere beslutning"),
    Key("meeting.add_attachment", "i", "add_attachment", "Nyt bilag"),
    Key("meeting.remove_attachment", "k", "remove_attachment", "Fjern bilag"),
    Key("meeting.attach_file", "B", "attach_file", "Vedhæft fil"),
    Key("meeting.publish", "p", "publish", "Udsend dagsorden", True),
    Key("meeting.start", "s", "start", "Start møde", True),
    Key("meeting.end", "e", "end", "Afslut møde", True),
    Key("meeting.approve", "g", "approve", "Godkend", True),
    Key("meeting.correction", "r", "correction", "Rettelse", True),
    Key("meeting.export", "x", "export", "Eksportér", True),
    Key("meeting.send_mail", "M", "send_mail", "Send til medlemmerne"),
    Key("meeting.history", "h", "history", "Historik", True),
    Key("meeting.preview", "z", "preview", "Forhåndsvisning til/fra"),
    Key("meeting.roles", "R", "roles", "Roller i forummet"),
    Key("meeting.commit", "ctrl+s", "commit", "Gem felt"),
    # Go to a field of the item editor, also from inside another field (the fields run
    # these keys in turn with what is typed: widgets/fields.py TypeAhead; not priority
    # keys, which Textual runs when they arrive, before the keys typed just before them).
    *(
        Key(f"meeting.goto_{field}", keys, f"goto('{field}')", f"Gå til {label}")
        for field, keys, label in (
            ("decision", "f2,alt+b", "Beslutning"),
            ("title", "alt+t", "Titel"),
            ("case_number", "alt+j", "Journalnummer"),
            ("duration_minutes", "alt+m", "Afsat tid"),
            ("kind", "alt+y", "Punkttype"),
            ("closed", "alt+l", "Lukket punkt"),
            ("supplementary", "alt+u", "Tillægspunkt"),
            ("rec_by", "alt+i", "Hvem indstiller"),
            ("rec_points", "alt+a", "Indstillingens at-punkter"),
            *((f"section-{n}", f"alt+{n + 1}", f"afsnit {n + 1}") for n in range(SECTION_KEYS)),
            ("items", "alt+d", "Dagsorden"),
            ("participants", "alt+e", "Deltagere"),
        )
    ),
)

# The live view: taking the minutes while the meeting is held. The cursor stays in the
# decision, so every key here works from inside it (no plain letters; the field runs them
# in turn with the text typed before them, see MEETING_KEYS).
LIVE_KEYS: tuple[Key, ...] = (
    Key("live.back", "backspace", "back", "Tilbage", True),
    Key("live.next_item", "ctrl+down,ctrl+n", "step(1)", "Næste punkt", True),
    Key("live.previous_item", "ctrl+up", "step(-1)", "Forrige punkt", True),
    Key("live.decision", "f2", "goto('decision')", "Gå til Beslutning"),
    Key("live.agenda", "alt+d", "goto('agenda')", "Gå til Dagsorden"),
    Key("live.votes", "ctrl+t", "votes", "Afstemning", True),
    Key("live.remark", "ctrl+r", "remark", "Bemærkning", True),
    Key("live.absence", "ctrl+f", "absence", "Fravær", True),
    *(
        Key(f"live.phrase_{n + 1}", f"f{n + 5}", f"phrase({n})", f"Fast tekst {n + 1}")
        for n in range(PHRASE_KEYS)
    ),
    Key("live.commit", "ctrl+s", "commit", "Gem"),
)

# The forum screen (screens/forum.py): one form per part of what a new meeting starts from.
FORUM_KEYS: tuple[Key, ...] = (
    Key("forum.back", "escape", "back", "Tilbage", True),
    Key("forum.member", "m", "member", "Medlem", True),
    Key("forum.remove_member", "M", "remove_member", "Fjern medlem"),
    Key("forum.template", "t", "template", "Afsnitsskabelon", True),
    Key("forum.standing_first", "f", "standing('first')", "Første faste punkt", True),
    Key("forum.standing_last", "l", "standing('last')", "Sidste faste punkt", True),
    Key("forum.settings", "s", "settings", "Indstillinger", True),
)

AUDIT_KEYS: tuple[Key, ...] = (
    Key("audit.back", "escape", "back", "Tilbage", True),
    Key("audit.diff", "d", "diff", "Forskel til nu", True),
    Key("audit.jump", "enter", "jump", "Gå til punktet", True),
    Key("audit.filter_actor", "p", "filter_actor", "Filtrér på person", True),
    Key("audit.filter_item", "n", "filter_item", "Filtrér på punkt", True),
    Key("audit.export", "x", "export", "Eksportér denne udgave", True),
)

SEARCH_KEYS: tuple[Key, ...] = (
    Key("search.back", "escape", "back", "Tilbage", True),
    Key("search.query", "ctrl+f", "query", "Søgefeltet", True),
    Key("search.toggle_internal", "ctrl+t", "toggle_internal", "Intern visning til/fra", True),
)

# Every text field, also in the forms: select all, go to the end of the text.
TEXT_KEYS: tuple[Key, ...] = (
    Key("field.select_all", "ctrl+a", "select_text", "Markér al tekst i feltet"),
    Key("field.text_end", "ctrl+end", "text_end", "Til tekstens slutning"),
)
FIELD_KEYS: tuple[Key, ...] = (
    Key("field.commit", "ctrl+s", "commit", "Gem felt", True),
    Key("field.leave", "escape", "leave", "Forlad felt", True),
    *TEXT_KEYS,
)

FORM_KEYS: tuple[Key, ...] = (
    Key("form.submit", "ctrl+s", "submit", "Gem formularen", True),
    Key("form.cancel", "escape", "cancel", "Fortryd formularen", True),
)

# The person pickers and letter choices of the dialogs (widgets/people.py).
PICKER_KEYS: tuple[Key, ...] = (
    Key("picker.take", "enter", "take", "Tag det fremhævede navn (tomt felt: videre)"),
    Key("picker.next", "down", "move(1)", "Næste forslag"),
    Key("picker.previous", "up", "move(-1)", "Forrige forslag"),
)
CHOICE_KEYS: tuple[Key, ...] = (
    Key("choice.take", "enter", "take", "Videre til næste felt"),
    Key("choice.next", "right,down", "move(1)", "Næste mulighed"),
    Key("choice.previous", "left,up", "move(-1)", "Forrige mulighed"),
)

# Go to a field of the vote, remark and absence dialogs, from any field of the dialog:
# with the key that opens the dialog, every field is two keys from the live view.
VOTE_FORM_KEYS: tuple[Key, ...] = tuple(
    Key(f"vote.{field}", keys, f"goto_field('{field}')", f"Gå til {label}")
    for field, keys, label in (
        ("for", "alt+f", "For"),
        ("against", "alt+i", "Imod"),
        ("abstain", "alt+u", "Undlod"),
        ("blank", "alt+b", "Blank"),
        ("text", "alt+t", "Forslagets tekst"),
        ("by", "alt+s", "Stillet af"),
        ("result", "alt+r", "Resultat"),
    )
)
REMARK_FORM_KEYS: tuple[Key, ...] = tuple(
    Key(f"remark.{field}", keys, f"goto_field('{field}')", f"Gå til {label}")
    for field, keys, label in (
        ("by", "alt+f", "Fra"),
        ("text", "alt+b", "Bemærkning"),
        ("kind", "alt+y", "Type"),
    )
)
ABSENCE_FORM_KEYS: tuple[Key, ...] = tuple(
    Key(f"absence.{field}", keys, f"goto_field('{field}')", f"Gå til {label}")
    for field, keys, label in (
        ("name", "alt+h", "Hvem"),
        ("reason", "alt+g", "Grund"),
        ("substitute", "alt+s", "Stedfortræder"),
    )
)

CONFIRM_KEYS: tuple[Key, ...] = (
    Key("confirm.yes", "j", "answer(True)", "Svar ja", True),
    Key("confirm.no", "n,escape", "answer(False)", "Svar nej", True),
)

HELP_KEYS: tuple[Key, ...] = (
    Key("help.close", "escape,question_mark,f1,q", "dismiss", "Luk hjælpen", True),
)

# Where each table applies, as the help screen names it (the screens' own tables are
# named by the screen's title).
ANYWHERE = "overalt"
IN_A_FIELD = "i et tekstfelt"
IN_A_FORM = "i en formular"
IN_A_PICKER = "i et navnefelt eller et valg"
IN_THE_VOTE = "i afstemningen"
IN_A_REMARK = "i en bemærkning"
IN_AN_ABSENCE = "ved fravær"
IN_A_QUESTION = "ved et spørgsmål"
IN_HELP = "i hjælpen"

ALL_TABLES: tuple[tuple[Key, ...], ...] = (
    APP_KEYS,
    MEETINGS_KEYS,
    MEETING_KEYS,
    FORUM_KEYS,
    LIVE_KEYS,
    AUDIT_KEYS,
    SEARCH_KEYS,
    FIELD_KEYS,
    FORM_KEYS,
    PICKER_KEYS,
    CHOICE_KEYS,
    VOTE_FORM_KEYS,
    REMARK_FORM_KEYS,
    ABSENCE_FORM_KEYS,
    CONFIRM_KEYS,
    HELP_KEYS,
)
BY_ID: dict[str, Key] = {key.id: key for table in ALL_TABLES for key in table}

Keymap = Mapping[str, str]  # binding id -> keys, comma-separated


# Punctuation keys by name ("question_mark"), shown as the character itself ("?").
PUNCTUATION = {_character_to_key(c) for c in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"}


def bindings(keys: tuple[Key, ...]) -> list[BindingType]:
    return [
        Binding(k.keys, k.action, k.description, show=k.show, priority=k.priority, id=k.id)
        for k in keys
    ]


def app_keymap(app: object) -> Keymap:
    """The keys an app runs with besides the defaults (ChefforumApp.key_overrides)."""
    keymap = getattr(app, "key_overrides", None)
    return keymap if isinstance(keymap, Mapping) else {}


def keys_of(binding_id: str, keymap: Keymap) -> list[str]:
    """The keys bound to an id now: the user's, or else the default."""
    return [k.strip() for k in keymap.get(binding_id, BY_ID[binding_id].keys).split(",")]


def key_label(key: str) -> str:
    """How a key is written in the UI: "ctrl+s", "esc", "?", "/", "a"."""
    *modifiers, name = key.split("+")
    if name == "escape":
        name = "esc"
    elif name in PUNCTUATION:
        name = format_key(name)
    return "+".join([*modifiers, name])


def keys_label(binding_id: str, keymap: Keymap) -> str:
    """Every key bound to an id, as the help screen lists them: "? / f1"."""
    return " / ".join(key_label(k) for k in keys_of(binding_id, keymap))


def hint(binding_id: str, keymap: Keymap) -> str:
    """The first key bound to an id, as a hint in a label or a button: "ctrl+s"."""
    return key_label(keys_of(binding_id, keymap)[0])


# -- the user's file ---------------------------------------------------------------------


def keys_file() -> Path:
    """$CHEFFORUM_KEYS, or else keys.toml in the user's configuration folder."""
    named = os.environ.get("CHEFFORUM_KEYS")
    if named:
        return Path(named).expanduser()
    config = os.environ.get("XDG_CONFIG_HOME") or "~/.config"
    return Path(config).expanduser() / "chefforum" / "keys.toml"


MODIFIERS = {"ctrl", "shift", "alt", "meta", "super", "hyper"}


def _normalise(key: str) -> str | None:
    """A key in Textual's long form ("?" -> "question_mark"), or None when it is no key."""
    *modifiers, name = key.strip().split("+")
    if not name or any(m not in MODIFIERS for m in modifiers):
        return None
    if len(name) == 1:
        name = _character_to_key(name)
    elif not (name.replace("_", "").isalnum() and name.isascii()):
        return None
    return "+".join([*modifiers, name])


def load_keys(path: Path, must_exist: bool = False) -> tuple[dict[str, str], list[str]]:
    """The user's keys from a TOML file, and what is wrong with it (Danish, one line each).

    What can be used is used: a wrong line leaves the others in force."""
    if not path.exists():
        missing = f"Tastefilen {path} findes ikke; standardtasterne bruges."
        return {}, [missing] if must_exist else []
    import tomllib  # only when there is a keys file

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as e:
        return {}, [f"Tastefilen {path} kan ikke læses ({e}); standardtasterne bruges."]
    except tomllib.TOMLDecodeError as e:
        return {}, [f"Tastefilen {path} er ikke gyldig TOML ({e}); standardtasterne bruges."]
    table = data.get("keys")
    if not isinstance(table, dict):
        example = '"meeting.add_item" = "ctrl+n"'
        return {}, [f"Tastefilen {path} mangler afsnittet [keys] med linjer som {example}."]
    keymap: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, value in table.items():
        where = f"'{binding_id}' i {path}"
        if binding_id not in BY_ID:
            problems.append(f"Ukendt tast-id {where}; id'erne står i hjælpen (?).")
            continue
        given = [value] if isinstance(value, str) else value
        if not (isinstance(given, list) and given and all(isinstance(k, str) for k in given)):
            problems.append(f'{where} skal være en tast som "ctrl+n" eller en liste af taster.')
            continue
        keys = [_normalise(k) for k in ",".join(given).split(",")]
        if None in keys:
            problems.append(f"{where}: '{', '.join(given)}' er ikke en tast som \"ctrl+n\".")
            continue
        keymap[binding_id] = ",".join(k for k in keys if k is not None)
    problems.extend(clashes(keymap))
    return keymap, problems


def user_keymap() -> tuple[dict[str, str], list[str]]:
    """The user's keys from the file keys_file() names, and what is wrong with it."""
    return load_keys(keys_file(), must_exist=bool(os.environ.get("CHEFFORUM_KEYS")))


# Tables whose keys are live at the same time (a screen's keys with the app's).
TOGETHER: tuple[tuple[tuple[Key, ...], ...], ...] = (
    (MEETINGS_KEYS, APP_KEYS),
    (MEETING_KEYS, APP_KEYS),
    (AUDIT_KEYS, APP_KEYS),
    (SEARCH_KEYS, APP_KEYS),
    (FIELD_KEYS, MEETING_KEYS, APP_KEYS),
    (FIELD_KEYS, LIVE_KEYS, APP_KEYS),
    (FORM_KEYS,),
    (PICKER_KEYS, VOTE_FORM_KEYS, FORM_KEYS),
    (PICKER_KEYS, REMARK_FORM_KEYS, FORM_KEYS),
    (PICKER_KEYS, ABSENCE_FORM_KEYS, FORM_KEYS),
    (CHOICE_KEYS, VOTE_FORM_KEYS, FORM_KEYS),
    (CHOICE_KEYS, REMARK_FORM_KEYS, FORM_KEYS),
    (CHOICE_KEYS, ABSENCE_FORM_KEYS, FORM_KEYS),
    (CONFIRM_KEYS,),
    (HELP_KEYS,),
)


def clashes(keymap: Keymap) -> list[str]:
    """A remapped key that another action already uses where both are live."""
    problems: list[str] = []
    for tables in TOGETHER:
        used: dict[str, Key] = {}
        for key in (k for table in tables for k in table):
            for name in keys_of(key.id, keymap):
                other = used.setdefault(name, key)
                if other.action != key.action and (key.id in keymap or other.id in keymap):
                    problem = (
                        f"Tasten {key_label(name)} bruges både til '{other.description}' "
                        f"({other.id}) og '{key.description}' ({key.id}); kun den ene virker."
                    )
                    if problem not in problems:
                        problems.append(problem)
    return problems
