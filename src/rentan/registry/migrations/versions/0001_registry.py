"""The participant registry, its append-only audit log, the provincial list, imports and the
official-number register.

Revision ID: 0001
Revises:
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "peserta",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("nik", sa.String(16), nullable=False, unique=True),
        sa.Column("nama", sa.String(200), nullable=False),
        sa.Column("tempat_lahir", sa.String(100), nullable=False),
        sa.Column("tanggal_lahir", sa.Date, nullable=False),
        sa.Column("jenis_kelamin", sa.String(1), nullable=False),
        sa.Column("alamat", sa.String(300), nullable=False),
        sa.Column("kelurahan_kode", sa.String(13), nullable=False, index=True),
        sa.Column("kecamatan_kode", sa.String(8), nullable=False),
        sa.Column("telepon", sa.String(30)),
        sa.Column("sektor", sa.String(30), nullable=False, index=True),
        sa.Column("pekerjaan", sa.String(100), nullable=False),
        sa.Column("penghasilan", sa.BigInteger, nullable=False),
        sa.Column("domisili_sejak", sa.Date, nullable=False),
        sa.Column("sumber", sa.String(200), nullable=False),
        sa.Column("tahun_daftar", sa.Integer, nullable=False),
        sa.Column("status", sa.String(20), nullable=False, index=True),
        sa.Column("alasan_status", sa.Text),
        sa.Column("alasan_berakhir", sa.String(30)),
        sa.Column("tanggal_berakhir", sa.Date),
        sa.Column("nomor_sk", sa.String(100)),
        sa.Column("mulai_kepesertaan", sa.Date),
        sa.Column("kpj", sa.String(30)),
        sa.Column("ditanggung_provinsi", sa.Boolean, nullable=False),
        sa.CheckConstraint("length(nik) = 16", name="ck_peserta_nik_16"),
        sa.CheckConstraint("jenis_kelamin in ('L', 'P')", name="ck_peserta_jk"),
        sa.CheckConstraint("status in ('terdaftar', 'terverifikasi', 'ditolak', 'ditetapkan', 'aktif', "
                           "'berakhir')", name="ck_peserta_status"),
        sa.CheckConstraint("penghasilan >= 0", name="ck_peserta_penghasilan"),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("waktu", TZ, nullable=False),
        sa.Column("oleh", sa.String(100), nullable=False),
        sa.Column("subjek", sa.String(100), nullable=False, index=True),
        sa.Column("tindakan", sa.String(50), nullable=False),
        sa.Column("perubahan", sa.Text),
        sa.Column("alasan", sa.Text),
    )
    op.create_table(
        "peserta_provinsi",
        sa.Column("nik", sa.String(16), primary_key=True),
        sa.Column("sumber", sa.String(200), nullable=False),
        sa.Column("diimpor", TZ, nullable=False),
    )
    op.create_table(
        "impor",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("waktu", TZ, nullable=False),
        sa.Column("oleh", sa.String(100), nullable=False),
        sa.Column("berkas", sa.String(300), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("tahun", sa.Integer, nullable=False),
        sa.Column("dibaca", sa.Integer, nullable=False),
        sa.Column("baru", sa.Integer, nullable=False),
        sa.Column("diperbarui", sa.Integer, nullable=False),
        sa.Column("ditolak", sa.Integer, nullable=False),
    )
    op.create_table(
        "nomor_surat",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kunci", sa.String(200), nullable=False, unique=True),
        sa.Column("seri", sa.String(100), nullable=False),
        sa.Column("urut", sa.Integer, nullable=False),
        sa.Column("nomor", sa.String(200), nullable=False),
        sa.Column("tanggal", sa.Date, nullable=False),
        sa.Column("dibuat", TZ, nullable=False),
        sa.UniqueConstraint("seri", "urut", name="uq_nomor_surat_seri_urut"),
    )
    _append_only("audit_log")


def _append_only(table: str) -> None:
    """Refuse UPDATE and DELETE on `table` in the database itself, not only in our code."""
    if op.get_context().dialect.name == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                       f"BEGIN SELECT RAISE(ABORT, '{table} hanya boleh ditambah (append-only)'); END")
    else:
        op.execute(f"""CREATE FUNCTION {table}_append_only() RETURNS trigger AS $$
            BEGIN RAISE EXCEPTION '{table} hanya boleh ditambah (append-only)'; END; $$ LANGUAGE plpgsql""")
        op.execute(f"CREATE TRIGGER {table}_no_change BEFORE UPDATE OR DELETE ON {table} "
                   f"FOR EACH ROW EXECUTE FUNCTION {table}_append_only()")


def downgrade() -> None:
    for t in ("nomor_surat", "impor", "peserta_provinsi", "audit_log", "peserta"):
        op.drop_table(t)
