"""The abuse detector's word lists, as the policy file's [abuse] table writes them
(`policy/abuse.py` says what each list means)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class AbuseLexicon:
    """Word lists of the detector, as written in the policy file's [abuse] table."""

    profanity: tuple[str, ...]
    insults: tuple[str, ...]
    insults_strict: tuple[str, ...]
    targets: tuple[str, ...]
    aimed_suffixes: tuple[str, ...]
    benign_suffixes: tuple[str, ...]
    allow: tuple[str, ...]
    insults_strong: tuple[str, ...] = ()
    threats: tuple[str, ...] = ()
    clean_spellings: tuple[str, ...] = ()
