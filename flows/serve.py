"""`rentan serve`: a Prefect server as a child process (its database in the data folder, analytics
off) and every deployment served from this process, so schedules fire and staff can run flows
from the UI. Ctrl-C or SIGTERM stops both cleanly.

Call `configure_api(port)` before Prefect is imported anywhere in the process: Prefect reads its
settings once.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from rentan import paths


def configure_api(host: str, port: int) -> str:
    url = f"http://{host}:{port}/api"
    os.environ["PREFECT_API_URL"] = url
    os.environ.setdefault("PREFECT_HOME", str(paths.home() / "prefect"))
    os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
    return url


def healthy(api_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{api_url}/health", timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


@contextmanager
def server(host: str = "127.0.0.1", port: int = 4200, timeout: float = 120,
           log: Path | None = None) -> Iterator[str]:
    """Start `prefect server start` as a child process, wait until it answers, stop it on exit."""
    api = configure_api(host, port)
    if healthy(api):
        raise RuntimeError(f"port {port} sudah dipakai server lain; pilih --port yang lain")
    log = log or paths.home() / "prefect-server.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_UI_API_URL": api}
    env.pop("PREFECT_API_URL", None)  # the server itself is not a client of another server
    with open(log, "ab") as out:
        proc = subprocess.Popen([sys.executable, "-m", "prefect", "server", "start", "--host", host, "--port",
                                 str(port), "--analytics-off"],
                                stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    try:
        deadline = time.monotonic() + timeout
        while not healthy(api):
            if proc.poll() is not None:
                raise RuntimeError(f"server Prefect berhenti saat mulai (kode {proc.returncode}); lihat {log}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"server Prefect tidak menjawab dalam {timeout:.0f} detik; lihat {log}")
            time.sleep(0.5)
        yield api
    finally:
        stop(proc)


def stop(proc: subprocess.Popen, grace: float = 20) -> None:
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGINT)
        proc.wait(timeout=grace)
    except (subprocess.TimeoutExpired, ProcessLookupError):
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()


def serve_all(host: str = "127.0.0.1", port: int = 4200) -> None:
    """Run until Ctrl-C or SIGTERM (Prefect's runner turns SIGTERM into SystemExit; either way
    the server child is stopped before this returns)."""
    def _term(_signum, _frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _term)
    try:
        with server(host, port) as api:
            print(f"Server Prefect berjalan: buka http://{host}:{port} di peramban. API: {api}", flush=True)
            from prefect import serve

            from flows.deployments import all_deployments
            deployments = all_deployments()
            print("Deployment: " + ", ".join(d.name for d in deployments), flush=True)
            serve(*deployments, print_starting_message=False)
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        print("Server Prefect dihentikan.", flush=True)
