"""Reading the files staff edit (program.toml, the YAML drafts): a missing file, a syntax error or
a value that does not fit becomes one Indonesian sentence naming the file and the key."""
from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)


def read_data(path: str | Path, error: type[Exception], what: str) -> Any:
    """The parsed content of a YAML or TOML file; `what` names it for the clerk ("naskah SK")."""
    p = Path(path)
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
