"""`websight-desk connect URL [--token T]`: check a token with the server and keep it."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from websight_desk.cli.common import open_from_args
from websight_desk.cli.main import add_workspace_option
from websight_desk.domain.errors import ValidationError
from websight_desk.sync import credentials
from websight_desk.sync.client import SyncClient
from websight_desk.sync.engine import SyncEngine, resync
from websight_desk.sync.errors import NoKeyringBackend


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "connect", help="connect this workstation to a sync server", description=__doc__
    )
    add_workspace_option(parser)
    parser.add_argument("url", help="server address, e.g. https://desk.example:8765")
    parser.add_argument("--token", help="access token (asked for if not given)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    url = args.url.strip().rstrip("/")
    if not url.startswith(("http://", "https://")):
        raise ValidationError("The server address must start with http:// or https://.")
    token = args.token or getpass.getpass("Access token: ").strip()
    if not token:
        raise ValidationError("No access token given.")
    with SyncClient(url, token, retries=1) as client:
        me = client.whoami()
        desk = open_from_args(args, with_triage=False)
        try:
            stored = _keep_token(url, token)
            if desk.settings.server_url and desk.settings.server_url != url:
                resync(desk)  # a different central copy: offer it everything again
            desk.settings.server_url = url
            desk.settings.agent_id = me.id
            desk.save_settings()
            # learn the accounts now, so this workstation's agent exists locally
            SyncEngine(desk, client).pull()
        finally:
            desk.close()
    if not stored:
        print(
            "websight-desk: this computer has no keyring; the token was NOT saved. "
            f"Set {credentials.ENV_TOKEN} (or enter it in the app at each start).",
            file=sys.stderr,
        )
    print(f"Connected to {url} as {me.name} ({me.role}).", file=sys.stderr)
    return 0


def _keep_token(url: str, token: str) -> bool:
    try:
        credentials.store_token(url, token)
    except NoKeyringBackend:
        return False
    return True
