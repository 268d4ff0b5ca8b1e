"""Where finished documents land: `outputs/<year>/<kind>/<key>/`, built in a private staging folder
and renamed into place whole, with `manifest.json` (snapshot hash, template hashes, package
versions, official number, SHA-256 of every file). Paths in a manifest are relative to the
outputs root, so a moved or restored outputs folder still verifies.

Files with full NIKs meant for one recipient (the data file for BPJS) are private: they are written
into the staging folder's `.rahasia/` and land outside the public tree, in
`outputs/rahasia/<year>/<kind>/<key>/`, owner-only. Other files holding full NIKs inside the
public tree (an internal Lampiran) are owner-only too (`internal`).

Staging is private and never in the published tree: `outputs/.staging/<kind>-<key>.<random>/`
(0700), each holding a lock its process keeps while it lives; the next run removes every staging
folder whose process is gone (`sweep`), so a killed run leaves nothing behind for long. A folder
already in place that no record knows of (a run killed between putting its files in place and
recording them) is adopted when it holds the very same files, and otherwise moved aside to
`outputs/.tidak-tercatat/` (never deleted, never overwritten).
"""
from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, replace
from importlib import metadata
from pathlib import Path
from typing import Iterable

from rentan import paths
from rentan.errors import Refusal

PACKAGES = ("rentan", "docxtpl", "python-docx", "weasyprint", "pypdf", "reportlab", "jinja2", "num2words",
            "sqlalchemy", "prefect")
PRIVATE = ".rahasia"
STAGING = ".staging"
UNRECORDED = ".tidak-tercatat"
_LOCK = ".proses"


class OutputError(Refusal):
    pass


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def versions() -> dict[str, str]:
    out = {}
    for p in PACKAGES:
        try:
            out[p] = metadata.version(p)
        except metadata.PackageNotFoundError:
            pass
    return out


def folder_for(year: int, kind: str, key: str, root: Path | None = None) -> Path:
    return (root or paths.outputs()) / str(year) / kind / key


def private_folder_for(year: int, kind: str, key: str, root: Path | None = None) -> Path:
    return (root or paths.outputs()) / "rahasia" / str(year) / kind / key


@dataclass(frozen=True)
class Published:
    """An issued document's folder: the one result every document gives."""
    folder: Path
    manifest: dict
    root: Path  # the outputs root the manifest's paths are relative to
    baru: bool  # issued by this run (False: it had been issued before)
    pesan: str | None = None  # e.g. "sudah diterbitkan; …"
    ditulis: bool = True  # its files were written by this run (False: returned as they were)

    @property
    def reused(self) -> bool:
        return not self.ditulis

    @property
    def nomor(self) -> str | None:
        return self.manifest.get("nomor")

    @property
    def ringkasan(self) -> dict:
        return self.manifest["ringkasan"]

    @property
    def relative(self) -> str:
        return self.folder.relative_to(self.root).as_posix()

    def file(self, name: str) -> Path:
        return self.folder / name

    def private(self, name: str) -> Path:
        return self.root / self.manifest["rahasia"]["folder"] / name

    @property
    def files(self) -> list[Path]:
        out = [self.folder / n for n in self.manifest["berkas"]]
        if self.manifest.get("rahasia"):
            out += [self.private(n) for n in self.manifest["rahasia"]["berkas"]]
        return out

    def again(self, pesan: str) -> "Published":
        """The document as issued before (its files as this run wrote them, or found them)."""
        return replace(self, baru=False, pesan=pesan)


def _check(folder: Path, files: dict) -> None:
    for name, info in files.items():
        f = folder / name
        if not f.exists() or sha256_file(f) != info["sha256"]:
            raise OutputError(f"berkas {f} tidak ada atau isinya tidak sama dengan yang tercatat di manifest.json "
                              "(diubah atau dihapus sesudah terbit); naskah yang sudah terbit tidak ditimpa — "
                              "kembalikan berkas aslinya atau periksa perubahan itu lebih dahulu")


def _manifest(folder: Path) -> dict | None:
    try:
        return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        raise OutputError(f"manifest.json di {folder} rusak; naskah yang sudah terbit tidak ditimpa — periksa "
                          "folder itu lebih dahulu") from None


def verified(root: Path, relative: str) -> Published | None:
    """The published document at `relative`, every file checked against its manifest (OutputError
    when one was changed or removed); None when the folder holds no manifest."""
    folder = root / relative
    manifest = _manifest(folder)
    if manifest is None:
        return None
    _check(folder, manifest["berkas"])
    if manifest.get("rahasia"):
        _check(root / manifest["rahasia"]["folder"], manifest["rahasia"]["berkas"])
    return Published(folder, manifest, root, baru=False, ditulis=False)


def existing(year: int, kind: str, key: str, root: Path | None = None) -> Published | None:
    root = root or paths.outputs()
    return verified(root, folder_for(year, kind, key, root).relative_to(root).as_posix())


# --- staging ----------------------------------------------------------------------------------------


def sweep(root: Path | None = None) -> int:
    """Remove the staging folders of runs that are gone (their lock is free); how many."""
    base = (root or paths.outputs()) / STAGING
    if not base.exists():
        return 0
    removed = 0
    for d in base.iterdir():
        lock = d / _LOCK
        try:
            fd = os.open(lock, os.O_RDWR)
        except FileNotFoundError:
            # made but not yet locked, or locked file already gone: old enough means abandoned
            if d.is_dir() and dt.datetime.now().timestamp() - d.stat().st_mtime > 600:
                shutil.rmtree(d, ignore_errors=True)
                removed += 1
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            continue  # its run is alive
        finally:
            os.close(fd)
        shutil.rmtree(d, ignore_errors=True)
        removed += 1
    return removed


def _files(folder: Path, internal: set[str], all_private: bool = False) -> dict:
    out = {}
    for p in sorted(x for x in folder.iterdir() if x.is_file() and x.name not in (_LOCK, "manifest.json")):
        private = all_private or p.name in internal
        os.chmod(p, 0o600 if private else 0o644)
        out[p.name] = {"sha256": sha256_file(p), "bytes": p.stat().st_size, "internal": private}
    return out


def _same_files(a: dict, b: dict) -> bool:
    def files(m: dict) -> tuple:
        return ({k: v["sha256"] for k, v in m["berkas"].items()},
                {k: v["sha256"] for k, v in (m.get("rahasia") or {}).get("berkas", {}).items()})
    return files(a) == files(b)


class Staging:
    """A document's files while they are made: a private folder outside the published tree, and its
    `.rahasia/` subfolder for files that land under `outputs/rahasia/`. Use as a context manager;
    `publish()` puts the files in place, leaving the block without it removes them."""

    def __init__(self, year: int, kind: str, key: str, root: Path | None = None):
        self.root = root or paths.outputs()
        self.year, self.kind, self.key = year, kind, key
        self.final = folder_for(year, kind, key, self.root)
        self.private_final = private_folder_for(year, kind, key, self.root)

    def __enter__(self) -> "Staging":
        base = self.root / STAGING
        base.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.folder = Path(tempfile.mkdtemp(prefix=f"{self.kind}-{self.key}.", dir=base))  # 0700
        self._published = False
        self._lock = os.open(self.folder / _LOCK, os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(self._lock, fcntl.LOCK_EX)
        (self.folder / PRIVATE).mkdir(mode=0o700)
        return self

    def __exit__(self, *exc) -> None:
        if not self._published:
            shutil.rmtree(self.folder, ignore_errors=True)
        os.close(self._lock)

    def path(self, name: str) -> Path:
        return self.folder / name

    def private(self, name: str) -> Path:
        return self.folder / PRIVATE / name

    def publish(self, *, nomor: str | None, snapshot_hash: str | None, templates: Iterable[Path],
                summary: dict, internal: Iterable[str] = ()) -> Published:
        """Write the manifest and put the files in place in one rename each (private files first)."""
        private = self.folder / PRIVATE
        private_files = _files(private, set(), all_private=True)
        tpl_root = paths.templates()
        manifest = {
            "jenis": self.kind, "kunci": self.key, "tahun": self.year, "nomor": nomor,
            "snapshot_sha256": snapshot_hash,
            "templat": {str(t.relative_to(tpl_root)) if t.is_relative_to(tpl_root) else t.name: sha256_file(t)
                        for t in sorted(set(templates))},
            "paket": versions(),
            "berkas": _files(self.folder, set(internal)),
            "rahasia": {"folder": self.private_final.relative_to(self.root).as_posix(), "berkas": private_files}
            if private_files else None,
            "ringkasan": summary,
        }
        pesan = None
        old = _manifest(self.final) if self.final.exists() else None
        if old is not None and _same_files(old, manifest):
            try:
                return replace(verified(self.root, self.final.relative_to(self.root).as_posix()), baru=True)  # adopted
            except OutputError:
                pass  # the same document, but damaged: set aside below and put in place again
        if self.final.exists() or self.private_final.exists():
            pesan = self._set_aside()
        (self.folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True),
                                                   encoding="utf-8")
        os.chmod(self.folder / "manifest.json", 0o644)
        self.final.parent.mkdir(parents=True, exist_ok=True)
        if private_files:
            self.private_final.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            os.rename(private, self.private_final)
        else:
            private.rmdir()
        os.unlink(self.folder / _LOCK)  # the lock fd stays open until __exit__
        os.chmod(self.folder, 0o755)
        os.rename(self.folder, self.final)
        self._published = True
        return Published(self.final, manifest, self.root, baru=True, pesan=pesan)

    def _set_aside(self) -> str:
        """Move a folder no record knows of out of the way (kept under outputs/.tidak-tercatat/)."""
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        aside = self.root / UNRECORDED / str(self.year) / self.kind / f"{self.key}-{stamp}-{os.getpid()}"
        aside.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        aside.mkdir(mode=0o700)
        if self.final.exists():
            os.rename(self.final, aside / "naskah")
        if self.private_final.exists():
            os.rename(self.private_final, aside / "rahasia")
        return (f"folder lama yang tidak tercatat di registri dipindahkan ke {aside.relative_to(self.root)} "
                "(tidak dihapus)")
