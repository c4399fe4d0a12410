"""Abuse feature UI: terminate dialog, review queue, report, banner and reply override."""
