"""The policy as versioned data: load `data/policy.toml` (or an edited copy) and validate it.

Errors name the file, the clause (or section) and the problem, so a shift lead who edits the
company's copy can fix it without reading code.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import time
from functools import lru_cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from websight_desk.domain.errors import EnvironmentProblem
from websight_desk.domain.shift import ShiftHours
from websight_desk.policy.abuse import THREAT_GROUP, AbuseDetector
from websight_desk.policy.abuse_lexicon import AbuseLexicon
from websight_desk.policy.abuse_model import load_model
from websight_desk.policy.clause import Clause, Rule, parse_clause
from websight_desk.policy.matching import TermError, Vocabulary
from websight_desk.policy.terms import PartScan

DEFAULT_POLICY = Path(__file__).with_name("data") / "policy.toml"

# Other code, tests and stored decisions refer to these ids; an edited copy must keep them.
CLAUSE_IDS = (
    "support.continuity",
    "support.hours",
    "shared.reseller_end_customer",
    "shared.website_software",
    "shared.website_syntax_fix",
    "shared.cms_install",
    "shared.cms_themes_plugins",
    "shared.cms_limits",
    "shared.email_client_setup",
    "server.delivery",
    "server.post_delivery",
    "server.sla_managed",
    "other.phone_callback",
    "other.abuse_termination",
)
FLAG_CLAUSES = frozenset({"support.hours", "other.phone_callback", "other.abuse_termination"})


class PolicyFileError(EnvironmentProblem):
    """The policy file is missing, unreadable or invalid; says where and what."""

    def __init__(self, file: str, where: str, problem: str) -> None:
        super().__init__(
            f"policy file {file}: {where}: {problem}",
            hint="Fix the file or remove the custom policy setting to use the built-in policy.",
            path=file,
        )
        self.file = file
        self.where = where
        self.problem = problem


@dataclass(frozen=True, slots=True)
class Ruleset:
    """A loaded, validated policy. `clause(id).title(lang)` / `.text(lang)` render the clause."""

    version: str
    source: str
    clauses: Mapping[str, Clause]
    rules: tuple[Rule, ...]
    vocabulary: Vocabulary
    abuse: AbuseDetector
    quoted_weight: float
    unclear_min_words: int
    shift_hours: ShiftHours  # `domain.shift.shift_for(now, ruleset.shift_hours)`
    fallback_clause: str
    # setup requests that count like history in a clause telling the setup is done
    done_groups: frozenset[str] = frozenset()
    # rules that fit a ticket context, filled on first use (a cache, not part of the policy)
    context_rules: dict[tuple[str, str, bool, bool], tuple[Rule, ...]] = field(
        default_factory=dict, compare=False, repr=False
    )
    # what each recently seen part of a ticket says (`parts.scan_part`), also a cache
    part_scans: dict[tuple[str, bool, float], PartScan] = field(
        default_factory=dict, compare=False, repr=False
    )

    def clause(self, clause_id: str) -> Clause:
        """The clause with this id; KeyError if the id is not one of CLAUSE_IDS."""
        return self.clauses[clause_id]

    @property
    def timezone(self) -> ZoneInfo:
        return self.shift_hours.timezone

    @property
    def regular_start(self) -> time:
        return self.shift_hours.start

    @property
    def regular_end(self) -> time:
        return self.shift_hours.end


def load_ruleset(path: Path | None = None) -> Ruleset:
    """Load and validate a policy file; the packaged default (cached) when `path` is None."""
    if path is None:
        return _default_ruleset()
    return _load(Path(path))


@lru_cache(maxsize=1)
def _default_ruleset() -> Ruleset:
    return _load(DEFAULT_POLICY)


def _load(path: Path) -> Ruleset:
    name = str(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PolicyFileError(name, "file", "does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyFileError(name, "file", f"cannot be read ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise PolicyFileError(name, "syntax", str(exc)) from None
    try:
        return _build(name, raw)
    except _Problem as exc:
        raise PolicyFileError(name, exc.where, exc.problem) from None


class _Problem(Exception):
    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}")
        self.where = where
        self.problem = problem


def _build(name: str, raw: dict[str, Any]) -> Ruleset:
    version = raw.get("version")
    if not isinstance(version, str) or not version.strip():
        raise _Problem("version", "a non-empty string 'version' is required at the top")
    settings = _table(raw, "settings", "settings")
    signals = _term_table(raw, "signals")
    classes = _term_table(raw, "classes")
    excepts = _term_table(raw, "signal_exceptions")
    stem_excepts = _term_table(raw, "stem_exceptions")
    for group in excepts:
        if group not in signals:
            raise _Problem(f"signal_exceptions.{group}", "is not a signal in [signals]")
    abuse = _abuse(_table(raw, "abuse", "abuse"))
    try:
        # threats against staff are found in the same pass as the signals (parts.scan_part)
        vocabulary = Vocabulary(
            {**signals, THREAT_GROUP: list(abuse.lexicon.threats)},
            classes=classes,
            excepts=excepts,
            stem_excepts=stem_excepts,
            gap=_int(settings, "gap", "settings", 2),
            flag=abuse.word_suspicious,  # one lookup per word serves both
        )
        topics = Vocabulary(signals, classes=classes, stem_excepts=stem_excepts)
    except TermError as exc:
        raise _Problem("signals", str(exc)) from None
    abuse.ignore_in_model(lambda word: bool(topics.word_pids(word)))
    clause_tables = _table(raw, "clauses", "clauses")
    known = set(CLAUSE_IDS)
    for clause_id in clause_tables:
        if clause_id not in known:
            raise _Problem(
                f"clause '{clause_id}'", f"unknown clause id (known: {', '.join(CLAUSE_IDS)})"
            )
    clauses: dict[str, Clause] = {}
    rules: list[Rule] = []
    for clause_id in CLAUSE_IDS:
        if clause_id not in clause_tables:
            raise _Problem(
                f"clause '{clause_id}'", "is missing; every fixed clause id must be present"
            )
        try:
            clause, clause_rules = parse_clause(
                clause_id,
                clause_tables[clause_id],
                flag=clause_id in FLAG_CLAUSES,
                signals=frozenset(signals),
            )
        except ValueError as exc:
            raise _Problem(f"clause '{clause_id}'", str(exc)) from None
        clauses[clause_id] = clause
        rules.extend(clause_rules)
    fallback = settings.get("fallback_clause", "support.continuity")
    if fallback not in clauses or clauses[fallback].verdict is None:
        raise _Problem("settings.fallback_clause", f"{fallback!r} is not a clause with a verdict")
    quoted_weight = settings.get("quoted_weight", 0.3)
    if not isinstance(quoted_weight, int | float) or not 0 <= quoted_weight <= 1:
        raise _Problem("settings.quoted_weight", "must be a number between 0 and 1")
    try:
        zone = ZoneInfo(str(settings.get("timezone", "Europe/Istanbul")))
    except (ZoneInfoNotFoundError, ValueError):
        raise _Problem("settings.timezone", "is not a known IANA time zone") from None
    start = _time(settings, "regular_start", "09:00")
    end = _time(settings, "regular_end", "18:00")
    if not start < end:
        raise _Problem("settings.regular_end", "must be later than regular_start")
    return Ruleset(
        version=version.strip(),
        source=name,
        clauses=clauses,
        rules=tuple(sorted(rules, key=lambda r: -r.priority)),
        vocabulary=vocabulary,
        abuse=abuse,
        quoted_weight=float(quoted_weight),
        unclear_min_words=_int(settings, "unclear_min_words", "settings", 25),
        shift_hours=ShiftHours(zone, start, end),
        fallback_clause=fallback,
        done_groups=_done_groups(settings, signals),
    )


def _done_groups(settings: Mapping[str, Any], signals: Mapping[str, Any]) -> frozenset[str]:
    names = settings.get("done_groups", [])
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise _Problem("settings.done_groups", "must be a list of signal names")
    for name in names:
        if name not in signals:
            raise _Problem("settings.done_groups", f"{name!r} is not a signal in [signals]")
    return frozenset(names)


def _table(raw: Mapping[str, Any], key: str, where: str) -> dict[str, Any]:
    value = raw.get(key)
    if not isinstance(value, dict):
        raise _Problem(where, f"a table [{key}] is required")
    return value


def _term_table(raw: Mapping[str, Any], key: str) -> dict[str, list[str]]:
    table = raw.get(key, {})
    if not isinstance(table, dict):
        raise _Problem(key, "must be a table of lists of terms")
    for group, terms in table.items():
        if not isinstance(terms, list) or not all(isinstance(t, str) for t in terms):
            raise _Problem(f"{key}.{group}", "must be a list of strings")
    return table


def _int(table: Mapping[str, Any], key: str, where: str, default: int) -> int:
    value = table.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise _Problem(f"{where}.{key}", "must be a whole number ≥ 0")
    return value


def _time(settings: Mapping[str, Any], key: str, default: str) -> time:
    value = settings.get(key, default)
    try:
        return time.fromisoformat(str(value))
    except ValueError:
        raise _Problem(f"settings.{key}", f"{value!r} is not a time like 09:00") from None


def _abuse(table: Mapping[str, Any]) -> AbuseDetector:
    def words(key: str) -> tuple[str, ...]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise _Problem(f"abuse.{key}", "must be a list of non-empty strings")
        return tuple(value)

    if not words("profanity"):
        raise _Problem("abuse.profanity", "must not be empty")
    lexicon = AbuseLexicon(
        profanity=words("profanity"),
        insults=words("insults"),
        insults_strict=words("insults_strict"),
        targets=words("targets"),
        aimed_suffixes=words("aimed_suffixes"),
        benign_suffixes=words("benign_suffixes"),
        allow=words("allow"),
        insults_strong=words("insults_strong"),
        threats=words("threats"),
        clean_spellings=words("clean_spellings"),
    )
    model = None
    model_name = table.get("model")
    if model_name is not None:
        # the trained weights ship with the app: an edited policy copy names the packaged file
        path = DEFAULT_POLICY.with_name(str(model_name))
        if not isinstance(model_name, str) or path.parent != DEFAULT_POLICY.parent:
            raise _Problem("abuse.model", "must be the name of a model file shipped with the app")
        try:
            model = load_model(path)
        except (OSError, ValueError) as exc:
            raise _Problem("abuse.model", f"cannot be read ({exc})") from None
    try:
        return AbuseDetector(lexicon, model)
    except TermError as exc:
        raise _Problem("abuse", str(exc)) from None
