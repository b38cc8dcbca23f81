"""The migrations build exactly the schema the models describe."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from consult.extensions import db
from consult.search.models import include_in_schema_comparison


def test_models_and_migrations_agree(ctx):
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={
            "compare_type": True, "include_object": include_in_schema_comparison})
        differences = compare_metadata(context, db.metadata)
    assert differences == []


def test_init_db_on_an_up_to_date_database_changes_nothing(runner):
    result = runner.invoke(args=["consult", "init-db"])
    assert result.exit_code == 0, result.output
