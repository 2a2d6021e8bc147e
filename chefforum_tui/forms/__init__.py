"""The meeting screen's forms, one module per feature: each asks the user in a dialog and
hands the answer to one use case on Minutes (domain.cases), never to the aggregate."""
