"""The monthly remittance through Prefect: the month from the run's scheduled time, the
deployment's schedule, and the artifact (counts and paths, no NIK or name)."""
import asyncio
import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from ..documents.enrolled import enrolled_registry

WITA = ZoneInfo("Asia/Makassar")


@pytest.fixture
def enrolled(prefect_harness, home, tmp_path):
    return enrolled_registry(tmp_path, 12)


def test_schedule_is_0800_wita_on_the_2nd():
    from prefect.server.schemas.schedules import CronSchedule  # the server's model computes the dates

    from flows.deployments import iuran_schedule
    ours = iuran_schedule()
    dates = asyncio.run(CronSchedule(cron=ours.cron, timezone=ours.timezone).get_dates(
        n=3, start=dt.datetime(2026, 1, 15, tzinfo=WITA)))
    assert [d.astimezone(WITA).replace(tzinfo=None) for d in dates] == [
        dt.datetime(2026, 2, 2, 8, 0), dt.datetime(2026, 3, 2, 8, 0), dt.datetime(2026, 4, 2, 8, 0)]


def test_period_follows_the_wita_clock():
    from flows.iuran_bulanan import period_of
    # 23:30 UTC on 31 January is already 07:30 on 1 February in Balikpapan
    assert period_of(dt.datetime(2026, 1, 31, 23, 30, tzinfo=dt.timezone.utc)) == "2026-02"
    assert period_of(dt.datetime(2026, 2, 2, 0, 0, tzinfo=WITA)) == "2026-02"


def test_deployment_applied_against_the_harness_has_the_schedule(prefect_harness):
    from prefect.client.orchestration import get_client

    from flows.deployments import all_deployments
    deployments = {d.name: d for d in all_deployments()}
    assert {"iuran-bulanan", "verifikasi"} <= set(deployments)
    dep_id = deployments["iuran-bulanan"].apply()

    async def read():
        async with get_client() as client:
            return await client.read_deployment(dep_id)

    dep = asyncio.run(read())
    assert len(dep.schedules) == 1
    sched = dep.schedules[0].schedule
    assert (sched.cron, sched.timezone) == ("0 8 2 * *", "Asia/Makassar")
    assert dep.parameter_openapi_schema["properties"]["periode"]["title"] == "Periode (TTTT-BB)"


def test_a_late_run_still_pays_its_scheduled_month(enrolled):
    """A run scheduled for 2 February that only starts in March still issues February."""
    from prefect.client.orchestration import get_client
    from prefect.flow_engine import run_flow
    from prefect.states import Scheduled

    from flows.iuran_bulanan import iuran_bulanan

    dep_id = iuran_bulanan.to_deployment(name="iuran-uji-terlambat").apply()

    async def create():
        async with get_client() as client:
            run = await client.create_flow_run_from_deployment(
                dep_id, state=Scheduled(scheduled_time=dt.datetime(2026, 2, 2, 8, 0, tzinfo=WITA)))
            return await client.read_flow_run(run.id)

    flow_run = asyncio.run(create())
    row = run_flow(iuran_bulanan, flow_run=flow_run, parameters={})
    assert row["Periode"] == "2026-02" and row["Peserta"] == 12 and row["Jumlah (Rp)"] == 12 * 16800


def test_flow_artifact_has_counts_and_paths_only(enrolled):
    from prefect.client.orchestration import get_client

    from flows.iuran_bulanan import iuran_bulanan
    row = iuran_bulanan(periode="2026-01", final=True)
    assert row["Peserta"] == 12 and row["Nomor"].endswith("/Dinsos")

    async def artifact():
        async with get_client() as client:
            return await client.read_latest_artifacts()

    latest = [a for a in asyncio.run(artifact()) if a.key == "iuran-2026-01"]
    assert latest
    data = str(latest[0].data)
    assert not any(nik in data for nik in enrolled) and "Warga Uji" not in data
    assert "2026-01" in data and str(12 * 16800) in data
