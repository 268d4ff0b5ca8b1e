"""Reading the files staff edit (program.toml, the YAML drafts): a missing file, a syntax error or
a value that does not fit becomes one Indonesian sentence naming the file and the key.

An overlay folder (`RENTAN_TAMBAHAN`) may hold a file of the same name with only the keys that
differ; it is merged over the file (tables key by key, lists of tables by their `kode`). The demo
uses one to fill the facts a real office has not confirmed yet with clearly fictitious values."""
from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)


OVERLAY = "RENTAN_TAMBAHAN"


def read_data(path: str | Path, error: type[Exception], what: str) -> Any:
    """The parsed content of a YAML or TOML file (with its overlay, when there is one); `what` names
    it for the clerk ("naskah SK")."""
    data = _read(Path(path), error, what)
    folder = os.environ.get(OVERLAY)
    if folder and (Path(folder) / Path(path).name).exists():
        data = merge(data, _read(Path(folder) / Path(path).name, error, what))
    return data


def merge(base: Any, over: Any) -> Any:
    """`over` merged into `base`: dicts key by key, lists of dicts with a `kode` by that key,
    anything else replaced."""
    if isinstance(base, dict) and isinstance(over, dict):
        return {**base, **{k: merge(base[k], v) if k in base else v for k, v in over.items()}}
    if (isinstance(base, list) and isinstance(over, list) and all(isinstance(x, dict) and "kode" in x
                                                                  for x in base + over)):
        overs = {x["kode"]: x for x in over}
        merged = [merge(x, overs.pop(x["kode"])) if x["kode"] in overs else x for x in base]
        return merged + list(overs.values())
    return over


def _read(p: Path, error: type[Exception], what: str) -> Any:
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise error(f"{what} tidak ditemukan: {p}") from None
    if p.suffix == ".toml":
        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as e:
            raise error(f"{p.name}: penulisan TOML salah ({e})") from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as e:
        raise error(f"{p.name}: penulisan YAML salah ({e})") from None


def describe(err: ValidationError) -> str:
    """The first problem pydantic found, as "key.path: message"."""
    first = err.errors()[0]
    key = ".".join(str(p) for p in first["loc"])
    msg = first["msg"].removeprefix("Value error, ")
    return f"{key}: {msg}" if key else msg


def validate(model: type[M], data: Any, source: str, error: type[Exception]) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as e:
        raise error(f"{source}: {describe(e)}") from None
