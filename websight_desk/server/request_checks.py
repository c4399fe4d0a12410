"""Read the parts of a request (headers, query, body) defensively: a clear 4xx, never a 500."""

from __future__ import annotations

from fastapi import Request

from websight_desk.server.wire import MAX_BODY_BYTES, ApiError
from websight_desk.sync import protocol

MAX_VERSION_DIGITS = 6
MAX_PARAM_DIGITS = 19  # every value fits in a signed 64-bit integer


def bearer_token(request: Request) -> str:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(401, "unauthorized", "Send the access token as 'Authorization: Bearer ...'.")
    return token.strip()


def _ascii_digits(raw: str, limit: int) -> bool:
    return 0 < len(raw) <= limit and raw.isascii() and raw.isdigit()


def check_protocol(request: Request) -> None:
    """Refuse a client whose sync protocol this server does not speak (4xx, clear message)."""
    raw = request.headers.get(protocol.HEADER)
    if raw is None:
        return  # scripts and curl: taken as the current version
    raw = raw.strip()
    if not _ascii_digits(raw, MAX_VERSION_DIGITS):
        raise ApiError(
            400,
            "invalid_request",
            f"{protocol.HEADER} must be a whole number of at most {MAX_VERSION_DIGITS} digits.",
        )
    version = int(raw)
    if version < protocol.MIN_CLIENT_VERSION:
        raise ApiError(
            426,
            protocol.CLIENT_TOO_OLD,
            f"This server needs sync protocol {protocol.MIN_CLIENT_VERSION} or newer; the client "
            f"speaks {version}. Update Websight Desk on this computer.",
            server_protocol=protocol.PROTOCOL_VERSION,
            min_client_protocol=protocol.MIN_CLIENT_VERSION,
        )
    if version > protocol.PROTOCOL_VERSION:
        raise ApiError(
            400,
            protocol.CLIENT_TOO_NEW,
            f"This server speaks sync protocol {protocol.PROTOCOL_VERSION}; the client speaks "
            f"{version}. Update the sync server.",
            server_protocol=protocol.PROTOCOL_VERSION,
        )


def client_address(request: Request) -> str:
    return request.client.host if request.client is not None else "unknown"


def _too_large() -> ApiError:
    return ApiError(413, "body_too_large", f"The request is larger than {MAX_BODY_BYTES} bytes.")


async def read_body(request: Request) -> bytes:
    """The body, refused with 413 as soon as it passes MAX_BODY_BYTES (declared or sent)."""
    declared = request.headers.get("content-length", "").strip()
    if _ascii_digits(declared, len(declared)) and (
        len(declared) > MAX_PARAM_DIGITS or int(declared) > MAX_BODY_BYTES
    ):
        raise _too_large()
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise _too_large()
        chunks.append(chunk)
    return b"".join(chunks)


def int_param(request: Request, name: str, default: int, low: int, high: int) -> int:
    """A whole-number query parameter within [low, high]; 400 with its name otherwise."""
    values = request.query_params.getlist(name)
    if not values:
        return default
    if len(values) > 1:
        raise ApiError(400, "invalid_request", f"Give {name!r} once.")
    raw = values[0].strip()
    if not _ascii_digits(raw.removeprefix("-"), MAX_PARAM_DIGITS):
        raise ApiError(400, "invalid_request", f"{name!r} must be a whole number.")
    value = int(raw)
    if not low <= value <= high:
        raise ApiError(400, "invalid_request", f"{name!r} must be between {low} and {high}.")
    return value
