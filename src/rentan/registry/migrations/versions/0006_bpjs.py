"""The round trip with BPJS Ketenagakerjaan: validation before the SK, KPJ numbers, the monthly bill.

- `kepesertaan.validasi` (diterima / ditolak) and `alasan_validasi`: BPJS's answer to the validation
  request of that coverage year (not yet asked: NULL).
- `bpjs_kiriman` and `bpjs_kiriman_baris`: every list sent to BPJS (validation request, registration)
  with the identity of each person as sent, so an answer is matched against exactly what was asked.
- `bpjs_tagihan` and `bpjs_tagihan_baris`: BPJS's bill for a month (its payment code, the NIK/KPJ
  billed and the amounts), its reconciliation with our month, and the clerk's explanation of any
  difference.

Revision ID: 0006
Revises: 0005
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("kepesertaan") as batch:
        batch.add_column(sa.Column("validasi", sa.String(20), nullable=True))
        batch.add_column(sa.Column("alasan_validasi", sa.Text, nullable=True))
    op.create_table(
        "bpjs_kiriman",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("jenis", sa.String(20), nullable=False),
        sa.Column("tahun", sa.Integer, nullable=False),
        sa.Column("kunci", sa.String(200), nullable=False, unique=True),
        sa.Column("dibuat", TZ, nullable=False),
    )
    op.create_table(
        "bpjs_kiriman_baris",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kiriman_id", sa.Integer, sa.ForeignKey("bpjs_kiriman.id"), nullable=False, index=True),
        sa.Column("peserta_id", sa.Integer, sa.ForeignKey("peserta.id"), nullable=False),
        sa.Column("nik", sa.String(16), nullable=False, index=True),
        sa.Column("nama", sa.String(200), nullable=False),
        sa.Column("tanggal_lahir", sa.Date, nullable=False),
    )
    op.create_table(
        "bpjs_tagihan",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("periode", sa.String(7), nullable=False, unique=True),
        sa.Column("kode_iuran", sa.String(11), nullable=False),
        sa.Column("peserta", sa.Integer, nullable=False),
        sa.Column("jumlah", sa.BigInteger, nullable=False),
        sa.Column("berkas", sa.String(300), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("selisih", sa.Integer, nullable=False),
        sa.Column("catatan", sa.Text),
        sa.Column("dicatat_oleh", sa.String(100)),
        sa.Column("diimpor", TZ, nullable=False),
    )
    op.create_table(
        "bpjs_tagihan_baris",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("tagihan_id", sa.Integer, sa.ForeignKey("bpjs_tagihan.id"), nullable=False, index=True),
        sa.Column("nik", sa.String(16), nullable=False),
        sa.Column("kpj", sa.String(30)),
        sa.Column("jumlah", sa.BigInteger, nullable=False),
    )


def downgrade() -> None:
    for t in ("bpjs_tagihan_baris", "bpjs_tagihan", "bpjs_kiriman_baris", "bpjs_kiriman"):
        op.drop_table(t)
    with op.batch_alter_table("kepesertaan") as batch:
        batch.drop_column("alasan_validasi")
        batch.drop_column("validasi")
