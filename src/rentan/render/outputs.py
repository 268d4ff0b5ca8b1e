"""Where finished documents land: `outputs/<year>/<kind>/<key>/`, built in a temporary folder and
renamed into place whole, with `manifest.json` (snapshot hash, template hashes, package versions,
official number, SHA-256 of every file). A document that is already there is returned as it is,
after its files are checked against the manifest: re-running gives the same files.

Files with full NIKs meant for one recipient only (the data file for BPJS) are `private`: the build
writes them into `<temp>/.rahasia/`, and they land outside the public tree, in
`outputs/rahasia/<year>/<kind>/<key>/`, readable by the owner only.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Callable, Iterable

from rentan.errors import Refusal
from rentan import paths

PACKAGES = ("rentan", "docxtpl", "python-docx", "weasyprint", "pypdf", "reportlab", "jinja2", "babel",
            "num2words", "sqlalchemy", "prefect")
PRIVATE = ".rahasia"


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


@dataclass(frozen=True)
class Published:
    folder: Path
    manifest: dict
    reused: bool
    root: Path  # the outputs root the manifest's paths are relative to

    def file(self, name: str) -> Path:
        return self.folder / name

    def private(self, name: str) -> Path:
        return self.root / self.manifest["rahasia"]["folder"] / name

    @property
    def files(self) -> list[Path]:
        return [self.folder / n for n in self.manifest["berkas"]]


def folder_for(year: int, kind: str, key: str, root: Path | None = None) -> Path:
    return (root or paths.outputs()) / str(year) / kind / key


def private_folder_for(year: int, kind: str, key: str, root: Path | None = None) -> Path:
    return (root or paths.outputs()) / "rahasia" / str(year) / kind / key


def _check(folder: Path, files: dict) -> None:
    for name, info in files.items():
        f = folder / name
        if not f.exists() or sha256_file(f) != info["sha256"]:
            raise OutputError(f"berkas {f} tidak ada atau isinya tidak sama dengan yang tercatat di manifest.json "
                              "(diubah atau dihapus sesudah terbit); naskah yang sudah terbit tidak ditimpa — "
                              "kembalikan berkas aslinya atau periksa perubahan itu lebih dahulu")


def existing(year: int, kind: str, key: str, root: Path | None = None) -> Published | None:
    """The published document, verified against its manifest, or None when it was never built.
    Paths in the manifest are relative to the outputs root, so a restored or moved outputs folder
    still verifies."""
    root = root or paths.outputs()
    folder = folder_for(year, kind, key, root)
    if not (folder / "manifest.json").exists():
        return None
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    _check(folder, manifest["berkas"])
    if manifest.get("rahasia"):
        _check(root / manifest["rahasia"]["folder"], manifest["rahasia"]["berkas"])
    return Published(folder, manifest, True, root)


@dataclass
class Staged:
    """A document built in a temporary folder, not yet in place."""
    tmp: Path
    final: Path
    private_final: Path
    manifest: dict
    where: tuple  # (year, kind, key, root), to find a copy another run put in place first
    root: Path

    def commit(self) -> Published:
        private = self.tmp / PRIVATE
        if private.exists():
            self.private_final.parent.mkdir(parents=True, exist_ok=True)
            os.chmod(private, 0o700)
            if self.private_final.exists():
                shutil.rmtree(self.private_final)  # a leftover of a run that failed before its rename
            os.rename(private, self.private_final)
        try:
            os.rename(self.tmp, self.final)
        except OSError:  # another run finished first: keep theirs
            self.discard()
            found = existing(*self.where)
            if found:
                return found
            raise
        return Published(self.final, self.manifest, False, self.root)

    def discard(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)


def _files(folder: Path, internal: set[str], mode_private: bool = False) -> dict:
    out = {}
    for p in sorted(x for x in folder.iterdir() if x.is_file()):
        os.chmod(p, 0o600 if (mode_private or p.name in internal) else 0o644)
        out[p.name] = {"sha256": sha256_file(p), "bytes": p.stat().st_size,
                       "internal": mode_private or p.name in internal}
    return out


def stage(year: int, kind: str, key: str, build: Callable[[Path], dict], *, nomor: str | None,
          snapshot_hash: str | None, templates: Iterable[Path], internal: Iterable[str] = (),
          root: Path | None = None) -> Staged:
    """Build the document's files with `build(folder) -> summary` in a temporary folder."""
    root = root or paths.outputs()
    final = folder_for(year, kind, key, root)
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{final.name}.", dir=final.parent))
    try:
        (tmp / PRIVATE).mkdir(mode=0o700)
        summary = build(tmp)
        private_final = private_folder_for(year, kind, key, root)
        private_files = _files(tmp / PRIVATE, set(), mode_private=True)
        if not private_files:
            (tmp / PRIVATE).rmdir()
        tpl_root = paths.templates()
        manifest = {
            "jenis": kind, "kunci": key, "tahun": year, "nomor": nomor,
            "snapshot_sha256": snapshot_hash,
            "templat": {str(t.relative_to(tpl_root)) if t.is_relative_to(tpl_root) else t.name: sha256_file(t)
                        for t in sorted(set(templates))},
            "paket": versions(),
            "berkas": _files(tmp, set(internal)),
            "rahasia": {"folder": private_final.relative_to(root).as_posix(), "berkas": private_files}
            if private_files else None,
            "ringkasan": summary,
        }
        (tmp / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True),
                                           encoding="utf-8")
        os.chmod(tmp, 0o755)
        return Staged(tmp, final, private_final, manifest, (year, kind, key, root), root)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def publish(year: int, kind: str, key: str, build: Callable[[Path], dict], *, nomor: str | None,
            snapshot_hash: str | None, templates: Iterable[Path], internal: Iterable[str] = (),
            root: Path | None = None) -> Published:
    """Build and put in place, unless the document exists already (then it is returned as it is).
    Files named in `internal` (full NIKs) are readable by the owner only."""
    found = existing(year, kind, key, root)
    if found:
        return found
    return stage(year, kind, key, build, nomor=nomor, snapshot_hash=snapshot_hash, templates=templates,
                 internal=internal, root=root).commit()
