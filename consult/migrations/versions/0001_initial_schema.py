"""regions, organisations, users, tokens, speerpunten, versions, responsibilities

Revision ID: 0001
Revises: 


"""
from alembic import op
import sqlalchemy as sa

from consult.core.types import UTCDateTime


# revision identifiers, used by Alembic.
revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    
    op.create_table('regions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=60), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.CheckConstraint("slug <> '' AND slug = lower(slug) AND slug NOT LIKE '% %'", name=op.f('ck_regions_slug_format')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_regions')),
    sa.UniqueConstraint('slug', name=op.f('uq_regions_slug'))
    )
    op.create_table('speerpunten',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=60), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('phase', sa.Enum('concept', 'open', 'processing', 'adopted', name='phase', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('current_version', sa.Integer(), nullable=False),
    sa.CheckConstraint("slug <> '' AND slug = lower(slug) AND slug NOT LIKE '% %'", name=op.f('ck_speerpunten_slug_format')),
    sa.CheckConstraint('current_version >= 0', name=op.f('ck_speerpunten_current_version_not_negative')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_speerpunten')),
    sa.UniqueConstraint('position', name=op.f('uq_speerpunten_position')),
    sa.UniqueConstraint('slug', name=op.f('uq_speerpunten_slug'))
    )
    op.create_table('organisations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=60), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('tier', sa.Enum('rijk', 'provincie', 'gemeente', 'partner', name='tier', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("slug <> '' AND slug = lower(slug) AND slug NOT LIKE '% %'", name=op.f('ck_organisations_slug_format')),
    sa.CheckConstraint('length(trim(name)) > 0', name=op.f('ck_organisations_name_not_blank')),
    sa.ForeignKeyConstraint(['region_id'], ['regions.id'], name=op.f('fk_organisations_region_id_regions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organisations')),
    sa.UniqueConstraint('id', 'tier', name='uq_organisations_id_tier'),
    sa.UniqueConstraint('slug', name=op.f('uq_organisations_slug'))
    )
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_organisations_region_id'), ['region_id'], unique=False)

    op.create_table('responsibilities',
    sa.Column('speerpunt_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('organisation_tier', sa.String(length=9), nullable=False),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.CheckConstraint("organisation_tier = 'rijk'", name=op.f('ck_responsibilities_organisation_is_rijk')),
    sa.ForeignKeyConstraint(['organisation_id', 'organisation_tier'], ['organisations.id', 'organisations.tier'], name='fk_responsibilities_organisation_rijk', onupdate='CASCADE'),
    sa.ForeignKeyConstraint(['speerpunt_id'], ['speerpunten.id'], name=op.f('fk_responsibilities_speerpunt_id_speerpunten')),
    sa.PrimaryKeyConstraint('speerpunt_id', 'organisation_id', name=op.f('pk_responsibilities'))
    )
    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('function', sa.String(length=120), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.Enum('participant', 'moderator', 'admin', name='role', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('session_token', sa.String(length=64), nullable=False),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.CheckConstraint("email = lower(email) AND email LIKE '%_@_%'", name=op.f('ck_users_email_format')),
    sa.CheckConstraint('length(session_token) >= 16', name=op.f('ck_users_session_token_length')),
    sa.CheckConstraint('length(trim(name)) > 0', name=op.f('ck_users_name_not_blank')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_users_organisation_id_organisations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('email', name=op.f('uq_users_email'))
    )
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_users_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('api_tokens',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('prefix', sa.String(length=12), nullable=False),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.Column('last_used_at', UTCDateTime(), nullable=True),
    sa.Column('revoked_at', UTCDateTime(), nullable=True),
    sa.CheckConstraint('length(token_hash) = 64', name=op.f('ck_api_tokens_hash_length')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_api_tokens_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_api_tokens')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_api_tokens_token_hash'))
    )
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_api_tokens_user_id'), ['user_id'], unique=False)

    op.create_table('versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('speerpunt_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('kernprobleem', sa.Text(), nullable=False),
    sa.Column('ambitie', sa.Text(), nullable=False),
    sa.Column('rijk', sa.Text(), nullable=False),
    sa.Column('gemeente', sa.Text(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('summary', sa.String(length=500), nullable=False),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.CheckConstraint('number >= 1', name=op.f('ck_versions_number_positive')),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_versions_author_id_users')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_versions_organisation_id_organisations')),
    sa.ForeignKeyConstraint(['speerpunt_id'], ['speerpunten.id'], name=op.f('fk_versions_speerpunt_id_speerpunten')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_versions')),
    sa.UniqueConstraint('speerpunt_id', 'number', name='uq_versions_speerpunt_number')
    )
    with op.batch_alter_table('versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_versions_author_id'), ['author_id'], unique=False)

    


def downgrade():
    
    with op.batch_alter_table('versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_versions_author_id'))

    op.drop_table('versions')
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_api_tokens_user_id'))

    op.drop_table('api_tokens')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_users_organisation_id'))

    op.drop_table('users')
    op.drop_table('responsibilities')
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_organisations_region_id'))

    op.drop_table('organisations')
    op.drop_table('speerpunten')
    op.drop_table('regions')
    
