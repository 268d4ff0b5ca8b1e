"""Every name the commands import when they run exists: `rentan run sk-peserta` once ended in an
ImportError (a refusal's class had moved) that no test reached, because each command imports its
parts only when it runs."""
import ast
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
APPLICATION = [ROOT / "src" / "rentan" / "cli.py", ROOT / "src" / "rentan" / "demo.py",
               *sorted((ROOT / "flows").glob("*.py")), *sorted((ROOT / "src" / "rentan" / "desk").glob("*.py"))]


def _imports():
    for path in APPLICATION:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0 and \
                    node.module.split(".")[0] in ("rentan", "flows"):
                for alias in node.names:
                    yield pytest.param(node.module, alias.name, id=f"{path.name}:{node.lineno}:{alias.name}")


@pytest.mark.parametrize("module,name", list(_imports()))
def test_what_a_command_imports_exists(module, name):
    m = importlib.import_module(module)
    assert name == "*" or hasattr(m, name) or importlib.util.find_spec(f"{module}.{name}") is not None, \
        f"{module} has no {name}"
