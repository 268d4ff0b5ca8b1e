"""Prefect flows: thin compositions of rentan library calls. Importing this package points Prefect
at the project's data folder (ephemeral mode, no server needed) before Prefect itself loads."""
import os

from rentan import paths

os.environ.setdefault("PREFECT_HOME", str(paths.home() / "prefect"))
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")


def param(default, judul: str, keterangan: str = ""):
    """A flow parameter with an Indonesian title for the Prefect UI form. Prefect 3.8 replaces a
    Field's `title` with the parameter's name when it builds the schema, but keeps
    `json_schema_extra` and `description`, so the title goes there too."""
    from pydantic import Field
    return Field(default, title=judul, description=keterangan or judul, json_schema_extra={"title": judul})


def retry_unless(*refusals: type[BaseException]):
    """A task retry rule: retry I/O failures (a locked database, a full disk), never a refusal
    (over budget, a draft that cannot apply, participants not verified): those fail the same way
    on every try and need a person."""
    def condition(_task, _task_run, state) -> bool:
        return not isinstance(state.result(raise_on_failure=False), refusals)
    return condition
