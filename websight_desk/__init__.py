"""Websight Desk: an offline-first support desk that knows Websight's support policy."""

__version__ = "0.1.0"
