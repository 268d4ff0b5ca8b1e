"""Real processes at once: each runs a snippet of Python with the test's environment (its registry,
its outputs, its pinned clock) and reports one JSON line. Every process imports what it needs, says
it is ready, and waits; the snippets start together once all are ready."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

_PRELUDE = """
import importlib, json, os, sys, time
for name in sys.argv[3].split(","):
    if name:
        importlib.import_module(name)
open(sys.argv[1] + ".ready", "w").close()
while not os.path.exists(sys.argv[2]):
    time.sleep(0.002)
def done(**kw):
    print("RESULT " + json.dumps(kw, ensure_ascii=False, default=str), flush=True)
"""


def at_once(snippets: list[str], *, preload: tuple[str, ...] = (), timeout: float = 240,
            env: dict | None = None) -> list[dict]:
    """Run every snippet in its own Python process, all started together; return what each
    `done(...)` reported, in the order given. A process that raised reports {"error", "message"}."""
    with tempfile.TemporaryDirectory() as tmp:
        go = Path(tmp) / "go"
        procs = []
        for k, code in enumerate(snippets):
            body = _PRELUDE + "try:\n" + textwrap.indent(textwrap.dedent(code), "    ") + (
                "\nexcept Exception as e:\n    done(error=type(e).__name__, message=str(e))\n")
            procs.append(subprocess.Popen(
                [sys.executable, "-c", body, str(Path(tmp) / str(k)), str(go), ",".join(preload)],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, **(env or {})},
                cwd=Path(__file__).resolve().parents[1]))
        deadline = time.monotonic() + timeout
        while not all((Path(tmp) / f"{k}.ready").exists() for k in range(len(procs))):
            if any(p.poll() is not None for p in procs) or time.monotonic() > deadline:
                break
            time.sleep(0.01)
        go.touch()
        out = []
        for p in procs:
            stdout, stderr = p.communicate(timeout=max(1.0, deadline - time.monotonic()))
            lines = [line[7:] for line in stdout.splitlines() if line.startswith("RESULT ")]
            assert lines, f"a process reported nothing (exit {p.returncode}): {stderr[-3000:]}"
            out.append(json.loads(lines[-1]))
    return out
