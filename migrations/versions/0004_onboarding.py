"""onboarding: posting source/public, draft token cost, job profiles, registry proposals, onboarding jobs

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("postings") as batch:
        batch.add_column(sa.Column("source", sa.String(16), nullable=False, server_default="bundled"))
        batch.add_column(sa.Column("public", sa.Boolean(), nullable=False, server_default=sa.true()))
    with op.batch_alter_table("drafts") as batch:
        batch.add_column(sa.Column("tokens", sa.Integer(), nullable=False, server_default="0"))
    op.create_table(
        "job_profiles",
        sa.Column("company_id", sa.String(64), sa.ForeignKey("companies.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("job_code", sa.String(16), primary_key=True),
        sa.Column("profile", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "entity_proposals",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("company_id", sa.String(64), sa.ForeignKey("companies.id", ondelete="CASCADE"), nullable=False),
        sa.Column("text", sa.String(300), nullable=False),
        sa.Column("category", sa.String(40), nullable=False),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("decided_by", sa.String(32), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.UniqueConstraint("company_id", "text", name="uq_proposal_company_text"),
    )
    op.create_index("ix_entity_proposals_company_id", "entity_proposals", ["company_id"])
    op.create_table(
        "onboarding_jobs",
        sa.Column("company_id", sa.String(64), sa.ForeignKey("companies.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("progress", sa.Float(), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("steps_done", sa.JSON(), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    for table in ("onboarding_jobs", "entity_proposals", "job_profiles"):
        op.drop_table(table)
    with op.batch_alter_table("drafts") as batch:
        batch.drop_column("tokens")
    with op.batch_alter_table("postings") as batch:
        batch.drop_column("public")
        batch.drop_column("source")
