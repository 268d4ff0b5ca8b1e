"""The web desk's accounts and its login attempts (rentan.desk).

`pengguna`: one row per staff account — its login name, its role (dinas, bagian_hukum, admin), the
Argon2id hash of its password (never the password), when it was made, and whether it is disabled
(an account is disabled, never deleted: the audit log names it). `upaya_masuk`: every login
attempt, successful or not, with the name tried and the client address, so failed attempts can be
rate-limited across restarts and processes.

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "pengguna",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("nama", sa.String(100), nullable=False, unique=True),
        sa.Column("peran", sa.String(20), nullable=False),
        sa.Column("sandi", sa.String(200), nullable=False),
        sa.Column("dibuat", TZ, nullable=False),
        sa.Column("nonaktif", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.CheckConstraint("peran IN ('dinas', 'bagian_hukum', 'admin')", name="ck_pengguna_peran"),
    )
    op.create_table(
        "upaya_masuk",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("nama", sa.String(100), nullable=False, index=True),
        sa.Column("alamat", sa.String(64), nullable=False, index=True),
        sa.Column("waktu", TZ, nullable=False, index=True),
        sa.Column("berhasil", sa.Boolean, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("upaya_masuk")
    op.drop_table("pengguna")
