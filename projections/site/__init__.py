"""The public site: pages, feeds, OParl and the members' links (a Starlette app)."""
