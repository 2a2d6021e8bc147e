"""The names of the export formats, apart from the renderers: the command line's parser
needs the names on every start, the renderers only when a document is exported."""

from __future__ import annotations

FORMATS = ("text", "markdown", "html", "json", "pdf", "zip")
EXTENSIONS = {
    "text": "txt",
    "markdown": "md",
    "html": "html",
    "json": "json",
    "pdf": "pdf",
    "zip": "zip",
}
