"""model calls (per-call token accounting and which endpoint served it)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "model_calls",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("thread_id", sa.String(64), nullable=True),
        sa.Column("company_id", sa.String(64), nullable=True),
        sa.Column("node", sa.String(64), nullable=True),
        sa.Column("tier", sa.String(16), nullable=False),
        sa.Column("endpoint", sa.String(300), nullable=False),
        sa.Column("model", sa.String(200), nullable=False),
        sa.Column("prompt_version", sa.String(100), nullable=True),
        sa.Column("prompt_tokens", sa.Integer(), nullable=False),
        sa.Column("completion_tokens", sa.Integer(), nullable=False),
        sa.Column("cached_tokens", sa.Integer(), nullable=False),
        sa.Column("ttft_ms", sa.Integer(), nullable=True),
        sa.Column("duration_ms", sa.Integer(), nullable=False),
        sa.Column("ok", sa.Boolean(), nullable=False),
        sa.Column("error", sa.String(200), nullable=True),
        sa.Column("fallbacks", sa.Integer(), nullable=False),
        sa.Column("retries", sa.Integer(), nullable=False),
    )
    op.create_index("ix_model_calls_day", "model_calls", ["day"])
    op.create_index("ix_model_calls_thread_id", "model_calls", ["thread_id"])
    op.create_index("ix_model_calls_company_id", "model_calls", ["company_id"])


def downgrade() -> None:
    op.drop_table("model_calls")
