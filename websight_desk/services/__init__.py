"""Use cases. Plain Python: no Qt, no dialogs; errors are typed (domain.errors)."""
