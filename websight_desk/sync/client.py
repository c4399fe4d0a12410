"""HTTP client of the sync API, with retries and backoff for a flaky network."""

from __future__ import annotations

import random
import ssl
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import httpx
import orjson

from websight_desk.storage.ops import Op
from websight_desk.sync import protocol
from websight_desk.sync.errors import (
    AccessRevoked,
    ProtocolMismatch,
    ResyncRequired,
    ServerRefused,
    ServerUnreachable,
    UntrustedCertificate,
)

DEFAULT_TIMEOUT = 30.0


@dataclass(frozen=True)
class Whoami:
    id: str
    name: str
    role: str


@dataclass(frozen=True)
class ChangesPage:
    changes: list[tuple[int, Op]]
    next_cursor: int
    head: int
    more: bool


def backoff_delays(attempts: int, base: float = 0.2, cap: float = 5.0) -> list[float]:
    """Exponential backoff with full jitter (first retry soon, later ones spread out)."""
    return [random.uniform(0, min(cap, base * 2**i)) for i in range(attempts)]


class SyncClient:
    """One server and token. Network errors and 5xx are retried `retries` times."""

    def __init__(
        self,
        base_url: str,
        token: str,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        retries: int = 3,
        verify: bool | str | ssl.SSLContext = True,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.retries = retries
        self._sleep = sleep
        self._http = httpx.Client(
            base_url=self.base_url,
            headers={
                "Authorization": f"Bearer {token}",
                protocol.HEADER: str(protocol.PROTOCOL_VERSION),
            },
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            verify=verify,
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> SyncClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _request(
        self, method: str, path: str, *, timeout: float | None = None, raw: bool = False, **kw: Any
    ) -> Any:
        delays = backoff_delays(self.retries)
        for attempt in range(self.retries + 1):
            try:
                if timeout is not None:
                    kw["timeout"] = timeout
                response = self._http.request(method, path, **kw)
            except httpx.TransportError as exc:
                untrusted = certificate_problem(exc)
                if untrusted is not None:
                    raise self._untrusted(untrusted) from exc
                if attempt < self.retries:
                    self._sleep(delays[attempt])
                    continue
                raise ServerUnreachable(
                    f"The sync server {self.base_url} cannot be reached ({type(exc).__name__}).",
                    hint="Your work is saved on this computer and will be sent when the "
                    "server is reachable again.",
                ) from exc
            if response.status_code >= 500 and attempt < self.retries:
                self._sleep(delays[attempt])
                continue
            if raw and response.status_code == 200:
                return response.content
            return self._answer(response)
        raise AssertionError("unreachable")

    def _untrusted(self, problem: ssl.SSLCertVerificationError) -> UntrustedCertificate:
        detail = problem.verify_message or problem.reason or "verification failed"
        return UntrustedCertificate(
            f"The server's certificate is not trusted ({detail}): {self.base_url}.",
            hint="Check the address. If the server uses a certificate of its own company "
            "authority, install that authority on this computer (or point SSL_CERT_FILE at "
            "it). Your work is saved on this computer.",
        )

    def _answer(self, response: httpx.Response) -> Any:
        try:
            body = orjson.loads(response.content)
        except ValueError:  # orjson.JSONDecodeError is one
            body = {}
        if not isinstance(body, dict):
            body = {"value": body}
        status = response.status_code
        code = str(body.get("error", "")) or f"http_{status}"
        message = str(body.get("message", "")) or response.reason_phrase
        _check_protocol(response, code, message)
        if status < 300:
            return body
        if status == 401:
            if code == "revoked":
                raise AccessRevoked(
                    "Your access to the sync server was revoked.",
                    hint="Ask an administrator for a new token; your local work is kept.",
                )
            raise AccessRevoked(
                "The sync server does not accept this workstation's token.",
                hint="Connect again with a valid token (websight-desk connect URL).",
            )
        if status == 409 and code == "resync_required":
            raise ResyncRequired(message)
        if status >= 500:
            raise ServerUnreachable(f"The sync server failed ({status}): {message}")
        raise ServerRefused(
            f"The sync server refused the request ({status} {code}): {message}",
            status=status,
            code=code,
            body=body,
        )

    def whoami(self) -> Whoami:
        """The account of this token (also checks that the server speaks our protocol)."""
        data = self._request("GET", "/v1/whoami")
        return Whoami(id=str(data["id"]), name=str(data["name"]), role=str(data["role"]))

    def push(self, ops: Sequence[Op]) -> list[dict[str, Any]]:
        """Send a batch; one result per op (`applied | duplicate | rejected`, `reason`)."""
        body = orjson.dumps({"ops": [op.to_wire() for op in ops]})
        headers = {"Content-Type": "application/json"}
        data = self._request("POST", "/v1/push", content=body, headers=headers)
        return list(data["results"])

    def changes(self, after: int, *, limit: int = 1000, wait: int = 0) -> ChangesPage:
        params = {"after": after, "limit": limit, "wait": wait}
        timeout = None if wait == 0 else wait + DEFAULT_TIMEOUT
        data = self._request("GET", "/v1/changes", params=params, timeout=timeout)
        changes = [(int(c["seq"]), Op.from_wire(c["op"])) for c in data["changes"]]
        return ChangesPage(
            changes=changes,
            next_cursor=int(data["next"]),
            head=int(data["head"]),
            more=bool(data["more"]),
        )

    def mail_states(self, after: int, *, limit: int = 1000) -> dict[str, Any]:
        """The mail states after sequence `after` (`states`, `next`, `more`)."""
        data = self._request("GET", "/v1/mail/states", params={"after": after, "limit": limit})
        return dict(data)

    def set_presence(self, ticket_id: str | None, state: str = "viewing") -> None:
        """Tell the team this account is at `ticket_id` (None: at no ticket) in `state`."""
        self._request("PUT", "/v1/presence", json={"ticket_id": ticket_id, "state": state})

    def presence(self, after: int, *, wait: int = 0) -> dict[str, Any]:
        """The presence board once its version passes `after` (`version`, `entries`)."""
        timeout = None if wait == 0 else wait + DEFAULT_TIMEOUT
        params = {"after": after, "wait": wait}
        return dict(self._request("GET", "/v1/presence", params=params, timeout=timeout))

    def attachment(self, attachment_id: str) -> bytes:
        """The bytes of one attachment of an inbound mail."""
        data = self._request("GET", f"/v1/mail/attachments/{attachment_id}", raw=True)
        return bytes(data)


def certificate_problem(exc: BaseException) -> ssl.SSLCertVerificationError | None:
    """The certificate verification failure behind a transport error, if that is the cause."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, ssl.SSLCertVerificationError):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None


def _check_protocol(response: httpx.Response, code: str, message: str) -> None:
    """Refuse a server that needs a newer client, or that refused us for our version."""
    ours = protocol.PROTOCOL_VERSION
    raw_min = response.headers.get(protocol.MIN_CLIENT_HEADER, "")
    needed = int(raw_min) if raw_min.isdigit() else 0
    if code == protocol.CLIENT_TOO_OLD or needed > ours:
        detail = message if code == protocol.CLIENT_TOO_OLD else ""
        raise ProtocolMismatch(
            f"The sync server needs a newer Websight Desk (sync protocol {needed or '?'}; "
            f"this one speaks {ours}). {detail}".strip(),
            hint="Update Websight Desk on this computer; your local work is kept meanwhile.",
        )
    if code == protocol.CLIENT_TOO_NEW:
        raise ProtocolMismatch(
            f"The sync server is older than this Websight Desk: {message}",
            hint="Ask the administrator to update the sync server; your local work is kept.",
        )
