"""The monthly remittance register: one row per period and correction.

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "iuran_periode",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("periode", sa.String(7), nullable=False),
        sa.Column("koreksi_ke", sa.Integer, nullable=False),
        sa.Column("kunci", sa.String(200), nullable=False, unique=True),
        sa.Column("nomor", sa.String(200), nullable=False),
        sa.Column("tanggal", sa.Date, nullable=False),
        sa.Column("peserta", sa.Integer, nullable=False),
        sa.Column("jkk", sa.BigInteger, nullable=False),
        sa.Column("jkm", sa.BigInteger, nullable=False),
        sa.Column("jumlah", sa.BigInteger, nullable=False),
        sa.Column("alasan_koreksi", sa.Text),
        sa.Column("snapshot_sha256", sa.String(64), nullable=False),
        sa.Column("dibuat", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("periode", "koreksi_ke", name="uq_iuran_periode_koreksi"),
        sa.CheckConstraint("jumlah = jkk + jkm", name="ck_iuran_jumlah"),
    )


def downgrade() -> None:
    op.drop_table("iuran_periode")
