"""Read side for the UI: queries that return frozen domain objects (never ORM rows)."""
