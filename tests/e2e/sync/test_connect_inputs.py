"""The connect flow's checks and the one token finder, without a server."""

from __future__ import annotations

import pytest
from keyring.backends import fail

from tests.conftest import MemoryKeyring
from websight_desk.domain.errors import ValidationError
from websight_desk.sync import credentials
from websight_desk.sync.connect import access_token, server_url

URL = "https://desk.example:8765"


def test_server_url_is_checked_and_trimmed() -> None:
    assert server_url(f" {URL}/ ") == URL
    with pytest.raises(ValidationError, match="http"):
        server_url("desk.example:8765")


@pytest.mark.parametrize("bad", ["", "   ", "two words", "tab\there", "ş" * 10, "x" * 513])
def test_impossible_tokens_are_refused(bad: str) -> None:
    with pytest.raises(ValidationError):
        access_token(bad)


def test_a_token_is_stripped() -> None:
    assert access_token(" -abc.DEF_123\n") == "-abc.DEF_123"


def test_find_token_prefers_the_session_then_the_environment_then_the_keyring(
    memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(credentials.ENV_TOKEN, raising=False)
    assert credentials.find_token(URL) is None
    assert credentials.keep_token(URL, "kept")
    assert credentials.find_token(URL) == "kept"
    monkeypatch.setenv(credentials.ENV_TOKEN, " from-env ")
    assert credentials.find_token(URL) == "from-env"
    assert credentials.find_token(URL, "typed") == "typed"


def test_without_a_keyring_nothing_is_kept_anywhere(monkeypatch: pytest.MonkeyPatch) -> None:
    import keyring

    monkeypatch.delenv(credentials.ENV_TOKEN, raising=False)
    monkeypatch.setattr(keyring, "get_keyring", fail.Keyring)
    assert credentials.keep_token(URL, "secret") is False
    assert credentials.find_token(URL) is None
    assert credentials.find_token(URL, "typed") == "typed"
