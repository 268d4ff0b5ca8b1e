"""Prefect servers that die with the process that started them.

Prefect's ephemeral mode runs its API in a child process (`python -m uvicorn …create_app`) that
it stops at exit — but a run killed with SIGKILL never reaches its exit handlers, and the child
lived on (6 of 7 kills in issue 11). `install()` makes Prefect start that child with
`create_app` below instead: the same app, plus a thread that ends the server as soon as its parent
is gone (rentan.lifeline).

The command is Prefect 3.8.8's own (`SubprocessASGIServer._run_uvicorn_command`, pinned in the
lock), with this module's factory; tests kill real runs and look for survivors.
"""
from __future__ import annotations

import os
import subprocess
import sys

from rentan.lifeline import ENV, watch_parent


def create_app():
    """uvicorn factory for the ephemeral server: Prefect's app, watched."""
    watch_parent()
    from prefect.server.api.server import create_app as prefect_app
    return prefect_app()


def _run_uvicorn_command(self) -> subprocess.Popen:
    import prefect
    from prefect.settings import get_current_settings
    server_env = {"PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1",
                  ENV: str(os.getpid())}
    return subprocess.Popen(
        args=[sys.executable, "-m", "uvicorn", "--app-dir", str(prefect.__module_path__.parent), "--factory",
              "flows.parent_watch:create_app", "--host", "127.0.0.1", "--port", str(self.port), "--log-level",
              "error", "--lifespan", "on"],
        env={**os.environ, **server_env, **get_current_settings().to_environment_variables(exclude_unset=True)})


def install() -> None:
    from prefect.server.api.server import SubprocessASGIServer
    SubprocessASGIServer._run_uvicorn_command = _run_uvicorn_command
