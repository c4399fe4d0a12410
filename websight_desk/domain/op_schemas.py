"""One typed schema per op kind: what a payload may hold, declared once for every side.

The emitter (`storage.outbox.OpWriter`) validates what the services write, the server validates
what workstations push, and the appliers store the fields the schema names (`op_kinds.KINDS`
says, for each kind, which schema applies and which rules the server adds). An unknown kind, a
missing or an extra field, a wrong type, an over-long text or a value outside its enum is
refused. Enum values are the stored and synced names: never rename them.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictStr, model_validator

from websight_desk.domain.abuse import AbuseCategory, AbuseChannel, ReviewDecision
from websight_desk.domain.callbacks import (
    CallReason,
    ConsentState,
    IdentityMethod,
    LegalBasis,
    NoticeMethod,
    Outcome,
    TextKind,
)
from websight_desk.domain.enums import (
    Channel,
    ContactRole,
    Department,
    MessageKind,
    Priority,
    RequesterKind,
    Role,
    ServiceKind,
    TicketField,
    TicketStatus,
)
from websight_desk.domain.op_fields import (
    Body,
    Code,
    Count,
    Email,
    Flag,
    Id,
    Json,
    Label,
    Lang,
    Note,
    Phone,
    PhoneText,
    Reason,
    Ref,
    Subject,
    Tag,
    Timestamp,
    Token,
    Version,
    Word,
)
from websight_desk.domain.shift import Shift


class Payload(BaseModel):
    """Base of every payload schema: no extra fields, every field typed."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Id
    created_at: Timestamp
    # Set when an erasure or the retention job blanked the personal fields of a stored op
    # (`storage.scrub`); such a payload may lack what it otherwise must carry.
    redacted: Literal["erasure", "retention"] | None = None

    def _require(self, **fields: object) -> None:
        if self.redacted is None:
            missing = [name for name, value in fields.items() if value in (None, "")]
            if missing:
                raise ValueError(f"{', '.join(missing)} must be given")


class AgentUpsert(Payload):
    username: Word
    display_name: Label
    role: Role


class CustomerCreate(Payload):
    code: Code
    kind: Literal["individual", "company"]


class ContactUpsert(Payload):
    customer_id: Id
    role: ContactRole
    name: Label | None = None
    email: Email | None = None
    phone: PhoneText | None = None


class ServiceUpsert(Payload):
    customer_id: Id
    kind: ServiceKind
    label: Label
    reseller_id: Id | None = None
    delivered_at: Timestamp | None = None
    has_sla: Flag = False
    managed: Flag = False


class TicketCreate(Payload):
    number: Count
    subject: Subject
    department: Department
    channel: Channel
    customer_id: Id
    service_id: Id | None = None
    requester_kind: RequesterKind
    created_by: Id | None = None
    status: TicketStatus
    priority: Priority
    assignee_id: Id | None = None


class MessageCreate(Payload):
    ticket_id: Id
    kind: MessageKind
    author_agent_id: Id | None = None
    body: Body


class TicketSetField(Payload):
    ticket_id: Id
    field: TicketField
    value: Ref | None = None
    author_agent_id: Id | None = None


class AuditCreate(Payload):
    kind: Tag
    actor_agent_id: Id | None = None
    subject_type: Code
    subject_id: Ref
    reason: Reason = ""
    details: Json = "{}"


class CallbackCreate(Payload):
    ticket_id: Id
    customer_id: Id
    agent_id: Id
    contact_id: Id | None = None
    contact_name: Label | None = None
    contact_role: ContactRole
    phone: Phone | None = None  # None only in a redacted payload
    reason: CallReason
    shift: Shift
    scheduled_at: Timestamp | None = None
    started_at: Timestamp
    ended_at: Timestamp
    outcome: Outcome
    identity_verified: Flag = False
    identity_method: IdentityMethod | None = None
    notice_version: Version | None = None
    notice_lang: Lang | None = None
    notice_method: NoticeMethod | None = None
    notice_given_at: Timestamp | None = None
    legal_basis: LegalBasis
    recording_state: ConsentState
    consent_at: Timestamp | None = None
    consent_method: Token | None = None
    consent_version: Version | None = None
    consent_lang: Lang | None = None
    recording_ref: Label | None = None
    notes: Body | None = None
    retention_class: Literal["callback_notes"]
    destroy_after: Timestamp
    corrects_id: Id | None = None

    @model_validator(mode="after")
    def _personal(self) -> CallbackCreate:
        self._require(phone=self.phone)
        return self


class LegalHoldSet(Payload):
    subject_type: Literal["customer", "ticket", "callback"]
    subject_id: Id
    reason: Reason = Field(min_length=1)
    set_by: Id | None = None


class LegalHoldRelease(Payload):
    hold_id: Id
    reason: Reason = Field(min_length=1)
    released_by: Id | None = None


class KvkkTextCreate(Payload):
    kind: TextKind
    version: Version
    lang: Lang
    body: Body = Field(min_length=1)


class KvkkRequestCreate(Payload):
    ticket_id: Id
    customer_id: Id
    deadline: Timestamp
    note: Reason = ""
    created_by: Id | None = None


class KvkkRequestClose(Payload):
    request_id: Id
    outcome: Literal["exported", "erased", "refused", "answered"]
    closed_by: Id | None = None


class KvkkPurge(Payload):
    ran_by: Id | None = None
    examined: Count
    anonymised: Count
    held: Count
    callback_ids: list[Id] = Field(max_length=100_000)
    terminations_examined: Count = 0
    terminations_anonymised: Count = 0
    terminations_held: Count = 0
    termination_ids: list[Id] = Field(default_factory=list, max_length=100_000)
    keep_until: Timestamp


class KvkkErase(Payload):
    customer_id: Id
    reason: Reason = Field(min_length=1)
    erased_by: Id | None = None
    held_callback_ids: list[Id] = Field(default_factory=list, max_length=100_000)
    # counts of what was blanked, and the held callbacks with the reason of their hold
    details: dict[StrictStr, Count | list[Id] | dict[Id, Reason]] = Field(
        default_factory=dict, max_length=32
    )


class TerminationCreate(Payload):
    channel: AbuseChannel
    ticket_id: Id | None = None
    call_id: Id | None = None
    customer_id: Id
    reported_by: Id
    detector_suggested: Flag = False
    evidence_message_id: Id | None = None
    evidence_excerpt: Reason  # blank only in a redacted payload
    evidence_words: Json = "[]"
    evidence_digest: Ref
    category: AbuseCategory
    note: Note = Field(min_length=1)
    legal_basis: Literal["5/2-e"]
    retention_class: Literal["abuse_evidence"]
    destroy_after: Timestamp

    @model_validator(mode="after")
    def _evidence(self) -> TerminationCreate:
        self._require(evidence_excerpt=self.evidence_excerpt.strip())
        return self


class ReviewCreate(Payload):
    termination_id: Id
    decision: ReviewDecision
    note: Note = Field(min_length=1)
    reviewer_id: Id


class OverrideCreate(Payload):
    customer_id: Id
    ticket_id: Id | None = None
    agent_id: Id
    refusal_state: Literal["pending_review", "refused"]
    reason: Note = Field(min_length=1)
    message_id: Id | None = None
