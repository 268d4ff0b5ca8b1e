"""Prefect flows: thin compositions of rentan library calls. Importing this package points Prefect
at the project's data folder (ephemeral mode, no server needed) before Prefect itself loads."""
import os

from rentan import paths

os.environ.setdefault("PREFECT_HOME", str(paths.home() / "prefect"))
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
