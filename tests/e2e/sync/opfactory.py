"""Valid ops of every kind, written by hand as an attacker with raw HTTP would write them.

`Pusher` talks plain HTTP to a real server with one account's token; `OpFactory` makes a
payload of each kind that fits the schema and refers to records the server already has, so a
test can change exactly one thing (the author, a time, a field) and see the server refuse it.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from websight_desk.domain.hlc import pack
from websight_desk.storage.chain import evidence_digest


def uid() -> str:
    return str(uuid.uuid4())


def iso(at: datetime) -> str:
    return at.astimezone(UTC).isoformat(timespec="microseconds")


NODE = uid()


@dataclass
class Pusher:
    url: str
    token: str
    account_id: str
    node_id: str = field(default_factory=uid)

    def http(self) -> httpx.Client:
        return httpx.Client(
            base_url=self.url, headers={"Authorization": f"Bearer {self.token}"}, timeout=30
        )

    def op(
        self, kind: str, payload: dict[str, Any], *, author: str | None = "", hlc: int | None = None
    ) -> dict[str, Any]:
        return {
            "op_id": uid(),
            "kind": kind,
            "payload": payload,
            "hlc": hlc if hlc is not None else pack(int(time.time() * 1000), 0),
            "node_id": self.node_id,
            "author_id": self.account_id if author == "" else author,
        }

    def push(self, *ops: dict[str, Any]) -> httpx.Response:
        with self.http() as http:
            return http.post("/v1/push", json={"ops": list(ops)})

    def results(self, *ops: dict[str, Any]) -> list[dict[str, Any]]:
        r = self.push(*ops)
        assert r.status_code == 200, r.text
        return list(r.json()["results"])


def now() -> datetime:
    return datetime.now(UTC)


@dataclass
class World:
    """Records the server has, made by honest pushes: what the attacks refer to."""

    customer: str
    contact: str
    ticket: str
    message: str
    callback: str
    termination: str
    hold: str
    request: str


class OpFactory:
    """A valid payload of each kind, authored by `actor` (the account that will push it)."""

    def __init__(self, world: World | None = None) -> None:
        self.w = world

    def payload(self, kind: str, actor: str) -> dict[str, Any]:
        made = getattr(self, "_" + kind.replace(".", "_"))(actor)
        return {"id": uid(), "created_at": iso(now()), **made}

    # -- directory
    def _agent_upsert(self, actor: str) -> dict[str, Any]:
        name = "u" + uid()[:8]
        return {"username": name, "display_name": name, "role": "agent"}

    def _customer_create(self, actor: str) -> dict[str, Any]:
        return {"code": "WS" + uid()[:8], "kind": "individual"}

    def _contact_upsert(self, actor: str) -> dict[str, Any]:
        assert self.w
        return {
            "customer_id": self.w.customer,
            "role": "account_holder",
            "name": "Zeynep Yılmaz",
            "email": "zeynep@example.com.tr",
            "phone": "+905321234567",
        }

    def _service_upsert(self, actor: str) -> dict[str, Any]:
        assert self.w
        return {"customer_id": self.w.customer, "kind": "vps", "label": "vps-1.example.net"}

    # -- tickets
    def _ticket_create(self, actor: str) -> dict[str, Any]:
        assert self.w
        return {
            "number": 50000,
            "subject": "Sitem açılmıyor",
            "department": "technical",
            "channel": "email",
            "customer_id": self.w.customer,
            "requester_kind": "customer",
            "created_by": actor,
            "status": "new",
            "priority": "normal",
        }

    def _message_create(self, actor: str) -> dict[str, Any]:
        assert self.w
        body = "Merhaba, kontrol ediyoruz."
        return {
            "ticket_id": self.w.ticket,
            "kind": "outbound",
            "author_agent_id": actor,
            "body": body,
        }

    def _ticket_set_field(self, actor: str) -> dict[str, Any]:
        assert self.w
        return {
            "ticket_id": self.w.ticket,
            "field": "status",
            "value": "open",
            "author_agent_id": actor,
        }

    def _audit_create(self, actor: str) -> dict[str, Any]:
        assert self.w
        return {
            "kind": "contact.reveal",
            "actor_agent_id": actor,
            "subject_type": "contact",
            "subject_id": self.w.contact,
            "reason": "callback",
            "details": "{}",
        }

    # -- callbacks and KVKK
    def _callback_create(self, actor: str) -> dict[str, Any]:
        assert self.w
        ended = now() - timedelta(minutes=1)
        started = ended - timedelta(minutes=5)
        from websight_desk.domain.shift import shift_for

        return {
            "ticket_id": self.w.ticket,
            "customer_id": self.w.customer,
            "agent_id": actor,
            "contact_id": self.w.contact,
            "contact_role": "account_holder",
            "phone": "+905321234567",
            "reason": "hard_to_understand",
            "shift": shift_for(started).value,
            "started_at": iso(started),
            "ended_at": iso(ended),
            "outcome": "reached",
            "notice_version": 1,
            "notice_lang": "tr",
            "notice_method": "read_aloud",
            "notice_given_at": iso(started + timedelta(seconds=30)),
            "legal_basis": "contract_5_2_c",
            "recording_state": "not_asked",
            "notes": "Müşteri DNS kaydını sordu.",
            "retention_class": "callback_notes",
            "destroy_after": iso(ended + timedelta(days=365)),
        }

    def _legal_hold_set(self, actor: str) -> dict[str, Any]:
        assert self.w
        return {
            "subject_type": "ticket",
            "subject_id": self.w.ticket,
            "reason": "Savcılık talebi",
            "set_by": actor,
        }

    def _legal_hold_release(self, actor: str) -> dict[str, Any]:
        assert self.w
        return {"hold_id": self.w.hold, "reason": "Dava kapandı", "released_by": actor}

    def _kvkk_text_create(self, actor: str) -> dict[str, Any]:
        return {
            "kind": "notice",
            "version": int(uid()[:5], 16) % 900_000 + 100,
            "lang": "tr",
            "body": "Aydınlatma metni",
        }

    def _kvkk_request_create(self, actor: str) -> dict[str, Any]:
        assert self.w
        return {
            "ticket_id": self.w.ticket,
            "customer_id": self.w.customer,
            "deadline": iso(now() + timedelta(days=30)),
            "note": "",
            "created_by": actor,
        }

    def _kvkk_request_close(self, actor: str) -> dict[str, Any]:
        assert self.w
        return {"request_id": self.w.request, "outcome": "answered", "closed_by": actor}

    def _kvkk_purge(self, actor: str) -> dict[str, Any]:
        return {
            "ran_by": actor,
            "examined": 0,
            "anonymised": 0,
            "held": 0,
            "callback_ids": [],
            "keep_until": iso(now() + timedelta(days=1100)),
        }

    def _kvkk_erase(self, actor: str) -> dict[str, Any]:
        assert self.w
        return {"customer_id": self.w.customer, "reason": "Silme talebi", "erased_by": actor}

    # -- abuse
    def _termination_create(self, actor: str) -> dict[str, Any]:
        assert self.w
        excerpt, words = "salak mısınız", '["salak"]'
        return {
            "channel": "ticket",
            "ticket_id": self.w.ticket,
            "customer_id": self.w.customer,
            "reported_by": actor,
            "detector_suggested": True,
            "evidence_message_id": self.w.message,
            "evidence_excerpt": excerpt,
            "evidence_words": words,
            "evidence_digest": evidence_digest(excerpt, words),
            "category": "insult",
            "note": "Hakaret etti",
            "legal_basis": "5/2-e",
            "retention_class": "abuse_evidence",
            "destroy_after": iso(now() + timedelta(days=730)),
        }

    def _review_create(self, actor: str) -> dict[str, Any]:
        assert self.w
        return {
            "termination_id": self.w.termination,
            "decision": "confirmed",
            "note": "Kayıtlar incelendi",
            "reviewer_id": actor,
        }

    def _override_create(self, actor: str) -> dict[str, Any]:
        assert self.w
        return {
            "customer_id": self.w.customer,
            "ticket_id": self.w.ticket,
            "agent_id": actor,
            "refusal_state": "pending_review",
            "reason": "Acil kesinti",
        }


# Which role pushes each kind honestly; the payload field naming the actor, if any.
ROLE_OF = {
    "agent.upsert": "admin",
    "legal_hold.set": "admin",
    "legal_hold.release": "admin",
    "kvkk_text.create": "admin",
    "kvkk.erase": "admin",
    "review.create": "shift_lead",
}
