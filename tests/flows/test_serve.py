"""`rentan serve` for real: a Prefect server as a child process and every deployment served; a run
triggered through the API completes; SIGTERM stops both."""
import os
import signal
import socket
import subprocess
import sys
import time

import httpx
import pytest

from ..documents.enrolled import enrolled_registry


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(1)
    raise AssertionError(f"timed out waiting for {what}: {getattr(predicate, 'last', '')}")


@pytest.mark.slow
def test_serve_runs_a_deployment_triggered_through_the_api(home, tmp_path):
    enrolled_registry(tmp_path, 5)
    port = _free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(tmp_path / "prefect"), PREFECT_SERVER_ANALYTICS_ENABLED="false",
               PREFECT_RUNNER_POLL_FREQUENCY="2")
    log = open(tmp_path / "serve.log", "wb")
    proc = subprocess.Popen([sys.executable, "-m", "rentan.cli", "serve", "--port", str(port)], env=env,
                            stdout=log, stderr=subprocess.STDOUT)
    try:
        def up():
            try:
                return httpx.get(f"{api}/health", timeout=2).status_code == 200
            except httpx.HTTPError:
                return False

        _wait(up, 180, "the server")

        def deployment():
            r = httpx.get(f"{api}/deployments/name/iuran-bulanan/iuran-bulanan", timeout=5)
            return r.json() if r.status_code == 200 else None

        dep = _wait(deployment, 120, "the deployment to be served")
        assert dep["schedules"][0]["schedule"]["cron"] == "0 8 2 * *"

        def create_run():  # the runner may still be registering its deployments: ask until accepted
            r = httpx.post(f"{api}/deployments/{dep['id']}/create_flow_run",
                           json={"parameters": {"periode": "2026-01", "final": True}}, timeout=10)
            create_run.last = f"{r.status_code} {r.text[:500]}"
            return r.json() if r.status_code in (200, 201) else None

        run = _wait(create_run, 60, "the server to accept the flow run")

        def finished():
            state = httpx.get(f"{api}/flow_runs/{run['id']}", timeout=5).json()["state"]
            return state if state["type"] in ("COMPLETED", "FAILED", "CRASHED", "CANCELLED") else None

        state = _wait(finished, 180, "the flow run")
        assert state["type"] == "COMPLETED", (tmp_path / "serve.log").read_text(errors="replace")[-3000:]
        assert (home.parent / "outputs" / "2026" / "iuran-bulanan" / "2026-01" / "naskah.pdf").exists()
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=60)
        finally:
            if proc.poll() is None:
                proc.kill()
            log.close()
    output = (tmp_path / "serve.log").read_text(errors="replace")
    assert "Server Prefect dihentikan." in output
    with pytest.raises(httpx.HTTPError):
        httpx.get(f"{api}/health", timeout=2)
