"""The web desk for the clerks of the dinas and of Bagian Hukum (`rentan serve`): the coverage
year's cycle as steps, forms a clerk cannot get wrong, runs through the Prefect deployments, the
outcome in Indonesian and every file to download — behind accounts and roles.

`rentan.desk.app.create_app()` is the FastAPI application; `rentan.desk.accounts` the accounts,
roles and login rate limit; `rentan.desk.forms` the field checks; `rentan.desk.actions` what each
step runs; `rentan.desk.cycle` what the registry says of a year; `rentan.desk.runs` Prefect's API.
"""
