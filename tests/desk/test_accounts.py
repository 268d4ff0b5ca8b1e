"""Accounts of the desk: Argon2id hashes (never the password), roles, the login rate limit, and the
`rentan user` commands that read the password from a hidden prompt or standard input only."""
import datetime as dt
import sqlite3
import subprocess
import sys

import pytest

from rentan.desk import accounts
from rentan.desk.accounts import AccountError


def test_a_password_is_stored_as_an_argon2id_hash(home):
    a = accounts.add_user("Siti.Dinsos", "dinas", "kata-sandi-panjang")
    assert (a.nama, a.peran, a.label_peran) == ("siti.dinsos", "dinas", "Dinas")
    c = sqlite3.connect(home / "registry.sqlite3")
    (stored,) = c.execute("select sandi from pengguna where nama = 'siti.dinsos'").fetchone()
    assert stored.startswith("$argon2id$") and "kata-sandi-panjang" not in stored
    (who, what) = c.execute("select subjek, tindakan from audit_log where subjek like 'pengguna:%'").fetchone()
    assert (who, what) == ("pengguna:siti.dinsos", "tambah")
    assert accounts.login("siti.dinsos", "kata-sandi-panjang", "10.0.0.5") == a
    with pytest.raises(AccountError, match="^nama akun atau kata sandi salah$"):
        accounts.login("siti.dinsos", "salah-sandi-sekali", "10.0.0.5")
    with pytest.raises(AccountError, match="^nama akun atau kata sandi salah$"):
        accounts.login("tidak.ada", "kata-sandi-panjang", "10.0.0.5")


def test_bad_names_roles_and_short_passwords_are_refused(home):
    for args, said in [(("a", "dinas", "kata-sandi-panjang"), "nama akun 2–50 karakter"),
                       (("budi", "kepala", "kata-sandi-panjang"), "peran 'kepala' tidak dikenal"),
                       (("budi", "dinas", "pendek"), "kata sandi paling sedikit 10 karakter")]:
        with pytest.raises(AccountError, match=said):
            accounts.add_user(*args)
    accounts.add_user("budi", "bagian_hukum", "kata-sandi-panjang")
    with pytest.raises(AccountError, match="akun budi sudah ada"):
        accounts.add_user("budi", "dinas", "kata-sandi-panjang")


def test_roles():
    dinas, hukum, admin = (accounts.Akun(1, "a", "dinas"), accounts.Akun(2, "b", "bagian_hukum"),
                           accounts.Akun(3, "c", "admin"))
    assert dinas.boleh("impor") and dinas.boleh("sk_konsep") and dinas.boleh("nik_lengkap")
    assert not dinas.boleh("sk_final") and not dinas.boleh("perwali")
    assert hukum.boleh("sk_final") and hukum.boleh("naskah") and hukum.boleh("perwali")
    assert not hukum.boleh("nik_lengkap") and not hukum.boleh("impor") and not hukum.boleh("iuran")
    assert all(admin.boleh(k) for k in accounts.BOLEH)


def test_failed_logins_lock_the_name_for_a_while_then_it_opens_again(home, monkeypatch):
    accounts.add_user("siti", "dinas", "kata-sandi-panjang")
    for _ in range(accounts.MAX_GAGAL_NAMA):
        with pytest.raises(AccountError, match="salah"):
            accounts.login("siti", "bukan-sandinya", "10.0.0.9")
    with pytest.raises(AccountError, match=r"^terlalu banyak percobaan masuk yang gagal; coba lagi dalam 1[56] menit"):
        accounts.login("siti", "kata-sandi-panjang", "10.0.0.9")  # even the right password waits
    later = dt.datetime.now(dt.timezone.utc) + accounts.WINDOW + dt.timedelta(seconds=5)
    monkeypatch.setattr(accounts, "_now", lambda: later)
    assert accounts.login("siti", "kata-sandi-panjang", "10.0.0.9").nama == "siti"


def test_a_disabled_account_cannot_log_in(home):
    accounts.add_user("siti", "dinas", "kata-sandi-panjang")
    accounts.set_disabled("siti", True)
    with pytest.raises(AccountError, match="salah"):
        accounts.login("siti", "kata-sandi-panjang", "10.0.0.1")
    assert accounts.users()[0][3] is True


def test_rentan_user_add_reads_the_password_from_standard_input_never_an_argument(home):
    run = lambda *a, inp: subprocess.run([sys.executable, "-m", "rentan.cli", "user", *a], input=inp,  # noqa: E731
                                         capture_output=True, text=True, timeout=120)
    r = run("add", "rina", "--peran", "bagian_hukum", inp="kata-sandi-rina-1\n")
    assert r.returncode == 0 and r.stdout.strip() == "Akun rina (Bagian Hukum) dibuat.", r.stderr
    assert "kata-sandi-rina-1" not in r.stdout + r.stderr
    assert accounts.login("rina", "kata-sandi-rina-1", "127.0.0.1").peran == "bagian_hukum"
    r = run("add", "rini", "--peran", "dinas", inp="pendek\n")
    assert r.returncode == 2 and "GAGAL: kata sandi paling sedikit 10 karakter" in r.stderr
    r = run("add", "rino", "--peran", "dinas", "kata-sandi-sebagai-argumen", inp="")
    assert r.returncode == 2 and "unexpected extra argument" in r.stderr.lower()
    r = run("list", inp="")
    assert "rina" in r.stdout and "Bagian Hukum" in r.stdout


def test_the_accounts_tables_match_their_migration(home):
    """Migration 0005 makes exactly the tables rentan.desk.models declares."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from rentan.desk.models import Pengguna, UpayaMasuk
    from rentan.registry.db import get_engine
    from rentan.registry.models import Base
    with get_engine().connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    mine = {Pengguna.__tablename__, UpayaMasuk.__tablename__}

    def table_of(d):
        d = d[0] if isinstance(d, list) else d
        for x in d[1:]:
            name = getattr(x, "name", None) if not isinstance(x, str) else None
            table = getattr(x, "table", None)
            if table is not None:
                return table.name
            if name in mine:
                return name
        return d[2] if len(d) > 2 and isinstance(d[2], str) else None

    assert [d for d in diff if table_of(d) in mine] == []
