"""Alembic environment: rentan runs migrations programmatically (rentan.registry.db.migrate),
handing over an open connection."""
from alembic import context

from rentan.registry.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata,
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
