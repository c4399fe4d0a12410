"""Typed SQLAlchemy 2.0 storage: models, migrations, op appliers, outbox and read queries."""
