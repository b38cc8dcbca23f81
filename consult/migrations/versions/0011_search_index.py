"""search index: passages, and the text engine of each database

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-29 22:48:38.103785

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('search_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('object_id', sa.Integer(), nullable=False),
    sa.Column('section', sa.String(length=20), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('speerpunt_id', sa.Integer(), nullable=False),
    sa.Column('tier', sa.String(length=9), nullable=True),
    sa.Column('region_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('hidden', sa.Boolean(), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.CheckConstraint("kind IN ('speerpunt', 'comment', 'amendment', 'response', 'example', 'question')", name=op.f('ck_search_entries_kind')),
    sa.ForeignKeyConstraint(['region_id'], ['regions.id'], name=op.f('fk_search_entries_region_id_regions')),
    sa.ForeignKeyConstraint(['speerpunt_id'], ['speerpunten.id'], name=op.f('fk_search_entries_speerpunt_id_speerpunten')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_search_entries')),
    sa.UniqueConstraint('kind', 'object_id', 'section', name='uq_search_entries_object')
    )
    with op.batch_alter_table('search_entries', schema=None) as batch_op:
        batch_op.create_index('ix_search_entries_speerpunt_kind', ['speerpunt_id', 'kind'], unique=False)

    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        # An FTS5 table over the passages' title and body, kept in step by triggers.
        op.execute(
            "CREATE VIRTUAL TABLE search_fts USING fts5(title, body, content='search_entries', "
            "content_rowid='id', tokenize='unicode61 remove_diacritics 2')"
        )
        # FTS5's built-in rank, weighted: a word in the title counts ten times a word in the
        # body. Ordering by this column is much faster than calling bm25() per row.
        op.execute("INSERT INTO search_fts(search_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0)')")
        op.execute(
            "CREATE TRIGGER search_entries_ai AFTER INSERT ON search_entries BEGIN "
            "INSERT INTO search_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END"
        )
        op.execute(
            "CREATE TRIGGER search_entries_ad AFTER DELETE ON search_entries BEGIN "
            "INSERT INTO search_fts(search_fts, rowid, title, body) "
            "VALUES ('delete', old.id, old.title, old.body); END"
        )
        op.execute(
            "CREATE TRIGGER search_entries_au AFTER UPDATE ON search_entries BEGIN "
            "INSERT INTO search_fts(search_fts, rowid, title, body) "
            "VALUES ('delete', old.id, old.title, old.body); "
            "INSERT INTO search_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END"
        )
    else:
        # Dutch stemming; a title hit weighs more (A) than a body hit (B).
        op.execute(
            "ALTER TABLE search_entries ADD COLUMN document tsvector GENERATED ALWAYS AS ("
            "setweight(to_tsvector('dutch'::regconfig, title), 'A') || "
            "setweight(to_tsvector('dutch'::regconfig, body), 'B')) STORED"
        )
        op.execute("CREATE INDEX ix_search_entries_document ON search_entries USING gin (document)")

    # Index what an existing installation already holds; from here on every write does.
    from consult.search.indexing import rebuild

    rebuild(bind)



def downgrade():
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("search_entries_ai", "search_entries_ad", "search_entries_au"):
            op.execute(f"DROP TRIGGER {trigger}")
        op.execute("DROP TABLE search_fts")
    with op.batch_alter_table('search_entries', schema=None) as batch_op:
        batch_op.drop_index('ix_search_entries_speerpunt_kind')

    op.drop_table('search_entries')
