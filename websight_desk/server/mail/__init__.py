"""The mail channel, run by the sync server: support mailboxes in (IMAP), replies out (SMTP).

Every change it makes is an op, applied and appended to the change log like a push, so
workstations get mail tickets by their normal pull. See docs/MAIL.md.
"""
