"""Participation per coverage year, and one record of every issued document.

A person stays one `peserta` row; what they are in each coverage year moves to `kepesertaan`
(status, reason, SK, start, end), so the 2027 cycle never overwrites 2026. Every existing person
becomes one `kepesertaan` row for the year they were in: the year of their SK when enrolled, else
the year they were registered for. `naskah_terbit` records every issued document once; the
numbered ones of an existing registry (verification memos, the SK, monthly letters) are carried
over from the number register, with the folder the release that issued them used.

Revision ID: 0003
Revises: 0002
"""
import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)
PER_YEAR = ("status", "alasan_status", "alasan_berakhir", "tanggal_berakhir", "nomor_sk", "mulai_kepesertaan")
STATUSES = "'terdaftar', 'terverifikasi', 'ditolak', 'ditetapkan', 'aktif', 'berakhir'"


def _folder(kunci: str) -> tuple[str, int, str] | None:
    """(kind, year, folder relative to outputs/) of a document key of release 0.1."""
    parts = kunci.split("/")
    if parts[0] == "verifikasi" and len(parts) == 4:  # verifikasi/2026/1/dp3
        return "verifikasi", int(parts[1]), f"{parts[1]}/verifikasi/{parts[3]}-putaran-{parts[2]}"
    if parts[0] == "sk-peserta" and len(parts) == 2:  # sk-peserta/2026
        return "sk-peserta", int(parts[1]), f"{parts[1]}/sk-peserta/penetapan"
    if parts[0] == "iuran-bulanan" and len(parts) in (2, 3):  # iuran-bulanan/2026-01[/koreksi-1]
        key = parts[1] + (f"-{parts[2]}" if len(parts) == 3 else "")
        return "iuran-bulanan", int(parts[1][:4]), f"{parts[1][:4]}/iuran-bulanan/{key}"
    return None


def upgrade() -> None:
    conn = op.get_bind()
    # read the per-year columns, then drop them (before any table references peserta: SQLite
    # rebuilds the table to drop a column, and a foreign key to it would refuse the rebuild)
    people = conn.execute(sa.text(
        "SELECT id, tahun_daftar, sumber, status, alasan_status, alasan_berakhir, tanggal_berakhir, nomor_sk, "
        "mulai_kepesertaan FROM peserta ORDER BY id")).mappings().all()
    with op.batch_alter_table("peserta") as batch:
        batch.drop_constraint("ck_peserta_status", type_="check")
        batch.drop_index("ix_peserta_status")
        for c in PER_YEAR:
            batch.drop_column(c)
    op.create_table(
        "kepesertaan",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("peserta_id", sa.Integer, sa.ForeignKey("peserta.id"), nullable=False, index=True),
        sa.Column("tahun", sa.Integer, nullable=False, index=True),
        sa.Column("status", sa.String(20), nullable=False, index=True),
        sa.Column("alasan_status", sa.Text),
        sa.Column("lanjutan", sa.Boolean, nullable=False),
        sa.Column("sumber", sa.String(200), nullable=False),
        sa.Column("nomor_sk", sa.String(100)),
        sa.Column("mulai", sa.Date),
        sa.Column("alasan_berakhir", sa.String(30)),
        sa.Column("tanggal_berakhir", sa.Date),
        sa.UniqueConstraint("peserta_id", "tahun", name="uq_kepesertaan_peserta_tahun"),
        sa.CheckConstraint(f"status in ({STATUSES})", name="ck_kepesertaan_status"),
    )
    op.create_table(
        "naskah_terbit",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kunci", sa.String(200), nullable=False, unique=True),
        sa.Column("jenis", sa.String(50), nullable=False),
        sa.Column("tahun", sa.Integer, nullable=False),
        sa.Column("folder", sa.String(300), nullable=False),
        sa.Column("nomor", sa.String(200)),
        sa.Column("tanggal", sa.Date, nullable=False),
        sa.Column("snapshot_sha256", sa.String(64)),
        sa.Column("ringkasan", sa.Text),
        sa.Column("konsep", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("dibuat", TZ, nullable=False),
    )
    kepesertaan = sa.table("kepesertaan", *(sa.column(c) for c in (
        "peserta_id", "tahun", "status", "alasan_status", "lanjutan", "sumber", "nomor_sk", "mulai",
        "alasan_berakhir", "tanggal_berakhir")))
    rows = []
    for p in people:
        mulai = p["mulai_kepesertaan"]
        if isinstance(mulai, str):  # SQLite hands dates back as text here
            mulai = dt.date.fromisoformat(mulai)
        rows.append({"peserta_id": p["id"], "tahun": mulai.year if mulai else p["tahun_daftar"],
                     "status": p["status"], "alasan_status": p["alasan_status"], "lanjutan": False,
                     "sumber": p["sumber"], "nomor_sk": p["nomor_sk"], "mulai": mulai,
                     "alasan_berakhir": p["alasan_berakhir"],
                     "tanggal_berakhir": dt.date.fromisoformat(p["tanggal_berakhir"])
                     if isinstance(p["tanggal_berakhir"], str) else p["tanggal_berakhir"]})
    for i in range(0, len(rows), 5000):
        op.bulk_insert(kepesertaan, rows[i:i + 5000])

    numbered = conn.execute(sa.text("SELECT n.kunci, n.nomor, n.tanggal, n.dibuat, i.snapshot_sha256 FROM nomor_surat n "
                                    "LEFT JOIN iuran_periode i ON i.kunci = n.kunci ORDER BY n.id")).mappings().all()
    terbit = sa.table("naskah_terbit", *(sa.column(c) for c in (
        "kunci", "jenis", "tahun", "folder", "nomor", "tanggal", "snapshot_sha256", "dibuat")))
    docs = []
    for n in numbered:
        where = _folder(n["kunci"])
        if where:
            docs.append({"kunci": n["kunci"], "jenis": where[0], "tahun": where[1], "folder": where[2],
                         "nomor": n["nomor"], "tanggal": n["tanggal"], "snapshot_sha256": n["snapshot_sha256"],
                         "dibuat": n["dibuat"]})
    if docs:
        op.bulk_insert(terbit, docs)



def downgrade() -> None:
    raise NotImplementedError("participation per year cannot be folded back into one status per person")
