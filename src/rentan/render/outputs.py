"""Where finished documents land: `outputs/<year>/<kind>/<key>/`, built in a temporary folder and
renamed into place whole, with `manifest.json` (snapshot hash, template hashes, package versions,
official number, SHA-256 of every file). A document that is already there is returned as it is,
after its files are checked against the manifest: re-running gives the same files."""
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

from rentan import paths

PACKAGES = ("rentan", "docxtpl", "python-docx", "weasyprint", "pypdf", "reportlab", "jinja2", "babel",
            "num2words", "sqlalchemy", "prefect")


class OutputError(RuntimeError):
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

    def file(self, name: str) -> Path:
        return self.folder / name

    @property
    def files(self) -> list[Path]:
        return [self.folder / n for n in self.manifest["berkas"]]


def folder_for(year: int, kind: str, key: str, root: Path | None = None) -> Path:
    return (root or paths.outputs()) / str(year) / kind / key


def _verify(folder: Path) -> dict:
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    for name, info in manifest["berkas"].items():
        f = folder / name
        if not f.exists() or sha256_file(f) != info["sha256"]:
            raise OutputError(f"berkas {f} tidak sama dengan yang tercatat di manifest.json; "
                              "naskah yang sudah terbit tidak ditimpa — periksa perubahan itu dahulu")
    return manifest


def publish(year: int, kind: str, key: str, build: Callable[[Path], dict], *, nomor: str | None,
            snapshot_hash: str | None, templates: Iterable[Path], internal: Iterable[str] = (),
            root: Path | None = None) -> Published:
    """Build the document's files with `build(folder) -> summary` unless they exist already.
    Files named in `internal` (full NIKs) are readable by the owner only."""
    final = folder_for(year, kind, key, root)
    if (final / "manifest.json").exists():
        return Published(final, _verify(final), True)
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{final.name}.", dir=final.parent))
    try:
        summary = build(tmp)
        internal = set(internal)
        files = sorted(p for p in tmp.iterdir() if p.is_file())
        for p in files:
            os.chmod(p, 0o600 if p.name in internal else 0o644)
        manifest = {
            "jenis": kind, "kunci": key, "tahun": year, "nomor": nomor,
            "snapshot_sha256": snapshot_hash,
            "templat": {str(t.relative_to(paths.templates())) if t.is_relative_to(paths.templates()) else t.name:
                        sha256_file(t) for t in sorted(set(templates))},
            "paket": versions(),
            "berkas": {p.name: {"sha256": sha256_file(p), "bytes": p.stat().st_size, "internal": p.name in internal}
                       for p in files},
            "ringkasan": summary,
        }
        (tmp / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True),
                                           encoding="utf-8")
        os.chmod(tmp, 0o755)
        try:
            os.rename(tmp, final)
        except OSError:  # another run finished first: keep theirs
            if (final / "manifest.json").exists():
                shutil.rmtree(tmp, ignore_errors=True)
                return Published(final, _verify(final), True)
            raise
        return Published(final, manifest, False)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
