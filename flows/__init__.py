"""Prefect flows: thin compositions of rentan library calls. Importing this package points Prefect
at the project's data folder (ephemeral mode, no server needed) before Prefect itself loads.

PYTHONSAFEPATH keeps the working directory off the import path of every Python child Prefect
starts: a clerk's `inspect.py` in the folder they run from was imported by the server instead of
the standard library, and every flow timed out. Ephemeral servers die with their parent
(flows.parent_watch)."""
import functools
import inspect
import os
import typing

from rentan import paths
from rentan.errors import Refusal

os.environ.setdefault("PREFECT_HOME", str(paths.home() / "prefect"))
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.environ.setdefault("PYTHONSAFEPATH", "1")

from flows import parent_watch  # noqa: E402  (after the settings: it imports Prefect)

parent_watch.install()


def param(default, judul: str, keterangan: str = "", **batas):
    """A flow parameter with an Indonesian title for the Prefect UI form. Prefect 3.8 replaces a
    Field's `title` with the parameter's name when it builds the schema, but keeps
    `json_schema_extra` and `description`, so the title goes there too. `batas` are pydantic's
    constraints (ge, le, pattern, max_length): they land in the deployment's schema, so the Prefect
    form and the server refuse what the web desk refuses (rentan.desk.forms) before a run starts."""
    from pydantic import Field
    # Prefect builds the schema from the Field's description and json_schema_extra only (3.8:
    # _internal/pydantic/v2_schema.py), so the constraints are written there too, by their JSON
    # Schema names; the Field keeps them for the validation of a direct call
    schema = {_JSON_SCHEMA[k]: v for k, v in batas.items()}
    return Field(default, title=judul, description=keterangan or judul, json_schema_extra={"title": judul, **schema},
                 **batas)


_JSON_SCHEMA = {"ge": "minimum", "le": "maximum", "pattern": "pattern", "max_length": "maxLength",
                "min_length": "minLength"}


# The patterns the deployments' schemas carry (and rentan.desk.forms checks the same way)
PERIODE = r"^\d{4}-(0[1-9]|1[0-2])$"
BERKAS_TABEL = r"\.(xlsx|xlsm|csv|XLSX|XLSM|CSV)$"  # (no inline flags: the Prefect UI checks with JavaScript)
BERKAS_YAML = r"\.(ya?ml|YA?ML)$"
MAKS_PUTARAN = 9


def tahun_program() -> range:
    """The coverage years a run may be for: the programme's first year to next year (the clock's
    today when the flow module is imported: `rentan serve` and each run's process)."""
    from rentan.clock import today
    from rentan.program import program
    from rentan.registry.rules import tahun_program as years
    return years(program(), today())


def tahun_param(default, judul: str, keterangan: str):
    years = tahun_program()
    return param(default, judul, f"{keterangan} Antara {years.start} dan {years.stop - 1}.", ge=years.start,
                 le=years.stop - 1)


def retry_unless(*refusals: type[BaseException]):
    """A task retry rule: retry I/O failures (a locked database, a full disk), never a refusal
    (over budget, a draft that cannot apply, participants not verified): those fail the same way
    on every try and need a person."""
    refusals = refusals or (Refusal,)

    def condition(_task, _task_run, state) -> bool:
        return not isinstance(state.result(raise_on_failure=False), refusals)
    return condition


def value(result):
    """What a task call gave: its value, or, when the task ended Failed by a refusal, that refusal
    raised again (the flow then ends Failed with the same one-line reason)."""
    from prefect.states import State
    return result.result() if isinstance(result, State) else result


def refusal_fails(fn):
    """Run a task or flow body; an expected refusal ends it Failed with the one-line Indonesian
    reason as the state's message (no traceback in the run's logs) and the refusal as its data, so
    the caller still gets the refusal raised."""
    @functools.wraps(fn)
    def body(*args, **kwargs):
        from prefect.states import Failed
        try:
            return fn(*args, **kwargs)
        except Refusal as e:
            return Failed(message=e.line(), data=e)
    # Prefect builds the parameter form from the signature: resolve its annotations where they were
    # written (this module does not import what they name)
    body.__signature__ = inspect.signature(fn, eval_str=True)
    body.__annotations__ = typing.get_type_hints(fn, include_extras=True)
    return body
