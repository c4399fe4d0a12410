"""The sync protocol version both sides announce, so an old client and a new server (or the
reverse) refuse each other with a clear message instead of misreading each other's data.

The client sends `X-Websight-Protocol: N` on every request; the server answers with its own
version and the oldest client version it accepts, and refuses a client outside that range.
"""

from __future__ import annotations

PROTOCOL_VERSION = 1  # raise when the wire format or the meaning of an op kind changes
MIN_CLIENT_VERSION = 1  # the server refuses clients older than this
HEADER = "X-Websight-Protocol"
MIN_CLIENT_HEADER = "X-Websight-Min-Client-Protocol"
CLIENT_TOO_OLD = "client_too_old"
CLIENT_TOO_NEW = "client_too_new"
