"""Shared fixtures for the policy tests."""

from __future__ import annotations

import pytest

from websight_desk.policy import Ruleset, load_ruleset


@pytest.fixture(scope="session")
def ruleset() -> Ruleset:
    return load_ruleset()
