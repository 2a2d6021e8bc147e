"""The Forum aggregate, its events and state, its standing items, and the template its
new meetings start from."""
