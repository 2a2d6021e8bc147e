"""people: on PostgreSQL, which database role writes under which name (an administrator's
command; the table is closed to everyone else)."""

from __future__ import annotations

import argparse

from chefforum_tui.cli.errors import UsageError
from domain.application import Minutes
from domain.text import nfc
from projections.store.recorders import postgres_people


def cmd_people(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    people = postgres_people(app)
    if args.action == "list":
        found = people.people()
        if not found:
            print(
                "Ingen personer: identiteter håndhæves ikke, og hver skriver som sin --actor. "
                "(Tilføj den første med 'chefforum people add ROLLE \"Navn\"'.)"
            )
        for role, name in found:
            print(f"{role:<20} {name}")
        return
    role = (args.role or "").strip()
    if not role:
        raise UsageError(f"angiv databaserollen: chefforum people {args.action} ROLLE")
    if args.action == "site":
        people.add_site_role(role)
        print(f"{role} kan nu betjene siden og kun skrive, hvad et medlems gyldige link tillader.")
    elif args.action == "add":
        name = nfc(args.name or "").strip()
        if not name:
            raise UsageError('angiv navnet: chefforum people add ROLLE "Navn"')
        people.add_person(role, name)
        print(f"{role} skriver nu som «{name}».")
    elif people.remove_person(role):
        print(f"{role} er fjernet og må ikke længere skrive.")
    else:
        print(f"{role} stod ikke i listen; dens rettigheder er fjernet.")
