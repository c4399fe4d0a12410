"""Frozen value objects and enums shared by every layer. No I/O here."""
