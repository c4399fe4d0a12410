"""The sync server: the meeting point of all workstations (push, pull, accounts, roles)."""
