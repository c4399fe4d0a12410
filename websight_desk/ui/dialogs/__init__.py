"""Dialogs that collect input and hand a command to a service."""
