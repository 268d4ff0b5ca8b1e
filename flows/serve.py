"""`rentan serve`: a Prefect server as a child process (its database in the data folder, analytics
off), every deployment served from this process, so schedules fire and the desk's runs start, and
the web desk for the clerks (rentan.desk) on its own port. Ctrl-C or SIGTERM stops all three
cleanly.

When it listens beyond loopback, Prefect's own API is protected too: Prefect's basic-auth setting
(PREFECT_SERVER_API_AUTH_STRING for the server, PREFECT_API_AUTH_STRING for its clients: this
process, each flow run and the desk), with a password made once and kept owner-only in the data
folder (or the one the operator set), and it says so at start.

Call `configure_api(host, port)` before anything reads Prefect's settings: Prefect reads them once
when it is imported (importing the `flows` package does), so configure_api refreshes them.
"""
from __future__ import annotations

import ipaddress
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from rentan import paths


AUTH_USER = "operator"
AUTH_FROM = ""  # where the password of the protected API is, for the start message
DESK_PORT = 4300


def loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def auth_file() -> Path:
    return paths.home() / "prefect-api.kunci"


def api_auth_string() -> str:
    """`operator:<password>` for Prefect's basic auth: the operator's own setting, else one made
    once and kept owner-only in the data folder."""
    global AUTH_FROM
    given = os.environ.get("PREFECT_SERVER_API_AUTH_STRING") or os.environ.get("PREFECT_API_AUTH_STRING")
    if given:
        AUTH_FROM = "yang ditetapkan operator (PREFECT_SERVER_API_AUTH_STRING)"
        return given
    AUTH_FROM = f"tersimpan di {auth_file()}"
    f = auth_file()
    if not f.exists():
        fd = os.open(f, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(f"{AUTH_USER}:{secrets.token_urlsafe(24)}\n")
    return f.read_text().strip()


def configure_api(host: str, port: int) -> str:
    url = f"http://{host}:{port}/api"
    os.environ["PREFECT_API_URL"] = url
    os.environ.setdefault("PREFECT_HOME", str(paths.home() / "prefect"))
    os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
    if not loopback(host):  # the server (its child's environment) and every client share it
        os.environ["PREFECT_API_AUTH_STRING"] = os.environ["PREFECT_SERVER_API_AUTH_STRING"] = api_auth_string()
    if "prefect.context" in sys.modules:
        # Prefect was imported already (importing the `flows` package does it) and read its settings
        # then: without a refresh, `serve()` registered the deployments with an ephemeral server of
        # its own instead of this one, and no run of the desk ever started
        sys.modules["prefect.context"].refresh_global_settings_context()
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
    if loopback(host):
        env.pop("PREFECT_SERVER_API_AUTH_STRING", None)
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


def use_demo_data() -> None:
    """`rentan serve --demo`: the demo's own registry and outputs (never the real ones), the demo's
    fictitious facts (so finals can be issued), and every document marked DEMO. Kept across
    restarts, unlike `rentan demo`."""
    from rentan.datafiles import OVERLAY
    demo_home = paths.home() / "demo"
    demo_home.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.environ[OVERLAY] = str(Path(paths.__file__).with_name("data") / "demo")
    os.environ["RENTAN_DATABASE_URL"] = f"sqlite:///{demo_home / 'registry.sqlite3'}"
    os.environ["RENTAN_OUTPUTS"] = str(paths.project_root() / "outputs" / "demo")
    os.environ["RENTAN_MEJA_DEMO"] = "1"


def demo_accounts() -> Path | None:
    """In a demo registry without accounts: one per role, passwords written owner-only to a file."""
    from rentan.desk import accounts
    if accounts.users():
        return None
    f = paths.home() / "demo" / "akun-demo.txt"
    lines = ["Akun meja layanan DEMO (data sintetis). Nama akun dan kata sandi:"]
    for nama, peran in (("demo-dinas", "dinas"), ("demo-hukum", "bagian_hukum"), ("demo-admin", "admin")):
        sandi = secrets.token_urlsafe(9)
        accounts.add_user(nama, peran, sandi, oleh="rentan serve --demo")
        lines.append(f"  {nama:<12} ({peran}): {sandi}")
    fd = os.open(f, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as out:
        out.write("\n".join(lines) + "\n")
    return f


def _listen(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise RuntimeError(f"port {port} untuk meja layanan sudah dipakai; pilih --desk-port yang lain") from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def address(host: str, port: int) -> str:
    shown = socket.gethostname() if host in ("0.0.0.0", "::") else host
    return f"http://{shown}:{port}"


@contextmanager
def desk(host: str, port: int) -> Iterator[str]:
    """The web desk (rentan.desk) in a thread of this process, until the block ends."""
    import uvicorn

    from rentan.desk.app import create_app
    sock = _listen(host, port)
    port = sock.getsockname()[1]
    server_ = uvicorn.Server(uvicorn.Config(create_app(), log_level="warning", access_log=False))
    thread = threading.Thread(target=server_.run, kwargs={"sockets": [sock]}, name="meja-layanan", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server_.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        if not server_.started:
            raise RuntimeError("meja layanan tidak dapat dimulai; lihat rincian di atas")
        yield address(host, port)
    finally:
        server_.should_exit = True
        thread.join(timeout=10)
        sock.close()
        print("Meja layanan dihentikan.", flush=True)


def serve_all(host: str = "127.0.0.1", port: int = 4200, desk_port: int = DESK_PORT, demo: bool = False) -> None:
    """Run until Ctrl-C or SIGTERM (Prefect's runner turns SIGTERM into SystemExit; either way
    the server child and the desk are stopped before this returns)."""
    def _term(_signum, _frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _term)
    try:
        if demo:
            use_demo_data()
        with server(host, port) as api, desk(host, desk_port) as desk_url:
            print(f"Server Prefect berjalan (untuk operator): buka http://{host}:{port} di peramban. API: {api}",
                  flush=True)
            if loopback(host):
                print("API Prefect hanya dapat dihubungi dari komputer ini (127.0.0.1); tanpa kata sandi.", flush=True)
            else:
                print(f"API dan tampilan Prefect dilindungi kata sandi (basic auth): nama pengguna "
                      f"{os.environ['PREFECT_API_AUTH_STRING'].split(':', 1)[0]}, kata sandi {AUTH_FROM}.", flush=True)
            print(f"Meja layanan untuk petugas: buka {desk_url} di peramban.", flush=True)
            if demo:
                made = demo_accounts()
                print("DEMO: registri dan naskah contoh terpisah dari yang asli (data sintetis)."
                      + (f" Akun demo dan kata sandinya: {made}" if made else ""), flush=True)
            from prefect import serve

            from flows.deployments import all_deployments
            deployments = all_deployments()
            print("Deployment: " + ", ".join(d.name for d in deployments), flush=True)
            serve(*deployments, print_starting_message=False)
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        print("Server Prefect dihentikan.", flush=True)
