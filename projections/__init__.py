"""Read models, renderers and importers built on the domain's events. No Textual here."""
