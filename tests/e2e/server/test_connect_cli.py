"""`websight-desk connect`: where the token comes from, no traceback without a terminal, and an
untrusted TLS certificate named as such — against a real server process."""

from __future__ import annotations

import datetime as dt
import io
import ipaddress
import signal
import ssl
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import update

from tests.conftest import MemoryKeyring
from tests.e2e.server.conftest import Served
from tests.e2e.sync.serverproc import ServerProc
from websight_desk.cli.main import main
from websight_desk.i18n import current_language, set_language
from websight_desk.server.accounts import hash_token
from websight_desk.server.models import accounts
from websight_desk.sync import credentials
from websight_desk.sync.client import SyncClient
from websight_desk.sync.errors import AccessRevoked, UntrustedCertificate

DASH_TOKEN = "-dash-token-0123456789abcdef"


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    before = current_language()
    set_language("en")
    yield
    set_language(before)


@pytest.fixture(scope="module")
def srv(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ServerProc, str]]:
    """A server with account `ayse` (a normal token) and `deniz` (a token starting with -)."""
    proc = ServerProc(data_dir=tmp_path_factory.mktemp("server"))
    proc.start()
    _, token = proc.add_account("ayse", "agent")
    deniz, _ = proc.add_account("deniz", "agent")
    store = proc.store()
    try:
        with store.write() as conn:
            conn.execute(
                update(accounts)
                .where(accounts.c.id == deniz)
                .values(token_hash=hash_token(DASH_TOKEN))
            )
    finally:
        store.close()
    yield proc, token
    proc.kill()


def connect(url: str, ws: Path, *extra: str) -> int:
    return main(["connect", url, "--workspace", str(ws), *extra])


def test_token_from_the_environment(
    srv: tuple[ServerProc, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    memory_keyring: MemoryKeyring,
) -> None:
    proc, token = srv
    monkeypatch.setenv(credentials.ENV_TOKEN, token)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))  # no terminal: must not be asked
    assert connect(proc.url, tmp_path / "ws") == 0
    assert "Connected to" in capsys.readouterr().err
    assert memory_keyring.secrets[(credentials.SERVICE, proc.url)] == token


@pytest.mark.parametrize("how", ["option", "stdin", "env"])
def test_a_token_starting_with_a_dash_is_accepted(
    srv: tuple[ServerProc, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    how: str,
) -> None:
    proc, _ = srv
    extra: list[str] = []
    if how == "option":
        extra = [f"--token={DASH_TOKEN}"]
    elif how == "stdin":
        extra = ["--token-stdin"]
        monkeypatch.setattr(sys, "stdin", io.StringIO(f"{DASH_TOKEN}\nignored\n"))
    else:
        monkeypatch.setenv(credentials.ENV_TOKEN, DASH_TOKEN)
    assert connect(proc.url, tmp_path / "ws", *extra) == 0
    assert "as deniz (agent)" in capsys.readouterr().err


def test_the_option_wins_over_the_environment(
    srv: tuple[ServerProc, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    proc, token = srv
    monkeypatch.setenv(credentials.ENV_TOKEN, DASH_TOKEN)
    assert connect(proc.url, tmp_path / "ws", f"--token={token}") == 0
    assert "as ayse (agent)" in capsys.readouterr().err


@pytest.mark.parametrize(
    "case",
    [
        ("", [], "no terminal"),  # nothing given and nobody to ask
        ("", ["--token-stdin"], "No access token given"),
        ("\n", ["--token-stdin"], "No access token given"),
        ("", ["--token=two words"], "not an access token"),
        ("", ["--token=şifre"], "not an access token"),
    ],
)
def test_missing_or_impossible_tokens_are_said_clearly(
    srv: tuple[ServerProc, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    case: tuple[str, list[str], str],
) -> None:
    stdin, extra, expected = case
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    assert connect(srv[0].url, tmp_path / "ws", *extra) == 2
    err = capsys.readouterr().err
    assert expected in err
    assert "Traceback" not in err


def test_without_a_terminal_the_real_command_exits_2_without_a_traceback(
    srv: tuple[ServerProc, str], tmp_path: Path
) -> None:
    command = [sys.executable, "-m", "websight_desk", "connect", srv[0].url]
    done = subprocess.run(
        [*command, "--workspace", str(tmp_path / "ws")],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert "--token-stdin" in done.stderr
    assert credentials.ENV_TOKEN in done.stderr


def test_token_and_token_stdin_together_are_refused(
    srv: tuple[ServerProc, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exc:
        connect(srv[0].url, tmp_path / "ws", "--token=x", "--token-stdin")
    assert exc.value.code == 2
    assert "not allowed with" in capsys.readouterr().err


def _self_signed(tmp_path: Path) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    certfile, keyfile = tmp_path / "cert.pem", tmp_path / "key.pem"
    certfile.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    keyfile.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return certfile, keyfile


def test_an_untrusted_certificate_is_reported_as_such(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("cryptography")  # comes with keyring on Linux; a test extra elsewhere
    certfile, keyfile = _self_signed(tmp_path)
    served = Served(
        "--data", str(tmp_path / "data"), "--certfile", str(certfile), "--keyfile", str(keyfile)
    )
    try:
        assert served.url.startswith("https://127.0.0.1:")
        with (
            SyncClient(served.url, "x", retries=3, sleep=lambda _s: None) as client,
            pytest.raises(UntrustedCertificate, match="certificate is not trusted"),
        ):
            client.whoami()
        assert connect(served.url, tmp_path / "ws", "--token=x") == 2
        err = capsys.readouterr().err
        assert "the server's certificate is not trusted" in err.lower()
        assert "self-signed" in err or "self signed" in err
        assert "cannot be reached" not in err
        with (  # once trusted, TLS works and the token is what the server refuses
            SyncClient(
                served.url, "x", verify=ssl.create_default_context(cafile=str(certfile))
            ) as trusting,
            pytest.raises(AccessRevoked),
        ):
            trusting.whoami()
    finally:
        assert served.stop(signal.SIGTERM) == 0
