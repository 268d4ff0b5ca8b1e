"""The desk's actions run as Prefect flow runs of the served deployments (flows.deployments), through
Prefect's REST API — so every run is also in the Prefect UI for operators — and their progress and
outcome are read back from it: the state (a refusal ends Failed with its one-line Indonesian reason
as the message) and the run's table artifacts (counts, row numbers with reasons, paths).

The API is the one `rentan serve` configured (PREFECT_API_URL); when it is protected
(PREFECT_API_AUTH_STRING) the desk sends the same basic-auth credentials.
"""
from __future__ import annotations

import base64
import datetime as dt
import json
import os
import uuid
from dataclasses import dataclass, field

import httpx

from rentan.errors import Refusal

STATES = {"SCHEDULED": "Menunggu giliran", "PENDING": "Disiapkan", "RUNNING": "Sedang berjalan",
          "COMPLETED": "Selesai", "FAILED": "Ditolak atau gagal", "CRASHED": "Terhenti tiba-tiba",
          "CANCELLED": "Dibatalkan", "CANCELLING": "Sedang dibatalkan", "PAUSED": "Dijeda"}
FINAL = {"COMPLETED", "FAILED", "CRASHED", "CANCELLED"}


class RunError(Refusal):
    """The run could not be started or read (the Prefect server is down, or refused it)."""


def api_url() -> str:
    url = os.environ.get("PREFECT_API_URL")
    if not url:
        raise RunError("alamat server Prefect tidak diketahui; jalankan meja layanan dengan `rentan serve`")
    return url.rstrip("/")


def ui_url(run_id: str) -> str:
    return f"{api_url().removesuffix('/api')}/runs/flow-run/{run_id}"


def _headers() -> dict:
    auth = os.environ.get("PREFECT_API_AUTH_STRING")
    return {"Authorization": "Basic " + base64.b64encode(auth.encode()).decode()} if auth else {}


# Answers a busy Prefect server gives (its SQLite database locked for a moment: 503) and that
# Prefect's own client retries; the request did nothing and may be sent again.
_BUSY = (429, 502, 503, 504)
_WAITS = (0.5, 1, 2, 3, 4)  # seconds before each retry: about 10 s in all


def _request(method: str, path: str, **kw) -> httpx.Response:
    import time
    for wait in (*_WAITS, None):
        try:
            r = httpx.request(method, api_url() + path, headers=_headers(), timeout=15, **kw)
        except httpx.HTTPError:  # nobody answering is not a busy server: said at once
            raise RunError("server Prefect tidak menjawab; periksa bahwa `rentan serve` masih berjalan") from None
        if r.status_code not in _BUSY or wait is None:
            return r
        time.sleep(wait)
    return r


def submit(deployment: str, parameters: dict, oleh: str) -> str:
    """Start a run of `deployment` (flow and deployment share the name) with `parameters` (JSON
    values: paths, years, dates as ISO text, flags — never a NIK or a name); its id."""
    r = _request("GET", f"/deployments/name/{deployment}/{deployment}")
    if r.status_code == 404:
        raise RunError(f"deployment {deployment} belum dilayani; tunggu sebentar sesudah `rentan serve` mulai, lalu "
                       "coba lagi")
    if r.status_code != 200:
        raise RunError(f"server Prefect menolak permintaan ({r.status_code})")
    dep = r.json()
    r = _request("POST", f"/deployments/{dep['id']}/create_flow_run",
                 json={"parameters": parameters, "tags": ["meja-layanan", f"oleh:{oleh}"]})
    if r.status_code in _BUSY:
        raise RunError(f"server Prefect sedang sibuk dan belum dapat menjalankan {deployment}; tidak ada yang "
                       "dijalankan — coba lagi sebentar lagi")
    if r.status_code not in (200, 201):
        detail = r.json().get("detail", "") if r.headers.get("content-type", "").startswith("application/json") else ""
        raise RunError(f"server Prefect menolak menjalankan {deployment} ({r.status_code}): {str(detail)[:300]}")
    return r.json()["id"]


@dataclass
class Tabel:
    key: str
    rows: list[dict]
    description: str = ""


@dataclass
class Proses:
    id: str
    deployment: str | None
    state: str  # SCHEDULED … COMPLETED / FAILED
    message: str | None
    parameters: dict
    tags: list[str]
    mulai: dt.datetime | None
    selesai: dt.datetime | None
    dibuat: dt.datetime | None
    tabel: list[Tabel] = field(default_factory=list)

    @property
    def label(self) -> str:
        return STATES.get(self.state, self.state)

    @property
    def final(self) -> bool:
        return self.state in FINAL

    @property
    def oleh(self) -> str | None:
        return next((t[5:] for t in self.tags if t.startswith("oleh:")), None)

    @property
    def lama(self) -> str | None:
        if not self.mulai:
            return None
        end = self.selesai or dt.datetime.now(dt.timezone.utc)
        s = max(0, int((end - self.mulai).total_seconds()))
        return f"{s} detik" if s < 60 else f"{s // 60} menit {s % 60} detik"


def _time(v: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(v.replace("Z", "+00:00")) if v else None


def read(run_id: str) -> Proses | None:
    try:
        uuid.UUID(run_id)
    except ValueError:
        return None
    r = _request("GET", f"/flow_runs/{run_id}")
    if r.status_code == 404:
        return None
    if r.status_code != 200:
        raise RunError(f"server Prefect menolak permintaan ({r.status_code})")
    fr = r.json()
    state = fr.get("state") or {}
    name = None
    if fr.get("deployment_id"):
        d = _request("GET", f"/deployments/{fr['deployment_id']}")
        name = d.json().get("name") if d.status_code == 200 else None
    p = Proses(fr["id"], name, state.get("type", "SCHEDULED"), state.get("message"), fr.get("parameters") or {},
               fr.get("tags") or [], _time(fr.get("start_time")), _time(fr.get("end_time")), _time(fr.get("created")))
    if p.final:
        # (Prefect sorts artifacts newest first only: CREATED_ASC is refused with a 422)
        a = _request("POST", "/artifacts/filter", json={"flow_runs": {"id": {"any_": [run_id]}}, "sort": "CREATED_DESC"})
        if a.status_code != 200:
            raise RunError(f"server Prefect menolak membaca hasil proses ({a.status_code})")
        for art in reversed(a.json()):
            data = art.get("data")
            if isinstance(data, str):
                try:
                    data = json.loads(data)
                except ValueError:
                    continue
            if art.get("type") == "table" and isinstance(data, list):
                p.tabel.append(Tabel(art.get("key") or "", data, art.get("description") or ""))
    return p


def recent(deployments: list[str], limit: int = 8) -> list[Proses]:
    """The latest runs of these deployments, newest first (for a step's page)."""
    ids = []
    for name in deployments:
        r = _request("GET", f"/deployments/name/{name}/{name}")
        if r.status_code == 200:
            ids.append(r.json()["id"])
    if not ids:
        return []
    r = _request("POST", "/flow_runs/filter", json={"deployments": {"id": {"any_": ids}}, "sort": "EXPECTED_START_TIME_DESC",
                                                     "limit": limit})
    if r.status_code != 200:
        return []
    out = []
    names = dict(zip(ids, deployments))
    for fr in r.json():
        state = fr.get("state") or {}
        out.append(Proses(fr["id"], names.get(fr.get("deployment_id")), state.get("type", "SCHEDULED"),
                          state.get("message"), fr.get("parameters") or {}, fr.get("tags") or [],
                          _time(fr.get("start_time")), _time(fr.get("end_time")), _time(fr.get("created"))))
    return out
