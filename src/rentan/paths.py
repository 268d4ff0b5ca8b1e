"""Where rentan keeps its data: RENTAN_HOME (default `.rentan/` in the project, owner-only) holds
the SQLite registry and Prefect's home; generated documents go to `outputs/` in the project
(RENTAN_OUTPUTS)."""
from __future__ import annotations

import os
from pathlib import Path


def project_root() -> Path:
    """The checkout this package runs from (editable install), else the working directory."""
    here = Path(__file__).resolve().parents[2]
    return here if (here / "pyproject.toml").exists() else Path.cwd()


def templates() -> Path:
    """The DOCX and HTML templates staff can edit (top-level templates/ of the project)."""
    return Path(os.environ.get("RENTAN_TEMPLATES") or project_root() / "templates")


def drafts() -> Path:
    """The authored texts staff edit (the act, its amendments, the decree's text, the naskah's
    prose): RENTAN_DRAFTS, else `drafts/` of the project."""
    return Path(os.environ.get("RENTAN_DRAFTS") or project_root() / "drafts")


def home() -> Path:
    """The data folder: the registry, reports with full NIKs, logs. Private to its owner (0700)."""
    p = Path(os.environ.get("RENTAN_HOME") or project_root() / ".rentan")
    p.mkdir(mode=0o700, parents=True, exist_ok=True)
    if p.stat().st_mode & 0o077:
        os.chmod(p, 0o700)
    return p


def outputs() -> Path:
    p = Path(os.environ.get("RENTAN_OUTPUTS") or project_root() / "outputs")
    p.mkdir(parents=True, exist_ok=True)
    return p
