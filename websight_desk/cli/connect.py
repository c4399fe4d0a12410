"""`websight-desk connect URL`: check a token with the server and keep it (`sync.connect`).

The token comes from `--token=TOKEN`, `--token-stdin` (first line of standard input),
`WEBSIGHT_DESK_TOKEN`, or is asked for on the terminal — in that order.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from websight_desk.cli.common import add_workspace_option, open_from_args
from websight_desk.domain.errors import ValidationError
from websight_desk.i18n import _
from websight_desk.sync import credentials
from websight_desk.sync.connect import access_token, connect, server_url


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "connect",
        help=_("connect this workstation to a sync server"),
        description=_(
            "Check an access token with the sync server and keep it in the system keyring. "
            "The token is taken from --token, --token-stdin or {env}, or asked for."
        ).format(env=credentials.ENV_TOKEN),
    )
    add_workspace_option(parser)
    parser.add_argument("url", help=_("server address, e.g. https://desk.example:8765"))
    given = parser.add_mutually_exclusive_group()
    given.add_argument(
        "--token",
        metavar="TOKEN",
        help=_("access token (write --token=TOKEN if it starts with '-')"),
    )
    given.add_argument(
        "--token-stdin",
        action="store_true",
        help=_("read the access token from the first line of standard input"),
    )
    parser.set_defaults(func=run)


def _interactive() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def read_token(args: argparse.Namespace) -> str:
    """The token from the option, standard input, the environment or the terminal."""
    token: str
    if args.token is not None:
        token = args.token
    elif args.token_stdin:
        token = sys.stdin.readline() if sys.stdin is not None else ""
    elif credentials.env_token():
        token = credentials.env_token() or ""
    elif _interactive():
        try:
            token = getpass.getpass(_("Access token: "))
        except EOFError:
            token = ""
    else:
        raise ValidationError(
            _("No access token given, and there is no terminal to ask for one."),
            hint=_("Use --token=TOKEN, --token-stdin or set {env}.").format(
                env=credentials.ENV_TOKEN
            ),
        )
    return access_token(token)


def run(args: argparse.Namespace) -> int:
    url = server_url(args.url)
    token = read_token(args)
    desk = open_from_args(args, with_triage=False)
    try:
        done = connect(desk, url, token)
    finally:
        desk.close()
    me, adoption = done.me, done.adoption
    if adoption.adopted or adoption.kept_local:
        print(
            _(
                "{adopted} change(s) made on this computer before connecting will be sent as "
                "{name}'s; {kept} local-only colleague(s) stay on this computer."
            ).format(adopted=adoption.adopted, name=me.name, kept=adoption.kept_local),
            file=sys.stderr,
        )
    if not done.kept_in_keyring:
        print(
            "websight-desk: "
            + _(
                "this computer has no keyring; the token was NOT saved. "
                "Set {env} (or enter it in the app at each start)."
            ).format(env=credentials.ENV_TOKEN),
            file=sys.stderr,
        )
    print(
        _("Connected to {url} as {name} ({role}).").format(url=url, name=me.name, role=me.role),
        file=sys.stderr,
    )
    return 0
