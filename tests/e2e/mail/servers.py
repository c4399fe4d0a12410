"""Real mail servers on 127.0.0.1 for the tests: Dovecot (IMAP) and aiosmtpd (SMTP).

Dovecot comes from Debian's packages (`apt-get install -y dovecot-imapd`); the fixture starts
it in the foreground with a configuration in a temporary directory and a free port, as the
current user (as root, its login processes run as Debian's `dovenull` and mail is owned by
`dovecot`, which the package creates). Tests that need it skip when `dovecot` is missing.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.parser import BytesParser
from email.policy import default as default_policy
from pathlib import Path
from typing import Any

from tests.e2e.sync.serverproc import free_port

DOVECOT = shutil.which("dovecot") or next(
    (p for p in ("/usr/sbin/dovecot", "/sbin/dovecot") if Path(p).exists()), None
)
MAIL_USER = "support"
MAIL_PASSWORD = "imap-secret-8841"


def _dovecot_conf(root: Path, port: int) -> str:
    if os.geteuid() == 0:
        owner = pwd.getpwnam("dovecot")
        users = ""  # Debian's defaults: dovenull logs in, dovecot is the internal user
    else:
        owner = pwd.getpwuid(os.getuid())
        me = owner.pw_name
        users = f"default_login_user = {me}\ndefault_internal_user = {me}\n"
    return f"""
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:{root}/mail/%u
first_valid_uid = 1
{users}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/users
}}
userdb {{
  driver = static
  args = uid={owner.pw_uid} gid={owner.pw_gid} home={root}/home/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
"""


@dataclass
class Dovecot:
    root: Path
    port: int = field(default_factory=free_port)
    proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        assert DOVECOT is not None
        for sub in ("run", "state", "mail", "home"):
            (self.root / sub).mkdir(exist_ok=True)
        (self.root / "users").write_text(f"{MAIL_USER}:{{PLAIN}}{MAIL_PASSWORD}\n")
        (self.root / "dovecot.conf").write_text(_dovecot_conf(self.root, self.port))
        if os.geteuid() == 0:
            owner = pwd.getpwnam("dovecot")
            for sub in ("mail", "home"):
                os.chown(self.root / sub, owner.pw_uid, owner.pw_gid)
        self.proc = subprocess.Popen(
            [DOVECOT, "-F", "-c", str(self.root / "dovecot.conf")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                self.client().logout()
                return
            except Exception:
                if self.proc.poll() is not None:
                    break
                time.sleep(0.2)
        raise RuntimeError(f"dovecot did not start: {self.log()}")

    def log(self) -> str:
        path = self.root / "dovecot.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def client(self) -> Any:
        from imapclient import IMAPClient  # type: ignore[import-untyped]

        c = IMAPClient("127.0.0.1", port=self.port, ssl=False, timeout=10)
        c.login(MAIL_USER, MAIL_PASSWORD)
        return c

    def deliver(self, msg: EmailMessage | bytes) -> None:
        """Put a mail into the INBOX, as the mail system would on arrival."""
        raw = msg if isinstance(msg, bytes) else msg.as_bytes()
        c = self.client()
        try:
            c.append("INBOX", raw)
        finally:
            c.logout()

    def unseen(self) -> list[int]:
        c = self.client()
        try:
            c.select_folder("INBOX")
            return sorted(c.search(["UNSEEN"]))
        finally:
            c.logout()

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)
        self.proc = None


def private_tempdir() -> Path:
    """A directory Dovecot's unprivileged processes can enter (pytest's tmp is 0700)."""
    root = Path(tempfile.mkdtemp(prefix="wsd-dovecot-"))
    root.chmod(0o755)
    return root


class Inbox:
    """aiosmtpd's handler: every mail it accepts, parsed."""

    def __init__(self) -> None:
        self.mails: list[tuple[str, list[str], EmailMessage]] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if not session.authenticated:
            return "530 5.7.0 Authentication required"
        msg = BytesParser(policy=default_policy).parsebytes(envelope.original_content)
        with self.lock:
            self.mails.append((envelope.mail_from, list(envelope.rcpt_tos), msg))  # type: ignore[arg-type]
        return "250 OK"

    def wait(self, count: int = 1, timeout: float = 30) -> list[EmailMessage]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if len(self.mails) >= count:
                    return [m for _f, _t, m in self.mails]
            time.sleep(0.1)
        raise AssertionError(f"{len(self.mails)} mail(s) arrived, {count} expected")


class SmtpServer:
    """aiosmtpd on 127.0.0.1 with a login (no TLS: loopback only)."""

    USER = "desk"
    PASSWORD = "smtp-secret-5512"

    def __init__(self, port: int | None = None) -> None:
        self.port = port or free_port()
        self.inbox = Inbox()
        self.controller: Any = None

    def _auth(self, server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> Any:
        from aiosmtpd.smtp import AuthResult, LoginPassword

        ok = isinstance(data, LoginPassword) and (
            data.login.decode() == self.USER and data.password.decode() == self.PASSWORD
        )
        return AuthResult(success=ok)

    def start(self) -> None:
        from aiosmtpd.controller import Controller

        self.controller = Controller(
            self.inbox,
            hostname="127.0.0.1",
            port=self.port,
            authenticator=self._auth,
            auth_required=False,  # checked per mail (True warns when TLS is not required)
            auth_require_tls=False,
        )
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None
