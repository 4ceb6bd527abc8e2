"""thread_owners: the predicted and the actual queue wait of each queued run (streamed or not)

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-26
"""
import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("thread_owners") as batch:
        batch.add_column(sa.Column("predicted_wait_s", sa.Float(), nullable=True))
        batch.add_column(sa.Column("actual_wait_s", sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("thread_owners") as batch:
        batch.drop_column("actual_wait_s")
        batch.drop_column("predicted_wait_s")
