"""Mailbox and SMTP settings: stored without passwords; a password comes from the environment
or from a file only the server's user can read (mode 0600), read when it is needed.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from websight_desk.domain.enums import Department
from websight_desk.domain.errors import EnvironmentProblem, NotFound, ValidationError
from websight_desk.server.mail.models import mailboxes, smtp

TLS_MODES = ("tls", "starttls", "plain")
LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost"})
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
_ENV = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,127}$")
_ADDRESS = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")
DEFAULT_RETRY_BASE_S = 60


class MailConfigProblem(EnvironmentProblem):
    """A mailbox or SMTP setting cannot be used (say which, never the password)."""


@dataclass(frozen=True)
class Secret:
    """Where a password is: an environment variable's name or a 0600 file's path."""

    env: str | None = None
    file: str | None = None

    def read(self, what: str) -> str:
        if self.env:
            value = os.environ.get(self.env)
            if not value:
                raise MailConfigProblem(f"{what}: the environment variable {self.env} is not set.")
            return value
        if self.file:
            path = Path(self.file)
            try:
                mode = path.stat().st_mode
                if mode & (stat.S_IRWXG | stat.S_IRWXO):
                    raise MailConfigProblem(
                        f"{what}: {path} can be read by others; make it 0600 (chmod 600 {path})."
                    )
                return path.read_text(encoding="utf-8").strip("\r\n")
            except OSError as exc:
                raise MailConfigProblem(f"{what}: {path} cannot be read ({exc.strerror}).") from exc
        return ""


@dataclass(frozen=True)
class Mailbox:
    name: str
    host: str
    port: int
    username: str
    folder: str
    department: str
    tls: str
    address: str
    secret: Secret
    ack: bool = False  # acknowledge new mail tickets to their sender
    filed_folder: str | None = None  # move filed mail here (None: leave it, seen)

    def password(self) -> str:
        return self.secret.read(f"mailbox {self.name}")


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int
    username: str | None
    tls: str
    from_address: str
    from_name: str
    secret: Secret
    retry_base_s: int = DEFAULT_RETRY_BASE_S

    def password(self) -> str:
        return self.secret.read("SMTP")


def check_address(address: str) -> str:
    address = address.strip()
    if not _ADDRESS.match(address) or len(address) > 320:
        raise ValidationError(f"{address!r} is not an e-mail address.")
    return address


def _check_common(host: str, port: int, tls: str, secret: Secret) -> None:
    if tls not in TLS_MODES:
        raise ValidationError(f"TLS mode must be one of {', '.join(TLS_MODES)}.")
    if tls == "plain" and host not in LOOPBACK:
        raise ValidationError(
            "Without TLS the password would cross the network in clear: 'plain' is allowed "
            "only for a server on this machine (127.0.0.1, for tests)."
        )
    if not 0 < port < 65536:
        raise ValidationError("The port must be between 1 and 65535.")
    if secret.env and secret.file:
        raise ValidationError("Give the password as --password-env or --password-file, not both.")
    if secret.env and not _ENV.match(secret.env):
        raise ValidationError(f"{secret.env!r} is not an environment variable name.")
    if secret.file and not Path(secret.file).is_absolute():
        raise ValidationError("--password-file needs an absolute path.")


def add_mailbox(conn: Connection, box: Mailbox) -> None:
    if not _NAME.match(box.name):
        raise ValidationError("A mailbox name has letters, digits, '.', '_' or '-' (up to 64).")
    _check_common(box.host, box.port, box.tls, box.secret)
    if not box.secret.env and not box.secret.file:
        raise ValidationError("Give the password as --password-env NAME or --password-file PATH.")
    Department(box.department)
    check_address(box.address)
    if box.filed_folder is not None and (
        not box.filed_folder.strip() or box.filed_folder == box.folder
    ):
        raise ValidationError("--move-to needs a folder other than the one mail is read from.")
    if conn.execute(select(mailboxes.c.name).where(mailboxes.c.name == box.name)).first():
        raise ValidationError(f"A mailbox named {box.name!r} already exists.")
    conn.execute(
        insert(mailboxes).values(
            name=box.name,
            host=box.host,
            port=box.port,
            username=box.username,
            folder=box.folder,
            department=box.department,
            tls=box.tls,
            address=box.address,
            password_env=box.secret.env,
            password_file=box.secret.file,
            created_at=datetime.now(UTC),
            ack=box.ack,
            filed_folder=box.filed_folder,
        )
    )


def set_mailbox_options(
    conn: Connection, name: str, *, ack: bool | None = None, move_to: str | None = None
) -> Mailbox:
    """Change a mailbox's options (None: unchanged; `move_to=""`: stop moving)."""
    box = next((b for b in list_mailboxes(conn) if b.name == name), None)
    if box is None:
        raise NotFound(f"There is no mailbox named {name!r}.")
    values: dict[str, Any] = {}
    if ack is not None:
        values["ack"] = ack
    if move_to is not None:
        if move_to == box.folder:
            raise ValidationError("--move-to needs a folder other than the one mail is read from.")
        values["filed_folder"] = move_to.strip() or None
    if values:
        conn.execute(update(mailboxes).where(mailboxes.c.name == name).values(**values))
    return next(b for b in list_mailboxes(conn) if b.name == name)


def remove_mailbox(conn: Connection, name: str) -> None:
    if conn.execute(delete(mailboxes).where(mailboxes.c.name == name)).rowcount == 0:
        raise NotFound(f"There is no mailbox named {name!r}.")


def _mailbox(r: Any) -> Mailbox:
    return Mailbox(
        r.name,
        r.host,
        int(r.port),
        r.username,
        r.folder,
        r.department,
        r.tls,
        r.address,
        Secret(r.password_env, r.password_file),
        bool(r.ack),
        r.filed_folder,
    )


def list_mailboxes(conn: Connection) -> list[Mailbox]:
    return [_mailbox(r) for r in conn.execute(select(mailboxes).order_by(mailboxes.c.name))]


def set_smtp(conn: Connection, cfg: SmtpConfig) -> None:
    _check_common(cfg.host, cfg.port, cfg.tls, cfg.secret)
    check_address(cfg.from_address)
    if cfg.username and not (cfg.secret.env or cfg.secret.file):
        raise ValidationError("An SMTP user needs --password-env NAME or --password-file PATH.")
    if not 1 <= cfg.retry_base_s <= 3600:
        raise ValidationError("--retry-base must be 1 to 3600 seconds.")
    conn.execute(delete(smtp))
    conn.execute(
        insert(smtp).values(
            id=1,
            host=cfg.host,
            port=cfg.port,
            username=cfg.username,
            tls=cfg.tls,
            from_address=cfg.from_address,
            from_name=cfg.from_name,
            password_env=cfg.secret.env,
            password_file=cfg.secret.file,
            retry_base_s=cfg.retry_base_s,
            created_at=datetime.now(UTC),
        )
    )


def clear_smtp(conn: Connection) -> None:
    conn.execute(delete(smtp))


def load_smtp(conn: Connection) -> SmtpConfig | None:
    r = conn.execute(select(smtp).where(smtp.c.id == 1)).first()
    if r is None:
        return None
    return SmtpConfig(
        r.host,
        int(r.port),
        r.username,
        r.tls,
        r.from_address,
        r.from_name,
        Secret(r.password_env, r.password_file),
        int(r.retry_base_s),
    )


def own_addresses(conn: Connection) -> frozenset[str]:
    """Our own addresses (lower case): mail from them is a loop, never a ticket."""
    found = {m.address.lower() for m in list_mailboxes(conn)}
    cfg = load_smtp(conn)
    if cfg is not None:
        found.add(cfg.from_address.lower())
    return frozenset(found)
