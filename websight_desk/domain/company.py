"""The company's KVKK settings: retention periods, limits, and where the central store lives.

Counsel decides the values (KVKK.md: every period is a setting, not a constant). The sync
server holds them and publishes them (`GET /v1/settings`); workstations keep a copy, so the
date a workstation writes and the one the server stamps come from the same numbers. A
`CompanySettings` cannot hold an out-of-range value: a bad one is refused where it is entered
(`websight-desk-server settings set`), never found later in a computed destruction date.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import datetime, timedelta
from types import MappingProxyType
from typing import Any

from websight_desk.domain import ack_texts, canned_links
from websight_desk.domain.abuse import RETENTION_CLASS as RETENTION_ABUSE_EVIDENCE
from websight_desk.domain.callbacks import RETENTION_CALLBACK_NOTES
from websight_desk.domain.turkish import fold

DEFAULT_RETENTION_DAYS: Mapping[str, int] = MappingProxyType(
    {RETENTION_CALLBACK_NOTES: 365, RETENTION_ABUSE_EVIDENCE: 730}
)
RETENTION_CLASSES = tuple(DEFAULT_RETENTION_DAYS)

# (smallest, largest) accepted value of each whole-number setting
RANGES: Mapping[str, tuple[int, int]] = MappingProxyType(
    {
        "retention_days": (1, 3650),
        "notes_limit": (100, 10_000),
        "request_days": (1, 30),  # KVKK Art. 13: a request is answered within 30 days
        "purge_log_days": (3 * 365, 3650),  # destruction logs are kept at least three years
    }
)
TEXT_MAX = 200
_TEXT_SETTINGS = ("central_store_location", "transfer_mechanism")
_IN_TURKIYE = ("turkiye", "turkey")


def _whole(name: str, value: object, bounds: tuple[int, int]) -> int:
    low, high = bounds
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be a whole number from {low} to {high}, not {value!r}.")
    if not low <= value <= high:
        raise ValueError(f"{name} must be from {low} to {high}, not {value}.")
    return value


def _text(name: str, value: object) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{name} must be text, not {value!r}.")
    clean = " ".join(value.split())
    if len(clean) > TEXT_MAX:
        raise ValueError(f"{name} must be at most {TEXT_MAX} characters, not {len(clean)}.")
    if any(not ch.isprintable() for ch in clean):
        raise ValueError(f"{name} must not contain control characters.")
    return clean


def _retention(value: object) -> dict[str, int]:
    if not isinstance(value, Mapping):
        raise ValueError(f"retention_days must map record classes to days, not {value!r}.")
    days = dict(DEFAULT_RETENTION_DAYS)
    for record_class, n in value.items():
        if record_class not in DEFAULT_RETENTION_DAYS:
            known = ", ".join(RETENTION_CLASSES)
            raise ValueError(f"Unknown record class {record_class!r} (known: {known}).")
        days[record_class] = _whole(f"retention_days.{record_class}", n, RANGES["retention_days"])
    return days


@dataclass(frozen=True, slots=True)
class CompanySettings:
    """What counsel decided for the company; valid by construction (ValueError otherwise)."""

    retention_days: Mapping[str, int] = field(default_factory=lambda: dict(DEFAULT_RETENTION_DAYS))
    notes_limit: int = 1000
    allow_foreign_numbers: bool = False
    request_days: int = 30
    purge_log_days: int = 3 * 366
    # KVKK rule 10 (Art. 9): where the central store is, and how data reaches it from abroad
    central_store_location: str = ""  # "" = not recorded yet
    transfer_mechanism: str | None = None  # None = no transfer abroad recorded
    # article links, SLA page, mail servers for canned replies (`domain.canned_links`)
    canned_values: Mapping[str, str] = field(default_factory=dict)
    # the acknowledgement mail per language; empty = the built-in text (`domain.ack_texts`)
    ack_templates: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        days = MappingProxyType(_retention(self.retention_days))
        object.__setattr__(self, "retention_days", days)
        canned = MappingProxyType(canned_links.check_values(self.canned_values))
        object.__setattr__(self, "canned_values", canned)
        acks = MappingProxyType(ack_texts.check_templates(self.ack_templates))
        object.__setattr__(self, "ack_templates", acks)
        for name in ("notes_limit", "request_days", "purge_log_days"):
            _whole(name, getattr(self, name), RANGES[name])
        if not isinstance(self.allow_foreign_numbers, bool):
            raise ValueError(
                f"allow_foreign_numbers must be true or false, not {self.allow_foreign_numbers!r}."
            )
        location = _text("central_store_location", self.central_store_location)
        object.__setattr__(self, "central_store_location", location)
        mechanism = self.transfer_mechanism
        if mechanism is not None:
            mechanism = _text("transfer_mechanism", mechanism) or None
        object.__setattr__(self, "transfer_mechanism", mechanism)

    def retention(self, record_class: str) -> timedelta:
        """How long records of this class are kept before the destruction job anonymises them."""
        days = self.retention_days.get(record_class)
        if days is None:
            raise KeyError(f"no retention period for {record_class!r}")
        return timedelta(days=days)

    @property
    def store_abroad(self) -> bool:
        """The recorded location is outside Türkiye (as far as its text says)."""
        place = fold(self.central_store_location)
        return bool(place) and not any(word in place for word in _IN_TURKIYE)

    @property
    def transfer_missing(self) -> bool:
        """A store abroad without a recorded transfer mechanism (KVKK Art. 9)."""
        return self.store_abroad and self.transfer_mechanism is None

    def to_json(self) -> dict[str, Any]:
        return {
            "retention_days": dict(self.retention_days),
            "notes_limit": self.notes_limit,
            "allow_foreign_numbers": self.allow_foreign_numbers,
            "request_days": self.request_days,
            "purge_log_days": self.purge_log_days,
            "central_store_location": self.central_store_location,
            "transfer_mechanism": self.transfer_mechanism,
            "canned_values": dict(self.canned_values),
            "ack_templates": dict(self.ack_templates),
        }

    @classmethod
    def from_json(cls, data: object, *, ignore_unknown: bool = False) -> CompanySettings:
        """Parse and check; a missing key takes its default, an unknown one is refused.

        `ignore_unknown` is for a workstation reading a newer server: it skips what it does
        not know yet instead of refusing the whole settings.
        """
        if not isinstance(data, Mapping):
            raise ValueError(f"The company settings must be a JSON object, not {data!r}.")
        names = {f.name for f in fields(cls)}
        unknown = sorted(str(k) for k in data if k not in names)
        if unknown and not ignore_unknown:
            raise ValueError(f"Unknown company setting {unknown[0]!r}.")
        return cls(**{k: v for k, v in data.items() if k in names})

    def names(self) -> list[str]:
        """The key of every setting, as `value` and `with_value` take it."""
        flat = [f"retention_days.{c}" for c in self.retention_days]
        mapped = ("retention_days", "canned_values", "ack_templates")
        plain = [f.name for f in fields(self) if f.name not in mapped]
        canned = dict.fromkeys([*canned_links.COMPANY_PLACEHOLDERS, *self.canned_values])
        acks = [ack_texts.PREFIX + lang for lang in ack_texts.LANGS]
        return flat + plain + [canned_links.PREFIX + k for k in canned] + acks

    def value(self, key: str) -> object:
        if key.startswith("retention_days."):
            return self.retention_days[key.partition(".")[2]]
        if key.startswith(canned_links.PREFIX):
            name = key.removeprefix(canned_links.PREFIX)
            canned_links.placeholder_of(name)  # ValueError for an unknown one
            return self.canned_values.get(name, "")
        if key.startswith(ack_texts.PREFIX):
            lang = key.removeprefix(ack_texts.PREFIX)
            if lang not in ack_texts.LANGS:
                raise KeyError(key)
            return ack_texts.template(self.ack_templates, lang)
        if key not in self.names():
            raise KeyError(key)
        return getattr(self, key)

    def with_value(self, key: str, raw: str) -> CompanySettings:
        """A copy with one setting changed, `raw` being what an administrator typed."""
        if key.startswith("retention_days."):
            record_class = key.partition(".")[2]
            days = {**self.retention_days, record_class: _parse_int(key, raw)}
            return replace(self, retention_days=days)
        if key.startswith(canned_links.PREFIX):
            name = key.removeprefix(canned_links.PREFIX)
            values = {**self.canned_values, name: canned_links.check_value(name, raw)}
            return replace(self, canned_values=values)
        if key.startswith(ack_texts.PREFIX):
            lang = key.removeprefix(ack_texts.PREFIX)
            raw = raw.replace("\\n", "\n")  # a line break typed on a command line as \n
            # "" (or the built-in text itself) goes back to the built-in text
            text = "" if raw.strip() in ("", ack_texts.DEFAULTS.get(lang, "").strip()) else raw
            ack_texts.check_template(lang, text or ack_texts.DEFAULTS.get(lang, "{number}"))
            kept = {k: v for k, v in self.ack_templates.items() if k != lang}
            return replace(self, ack_templates={**kept, **({lang: text} if text else {})})
        change: dict[str, Any] = {}
        if key in RANGES:
            change[key] = _parse_int(key, raw)
        elif key == "allow_foreign_numbers":
            change[key] = _parse_bool(key, raw)
        elif key in _TEXT_SETTINGS:
            change[key] = raw
        if change:
            return replace(self, **change)
        raise ValueError(f"Unknown company setting {key!r} (known: {', '.join(self.names())}).")


def _parse_int(key: str, raw: str) -> int:
    try:
        return int(raw.strip())
    except ValueError:
        raise ValueError(f"{key} must be a whole number, not {raw!r}.") from None


def _parse_bool(key: str, raw: str) -> bool:
    word = raw.strip().lower()
    if word in ("true", "yes", "on", "1"):
        return True
    if word in ("false", "no", "off", "0"):
        return False
    raise ValueError(f"{key} must be true or false, not {raw!r}.")


@dataclass(frozen=True, slots=True)
class PublishedSettings:
    """The settings as the server publishes them (`GET /v1/settings`): one schema, both sides.

    `version` counts the changes made on the server (0: nothing set, the defaults apply).
    """

    settings: CompanySettings
    version: int = 0
    updated_at: datetime | None = None

    def to_json(self) -> dict[str, Any]:
        when = None if self.updated_at is None else self.updated_at.isoformat()
        return {"version": self.version, "updated_at": when, "settings": self.settings.to_json()}

    @classmethod
    def from_json(cls, data: object, *, ignore_unknown: bool = False) -> PublishedSettings:
        if not isinstance(data, Mapping):
            raise ValueError("The published settings must be a JSON object.")
        version = data.get("version")
        if isinstance(version, bool) or not isinstance(version, int) or version < 0:
            raise ValueError(f"The settings version must be a whole number, not {version!r}.")
        when = data.get("updated_at")
        updated_at = None
        if when is not None:
            if not isinstance(when, str):
                raise ValueError(f"updated_at must be a timestamp, not {when!r}.")
            updated_at = datetime.fromisoformat(when)
            if updated_at.tzinfo is None:
                raise ValueError(f"updated_at has no time zone: {when!r}.")
        settings = CompanySettings.from_json(data.get("settings"), ignore_unknown=ignore_unknown)
        return cls(settings, version, updated_at)
