"""Decode a request body as JSON that every part of the server and both databases can hold.

`json.loads` alone accepts what later fails deep inside the server with a 500: nesting that
exhausts the recursion limit, integers no database column can store, lone UTF-16 surrogates
that cannot be encoded back to UTF-8, NUL characters PostgreSQL refuses in text, NaN and
Infinity, duplicate keys (two readers may pick different values). `loads` refuses all of them
up front with a `BadBody` naming the problem.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

MAX_DEPTH = 32  # an op is about 4 levels deep; this leaves room and stops recursion bombs
INT_MIN, INT_MAX = -(2**63), 2**63 - 1  # a signed 64-bit column on SQLite and PostgreSQL
_MAX_INT_DIGITS = 20  # longer literals are out of range; never hand them to int()

# Only a \u escape can put NUL or a surrogate into a decoded string (raw ones are refused by
# the UTF-8 and JSON decoders); a hit may be a false alarm (an escaped backslash before it).
_SUSPECT_ESCAPE = re.compile(r"\\u(?:0000|[dD][89a-fA-F])")
_BAD_CHAR = re.compile("[\x00\ud800-\udfff]")


class BadBody(ValueError):
    """The body cannot be accepted; `code` is the API error code, `message` is for people."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _unsupported(message: str) -> BadBody:
    return BadBody("unsupported_json", message)


def _check_depth(value: Any) -> None:
    """Refuse nesting deeper than MAX_DEPTH (the decoder itself stops at Python's recursion
    limit, a RecursionError refused the same way): one level of containers at a time."""
    level = [value] if isinstance(value, (dict, list)) else []
    depth = 0
    while level:
        depth += 1
        if depth > MAX_DEPTH:
            raise _unsupported(f"The JSON is nested deeper than {MAX_DEPTH} levels.")
        inner: list[Any] = []
        for item in level:
            for child in item.values() if isinstance(item, dict) else item:
                if isinstance(child, (dict, list)):
                    inner.append(child)
        level = inner


def _int(literal: str) -> int:
    if len(literal.lstrip("-")) > _MAX_INT_DIGITS:
        raise _unsupported("A number in the body does not fit in 64 bits.")
    value = int(literal)
    if not INT_MIN <= value <= INT_MAX:
        raise _unsupported("A number in the body does not fit in 64 bits.")
    return value


def _float(literal: str) -> float:
    value = float(literal)
    if not math.isfinite(value):
        raise _unsupported("A number in the body is too large.")
    return value


def _constant(name: str) -> Any:
    raise _unsupported(f"{name} is not a number JSON allows.")


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):  # a key came twice: name the first one repeated
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise _unsupported(f"The key {_show(key)} appears twice in one object.")
            seen.add(key)
    return obj


def _show(text: str) -> str:
    """A short, printable rendering of a client's string for a message."""
    return ascii(text[:40])


def _check_strings(value: Any) -> None:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            strings: list[str] = [item]
        elif isinstance(item, dict):
            strings = list(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
            continue
        else:
            continue
        for text in strings:
            bad = _BAD_CHAR.search(text)
            if bad is None:
                continue
            if bad.group() == "\x00":
                raise _unsupported("A string in the body contains a NUL character (\\u0000).")
            raise _unsupported(
                "A string in the body contains a lone UTF-16 surrogate "
                f"({bad.group()!a}); it is not valid Unicode text."
            )


def loads(body: bytes) -> Any:
    """The JSON value of `body` (UTF-8); raises BadBody for anything the server cannot hold."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadBody(
            "malformed_json", f"The request body is not valid UTF-8 (byte {exc.start})."
        ) from None
    if text.startswith("\ufeff"):
        raise BadBody("malformed_json", "The request body starts with a byte-order mark.")
    try:
        value = json.loads(
            text,
            parse_int=_int,
            parse_float=_float,
            parse_constant=_constant,
            object_pairs_hook=_object,
        )
    except BadBody:
        raise
    except RecursionError:  # _check_depth makes this unreachable; never let it be a 500
        raise _unsupported(f"The JSON is nested deeper than {MAX_DEPTH} levels.") from None
    except ValueError as exc:
        raise BadBody("malformed_json", f"The request body is not valid JSON ({exc}).") from None
    _check_depth(value)
    if _SUSPECT_ESCAPE.search(text):
        _check_strings(value)
    return value
