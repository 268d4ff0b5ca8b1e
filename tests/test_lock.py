"""The installed Python packages are the locked ones, and the lock covers what pyproject.toml asks.

requirements/lock.txt (the programme) and requirements/lock-test.txt (programme + test tools) pin
every package with its hashes; install.sh installs exactly them. A machine whose packages drifted
from the lock is not the machine the tests passed on, so this says which ones and what to run.
"""

import importlib.metadata
import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
LOCK = ROOT / "requirements" / "lock.txt"
LOCK_TEST = ROOT / "requirements" / "lock-test.txt"
PYPROJECT = ROOT / "pyproject.toml"


def normalise(name: str) -> str:
    """PEP 503: lowercase, runs of -, _ and . become one -."""
    return re.sub(r"[-_.]+", "-", name).lower()


def read_lock(path: Path) -> dict[str, str]:
    """name → version of each `name==version` line; hash, comment and option lines are skipped,
    as are pins whose environment marker does not hold here."""
    pins: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.rstrip("\\").strip()
        if not line or line.startswith(("#", "-")):
            continue
        req = Requirement(line)
        if req.marker is not None and not req.marker.evaluate():
            continue
        (spec,) = req.specifier  # pip-compile writes exactly one ==
        assert spec.operator == "==", f"{path.name}: {line!r} is not pinned with =="
        pins[normalise(req.name)] = spec.version
    assert pins, f"{path} pins nothing"
    return pins


def installed_versions() -> dict[str, str]:
    """name → version of every installed distribution; where a name is installed twice, the one
    found first on sys.path (the one Python imports)."""
    found: dict[str, str] = {}
    for dist in importlib.metadata.distributions():
        name = dist.metadata["Name"]
        if name:
            found.setdefault(normalise(name), dist.version)
    return found


def pyproject() -> dict:
    return tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))


def test_installed_packages_are_the_locked_versions():
    locked = read_lock(LOCK_TEST)
    installed = installed_versions()
    drift = []
    for name, version in sorted(locked.items()):
        have = installed.get(name)
        if have is None:
            drift.append(f"  {name}: lock {version}, not installed")
        elif Version(have) != Version(version):
            drift.append(f"  {name}: lock {version}, installed {have}")
    assert not drift, (
        f"{len(drift)} installed package(s) differ from requirements/lock-test.txt:\n"
        + "\n".join(drift)
        + "\nRun `bash install.sh --test` to install the locked versions; if the change is "
        "deliberate, run `bash requirements/refresh.sh`, then the tests, and commit the lock."
    )


def test_every_dependency_in_pyproject_is_locked_at_a_version_it_allows():
    project = pyproject()
    asked = [(LOCK, r) for r in project["project"]["dependencies"]]
    asked += [(LOCK, r) for r in project["build-system"]["requires"]]
    asked += [(LOCK_TEST, r) for r in project["project"]["optional-dependencies"]["test"]]
    locks = {LOCK: read_lock(LOCK), LOCK_TEST: read_lock(LOCK_TEST)}
    wrong = []
    for path, text in asked:
        req = Requirement(text)
        version = locks[path].get(normalise(req.name))
        if version is None:
            wrong.append(f"  {req.name}: not in {path.name}")
        elif not req.specifier.contains(version, prereleases=True):
            wrong.append(f"  {req.name}: {path.name} has {version}, pyproject.toml asks {req}")
    assert not wrong, (
        "pyproject.toml and the lock disagree:\n" + "\n".join(wrong)
        + "\nRun `bash requirements/refresh.sh` and commit the lock."
    )


def test_the_test_lock_has_every_runtime_package_at_the_same_version():
    runtime, test = read_lock(LOCK), read_lock(LOCK_TEST)
    wrong = [
        f"  {name}: lock.txt {version}, lock-test.txt {test.get(name, 'missing')}"
        for name, version in sorted(runtime.items())
        if test.get(name) != version
    ]
    assert not wrong, (
        "requirements/lock-test.txt differs from requirements/lock.txt:\n" + "\n".join(wrong)
        + "\nRun `bash requirements/refresh.sh` (it compiles lock-test.txt against lock.txt)."
    )


def test_every_locked_package_has_a_hash():
    for path in (LOCK, LOCK_TEST):
        text = path.read_text(encoding="utf-8")
        entries = re.split(r"\n(?=[A-Za-z0-9])", text)
        unhashed = [
            e.split()[0] for e in entries
            if re.match(r"[A-Za-z0-9]", e) and "--hash=sha256:" not in e
        ]
        assert not unhashed, f"{path.name}: pinned without hashes: {unhashed}"
