"""callbacks and kvkk: callback logs, their erasable personal part, legal holds, requests,
erasure tombstones, purge runs and the versioned notice / consent texts (seeded here).

Revision ID: 0003_callbacks
Revises: 0002_sync
Create Date: 2026-11-26
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

import websight_desk.storage.types

revision = "0003_callbacks"
down_revision = "0002_sync"
branch_labels = None
depends_on = None

# Version 1 of each text, identical on every replica (fixed ids: seeding twice is harmless).
# Counsel edits them in the app, which adds version 2, 3, ... and keeps these for proof.
SEED_AT = datetime(2026, 11, 26, tzinfo=UTC)
SEED_TEXTS = [
    (
        "01900000-0000-7000-8000-000000000001",
        "notice",
        "tr",
        "Websight Bilişim olarak, bu görüşmede paylaştığınız kişisel verileri (ad, telefon "
        "numarası, görüşme notu) yalnızca destek talebinizi sonuçlandırmak amacıyla, "
        "6698 sayılı KVKK md. 5/2-c (sözleşmenin ifası) kapsamında işliyoruz. Verileriniz "
        "yalnızca destek ekibimizle paylaşılır, saklama süresi sonunda anonim hâle getirilir. "
        "KVKK md. 11 uyarınca verilerinize erişme, düzeltilmesini veya silinmesini isteme ve "
        "itiraz etme haklarınızı kvkk@websight.com.tr adresine yazarak kullanabilirsiniz.",
    ),
    (
        "01900000-0000-7000-8000-000000000002",
        "notice",
        "en",
        "Websight processes the personal data you share in this call (name, phone number, "
        "call notes) only to resolve your support request, on the basis of performance of the "
        "contract (KVKK Art. 5/2-c). It is shared only with our support team and anonymised "
        "when its retention period ends. Under KVKK Art. 11 you may ask to access, correct or "
        "erase your data, or object, by writing to kvkk@websight.com.tr.",
    ),
    (
        "01900000-0000-7000-8000-000000000003",
        "recording_consent",
        "tr",
        "Hizmet kalitesi için bu görüşmeyi kaydetmek istiyoruz. Kayıt için açık rızanızı "
        "veriyor musunuz? Kabul etmezseniz görüşmeye kayıtsız olarak aynı şekilde devam ederiz.",
    ),
    (
        "01900000-0000-7000-8000-000000000004",
        "recording_consent",
        "en",
        "We would like to record this call for quality purposes. Do you give your explicit "
        "consent to the recording? If you say no, we carry on with the call just the same, "
        "without recording.",
    ),
]


def upgrade() -> None:
    op.create_table(
        "kvkk_texts",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("lang", sa.String(length=8), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", websight_desk.storage.types.UTCDateTime(), nullable=False),
        sa.Column("hlc", sa.BigInteger(), nullable=False),
        sa.Column("node_id", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kvkk_texts")),
        sa.UniqueConstraint(
            "kind", "version", "lang", name=op.f("uq_kvkk_texts_kind_version_lang")
        ),
    )
    op.create_table(
        "kvkk_erasures",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("customer_id", sa.String(length=36), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("erased_by", sa.String(length=36), nullable=True),
        sa.Column("held_callback_ids", sa.Text(), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("created_at", websight_desk.storage.types.UTCDateTime(), nullable=False),
        sa.Column("hlc", sa.BigInteger(), nullable=False),
        sa.Column("node_id", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_kvkk_erasures_customer_id_customers")
        ),
        sa.ForeignKeyConstraint(
            ["erased_by"], ["agents.id"], name=op.f("fk_kvkk_erasures_erased_by_agents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kvkk_erasures")),
    )
    with op.batch_alter_table("kvkk_erasures", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_kvkk_erasures_customer_id"), ["customer_id"], unique=False
        )

    op.create_table(
        "kvkk_purge_runs",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("ran_by", sa.String(length=36), nullable=True),
        sa.Column("examined", sa.Integer(), nullable=False),
        sa.Column("anonymised", sa.Integer(), nullable=False),
        sa.Column("held", sa.Integer(), nullable=False),
        sa.Column("callback_ids", sa.Text(), nullable=False),
        sa.Column("keep_until", websight_desk.storage.types.UTCDateTime(), nullable=False),
        sa.Column("created_at", websight_desk.storage.types.UTCDateTime(), nullable=False),
        sa.Column("hlc", sa.BigInteger(), nullable=False),
        sa.Column("node_id", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["ran_by"], ["agents.id"], name=op.f("fk_kvkk_purge_runs_ran_by_agents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kvkk_purge_runs")),
    )
    op.create_table(
        "legal_holds",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("subject_type", sa.String(length=16), nullable=False),
        sa.Column("subject_id", sa.String(length=36), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("set_by", sa.String(length=36), nullable=True),
        sa.Column("created_at", websight_desk.storage.types.UTCDateTime(), nullable=False),
        sa.Column("hlc", sa.BigInteger(), nullable=False),
        sa.Column("node_id", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["set_by"], ["agents.id"], name=op.f("fk_legal_holds_set_by_agents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_legal_holds")),
    )
    with op.batch_alter_table("legal_holds", schema=None) as batch_op:
        batch_op.create_index(
            "ix_legal_holds_subject", ["subject_type", "subject_id"], unique=False
        )

    op.create_table(
        "legal_hold_releases",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("hold_id", sa.String(length=36), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("released_by", sa.String(length=36), nullable=True),
        sa.Column("created_at", websight_desk.storage.types.UTCDateTime(), nullable=False),
        sa.Column("hlc", sa.BigInteger(), nullable=False),
        sa.Column("node_id", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["hold_id"], ["legal_holds.id"], name=op.f("fk_legal_hold_releases_hold_id_legal_holds")
        ),
        sa.ForeignKeyConstraint(
            ["released_by"], ["agents.id"], name=op.f("fk_legal_hold_releases_released_by_agents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_legal_hold_releases")),
    )
    with op.batch_alter_table("legal_hold_releases", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_legal_hold_releases_hold_id"), ["hold_id"], unique=False
        )

    op.create_table(
        "callbacks",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("ticket_id", sa.String(length=36), nullable=False),
        sa.Column("customer_id", sa.String(length=36), nullable=False),
        sa.Column("agent_id", sa.String(length=36), nullable=False),
        sa.Column("contact_role", sa.String(length=24), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=False),
        sa.Column("shift", sa.String(length=16), nullable=False),
        sa.Column("scheduled_at", websight_desk.storage.types.UTCDateTime(), nullable=True),
        sa.Column("started_at", websight_desk.storage.types.UTCDateTime(), nullable=False),
        sa.Column("ended_at", websight_desk.storage.types.UTCDateTime(), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("identity_verified", sa.Boolean(), nullable=False),
        sa.Column("identity_method", sa.String(length=32), nullable=True),
        sa.Column("notice_version", sa.Integer(), nullable=True),
        sa.Column("notice_lang", sa.String(length=8), nullable=True),
        sa.Column("notice_method", sa.String(length=24), nullable=True),
        sa.Column("notice_given_at", websight_desk.storage.types.UTCDateTime(), nullable=True),
        sa.Column("legal_basis", sa.String(length=40), nullable=False),
        sa.Column("recording_state", sa.String(length=16), nullable=False),
        sa.Column("consent_at", websight_desk.storage.types.UTCDateTime(), nullable=True),
        sa.Column("consent_method", sa.String(length=24), nullable=True),
        sa.Column("consent_version", sa.Integer(), nullable=True),
        sa.Column("consent_lang", sa.String(length=8), nullable=True),
        sa.Column("retention_class", sa.String(length=32), nullable=False),
        sa.Column("destroy_after", websight_desk.storage.types.UTCDateTime(), nullable=False),
        sa.Column("corrects_id", sa.String(length=36), nullable=True),
        sa.Column("created_at", websight_desk.storage.types.UTCDateTime(), nullable=False),
        sa.Column("hlc", sa.BigInteger(), nullable=False),
        sa.Column("node_id", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["agent_id"], ["agents.id"], name=op.f("fk_callbacks_agent_id_agents")
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_callbacks_customer_id_customers")
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name=op.f("fk_callbacks_ticket_id_tickets")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_callbacks")),
    )
    with op.batch_alter_table("callbacks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_callbacks_agent_id"), ["agent_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_callbacks_customer_id"), ["customer_id"], unique=False)
        batch_op.create_index("ix_callbacks_destroy_after", ["destroy_after"], unique=False)
        batch_op.create_index(batch_op.f("ix_callbacks_outcome"), ["outcome"], unique=False)
        batch_op.create_index(
            "ix_callbacks_ticket_started", ["ticket_id", "started_at"], unique=False
        )

    op.create_table(
        "kvkk_requests",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("ticket_id", sa.String(length=36), nullable=False),
        sa.Column("customer_id", sa.String(length=36), nullable=False),
        sa.Column("deadline", websight_desk.storage.types.UTCDateTime(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=True),
        sa.Column("created_at", websight_desk.storage.types.UTCDateTime(), nullable=False),
        sa.Column("hlc", sa.BigInteger(), nullable=False),
        sa.Column("node_id", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by"], ["agents.id"], name=op.f("fk_kvkk_requests_created_by_agents")
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_kvkk_requests_customer_id_customers")
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name=op.f("fk_kvkk_requests_ticket_id_tickets")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kvkk_requests")),
    )
    with op.batch_alter_table("kvkk_requests", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_kvkk_requests_customer_id"), ["customer_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_kvkk_requests_ticket_id"), ["ticket_id"], unique=False)

    op.create_table(
        "callback_personal",
        sa.Column("callback_id", sa.String(length=36), nullable=False),
        sa.Column("contact_id", sa.String(length=36), nullable=True),
        sa.Column("contact_name", sa.String(length=200), nullable=True),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("recording_ref", sa.String(length=200), nullable=True),
        sa.Column("anonymised_at", websight_desk.storage.types.UTCDateTime(), nullable=True),
        sa.Column("anonymised_why", sa.String(length=16), nullable=True),
        sa.ForeignKeyConstraint(
            ["callback_id"],
            ["callbacks.id"],
            name=op.f("fk_callback_personal_callback_id_callbacks"),
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"], ["contacts.id"], name=op.f("fk_callback_personal_contact_id_contacts")
        ),
        sa.PrimaryKeyConstraint("callback_id", name=op.f("pk_callback_personal")),
    )
    op.create_table(
        "kvkk_request_closures",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("request_id", sa.String(length=36), nullable=False),
        sa.Column("outcome", sa.String(length=24), nullable=False),
        sa.Column("closed_by", sa.String(length=36), nullable=True),
        sa.Column("created_at", websight_desk.storage.types.UTCDateTime(), nullable=False),
        sa.Column("hlc", sa.BigInteger(), nullable=False),
        sa.Column("node_id", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["closed_by"], ["agents.id"], name=op.f("fk_kvkk_request_closures_closed_by_agents")
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["kvkk_requests.id"],
            name=op.f("fk_kvkk_request_closures_request_id_kvkk_requests"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kvkk_request_closures")),
    )
    with op.batch_alter_table("kvkk_request_closures", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_kvkk_request_closures_request_id"), ["request_id"], unique=False
        )

    texts = sa.table(
        "kvkk_texts",
        sa.column("id", sa.String),
        sa.column("kind", sa.String),
        sa.column("version", sa.Integer),
        sa.column("lang", sa.String),
        sa.column("body", sa.Text),
        sa.column("created_at", websight_desk.storage.types.UTCDateTime()),
        sa.column("hlc", sa.BigInteger),
        sa.column("node_id", sa.String),
    )
    op.bulk_insert(
        texts,
        [
            {
                "id": tid,
                "kind": kind,
                "version": 1,
                "lang": lang,
                "body": text,
                "created_at": SEED_AT,
                "hlc": 0,
                "node_id": "seed",
            }
            for tid, kind, lang, text in SEED_TEXTS
        ],
    )


def downgrade() -> None:
    with op.batch_alter_table("kvkk_request_closures", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_kvkk_request_closures_request_id"))

    op.drop_table("kvkk_request_closures")
    op.drop_table("callback_personal")
    with op.batch_alter_table("kvkk_requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_kvkk_requests_ticket_id"))
        batch_op.drop_index(batch_op.f("ix_kvkk_requests_customer_id"))

    op.drop_table("kvkk_requests")
    with op.batch_alter_table("callbacks", schema=None) as batch_op:
        batch_op.drop_index("ix_callbacks_ticket_started")
        batch_op.drop_index(batch_op.f("ix_callbacks_outcome"))
        batch_op.drop_index("ix_callbacks_destroy_after")
        batch_op.drop_index(batch_op.f("ix_callbacks_customer_id"))
        batch_op.drop_index(batch_op.f("ix_callbacks_agent_id"))

    op.drop_table("callbacks")
    with op.batch_alter_table("legal_hold_releases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_legal_hold_releases_hold_id"))

    op.drop_table("legal_hold_releases")
    with op.batch_alter_table("legal_holds", schema=None) as batch_op:
        batch_op.drop_index("ix_legal_holds_subject")

    op.drop_table("legal_holds")
    op.drop_table("kvkk_purge_runs")
    with op.batch_alter_table("kvkk_erasures", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_kvkk_erasures_customer_id"))

    op.drop_table("kvkk_erasures")
    op.drop_table("kvkk_texts")
