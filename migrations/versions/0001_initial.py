"""initial schema: companies, documents, postings, sensitive entities, drafts, generation runs

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "companies",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("industry", sa.String(200), nullable=False),
        sa.Column("size", sa.String(200), nullable=False),
        sa.Column("location", sa.String(300), nullable=False),
        sa.Column("intro", sa.Text, nullable=False),
        sa.Column("talent_profile", sa.JSON, nullable=False),
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("company_id", sa.String(64), sa.ForeignKey("companies.id", ondelete="CASCADE"), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
    )
    op.create_index("ix_documents_company_id", "documents", ["company_id"])
    op.create_table(
        "postings",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("company_id", sa.String(64), sa.ForeignKey("companies.id", ondelete="CASCADE"), nullable=False),
        sa.Column("job_code", sa.String(16), nullable=False),
        sa.Column("level", sa.String(16), nullable=True),
        sa.Column("language", sa.String(4), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("sections", sa.JSON, nullable=False),
        sa.Column("posted_at", sa.String(10), nullable=True),
    )
    op.create_index("ix_postings_company_id", "postings", ["company_id"])
    op.create_index("ix_postings_job_code", "postings", ["job_code"])
    op.create_table(
        "sensitive_entities",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("company_id", sa.String(64), sa.ForeignKey("companies.id", ondelete="CASCADE"), nullable=False),
        sa.Column("text", sa.String(300), nullable=False),
        sa.Column("category", sa.String(40), nullable=False),
        sa.Column("aliases", sa.JSON, nullable=False),
        sa.Column("source", sa.String(20), nullable=False),
        sa.UniqueConstraint("company_id", "text", name="uq_sensitive_company_text"),
    )
    op.create_index("ix_sensitive_entities_company_id", "sensitive_entities", ["company_id"])
    op.create_table(
        "drafts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("company_id", sa.String(64), sa.ForeignKey("companies.id", ondelete="CASCADE"), nullable=False),
        sa.Column("job_code", sa.String(16), nullable=False),
        sa.Column("level", sa.String(16), nullable=False),
        sa.Column("style", sa.String(16), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("markdown", sa.Text, nullable=False),
        sa.Column("generator", sa.String(60), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("company_id", "job_code", "level", "style", name="uq_draft_key"),
    )
    op.create_index("ix_drafts_company_id", "drafts", ["company_id"])
    op.create_table(
        "generation_runs",
        sa.Column("thread_id", sa.String(64), primary_key=True),
        sa.Column("company_id", sa.String(64), sa.ForeignKey("companies.id", ondelete="CASCADE"), nullable=False),
        sa.Column("job_code", sa.String(16), nullable=False),
        sa.Column("level", sa.String(16), nullable=True),
        sa.Column("route", sa.String(16), nullable=False),
        sa.Column("request", sa.Text, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("draft_markdown", sa.Text, nullable=False),
        sa.Column("final_markdown", sa.Text, nullable=True),
        sa.Column("findings", sa.JSON, nullable=False),
        sa.Column("usage", sa.JSON, nullable=False),
        sa.Column("reviewer_comment", sa.Text, nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_generation_runs_company_id", "generation_runs", ["company_id"])


def downgrade() -> None:
    for table in ("generation_runs", "drafts", "sensitive_entities", "postings", "documents", "companies"):
        op.drop_table(table)
