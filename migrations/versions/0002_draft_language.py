"""drafts are stored per language

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # batch mode: SQLite cannot alter constraints in place, so the table is recreated there.
    with op.batch_alter_table("drafts") as batch:
        batch.add_column(sa.Column("language", sa.String(4), nullable=False, server_default="ko"))
        batch.drop_constraint("uq_draft_key", type_="unique")
        batch.create_unique_constraint("uq_draft_key_lang", ["company_id", "job_code", "level", "style", "language"])


def downgrade() -> None:
    with op.batch_alter_table("drafts") as batch:
        batch.drop_constraint("uq_draft_key_lang", type_="unique")
        op.execute("DELETE FROM drafts WHERE language <> 'ko'")
        batch.create_unique_constraint("uq_draft_key", ["company_id", "job_code", "level", "style"])
        batch.drop_column("language")
