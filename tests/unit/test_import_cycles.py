"""No module imports, through others, a module that imports it when the program runs: a
circle makes the order of imports matter and a name half-defined when it is first used.
(Imports for types only, under TYPE_CHECKING, are not run and may point back.)"""

from __future__ import annotations

import grimp


def test_no_runtime_import_circles() -> None:
    graph = grimp.build_graph(
        "domain", "projections", "chefforum_tui", exclude_type_checking_imports=True
    )
    circles = [
        graph.find_shortest_chain(importer=imported, imported=importer)
        for importer in sorted(graph.modules)
        for imported in sorted(graph.find_modules_directly_imported_by(importer))
        if graph.chain_exists(importer=imported, imported=importer)
    ]
    assert circles == [], circles
