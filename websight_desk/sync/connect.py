"""Connecting a workstation to a sync server: the one flow behind `websight-desk connect` and
the app's connect dialog.

`connect` checks the token with the server, keeps it in the keyring (never a file), points the
workspace at the server (offering everything again if it was another server), learns the
accounts and hands the work done before connecting to the signed-in account.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from websight_desk.domain.errors import ValidationError
from websight_desk.i18n import _
from websight_desk.services.desk import Desk
from websight_desk.sync import credentials
from websight_desk.sync.adopt import Adoption, adopt_local_work
from websight_desk.sync.client import SyncClient, Whoami
from websight_desk.sync.engine import Progress, SyncEngine, resync

TOKEN = re.compile(r"[\x21-\x7e]{1,512}")  # printable ASCII, no spaces: what HTTP can carry
TEST_TIMEOUT = 15.0


@dataclass(frozen=True)
class Connected:
    url: str
    me: Whoami
    kept_in_keyring: bool  # False: no keyring here, the caller keeps the token in memory
    adoption: Adoption


def server_url(text: str) -> str:
    """The server address as typed, checked and without a trailing slash."""
    url = text.strip().rstrip("/")
    if not url.startswith(("http://", "https://")):
        raise ValidationError(_("The server address must start with http:// or https://."))
    return url


def access_token(text: str) -> str:
    """The token as typed or pasted, checked (surrounding white space dropped)."""
    token = text.strip()
    if not token:
        raise ValidationError(_("No access token given."))
    if not TOKEN.fullmatch(token):
        raise ValidationError(
            _("This is not an access token: it has spaces or characters a token never has."),
            hint=_("Copy the token again exactly as the administrator gave it."),
        )
    return token


def check_token(url: str, token: str, *, timeout: float = TEST_TIMEOUT) -> Whoami:
    """Ask the server who this token is, changing nothing (raises a SyncProblem)."""
    with SyncClient(server_url(url), access_token(token), retries=1, timeout=timeout) as client:
        return client.whoami()


def connect(desk: Desk, url: str, token: str, *, progress: Progress | None = None) -> Connected:
    """Connect the workspace to the server at `url` with `token` (see the module docstring)."""
    url, token = server_url(url), access_token(token)
    with SyncClient(url, token, retries=1) as client:
        me = client.whoami()
        kept = credentials.keep_token(url, token)
        if desk.settings.server_url and desk.settings.server_url != url:
            resync(desk)  # a different central copy: offer it everything again
        desk.settings.server_url = url
        desk.settings.agent_id = me.id
        desk.save_settings()
        # learn the accounts now, so this workstation's agent exists locally
        SyncEngine(desk, client).pull(progress=progress)
        with desk.db.write() as conn:  # work done before connecting becomes this account's
            adoption = adopt_local_work(conn, me.id)
    return Connected(url, me, kept, adoption)
