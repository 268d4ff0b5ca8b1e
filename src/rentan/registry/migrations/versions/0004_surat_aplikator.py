"""Whether an ojek online driver's letter from their platform (aplikator) has been received.

Perwali 3/2025 Pasal 4 ayat (1) huruf d asks an ojek online driver for a letter from the
platform company; the verification memo's Lampiran and return form show whether it is on file.
Nullable: an existing person's answer is not known (NULL), never guessed.

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("peserta") as batch:
        batch.add_column(sa.Column("surat_aplikator", sa.Boolean, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("peserta") as batch:
        batch.drop_column("surat_aplikator")
