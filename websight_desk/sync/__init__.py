"""Client side of the sync protocol: push the outbox, pull the change log, report status."""
