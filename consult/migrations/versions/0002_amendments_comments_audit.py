"""comments, flags, amendments, supports, responses, audit log

Revision ID: 0002
Revises: 0001


"""
from alembic import op
import sqlalchemy as sa

from consult.core.types import UTCDateTime



# revision identifiers, used by Alembic.
revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    
    op.create_table('amendments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('speerpunt_id', sa.Integer(), nullable=False),
    sa.Column('section', sa.String(length=20), nullable=False),
    sa.Column('base_version', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('rationale', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('pending', 'accepted', 'rejected', 'withdrawn', name='amendment_status', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.Column('decided_at', UTCDateTime(), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decision_reason', sa.Text(), nullable=False),
    sa.Column('decision_modified', sa.Boolean(), nullable=False),
    sa.Column('result_version', sa.Integer(), nullable=True),
    sa.CheckConstraint("(status = 'pending' AND decided_at IS NULL AND result_version IS NULL) OR (status = 'accepted' AND decided_at IS NOT NULL AND decided_by_id IS NOT NULL  AND result_version IS NOT NULL) OR (status = 'rejected' AND decided_at IS NOT NULL AND decided_by_id IS NOT NULL  AND result_version IS NULL AND length(decision_reason) > 0) OR (status = 'withdrawn' AND decided_at IS NOT NULL AND result_version IS NULL)", name=op.f('ck_amendments_status_facts')),
    sa.CheckConstraint("section IN ('kernprobleem', 'ambitie', 'rijk', 'gemeente')", name=op.f('ck_amendments_section_known')),
    sa.CheckConstraint('base_version >= 1', name=op.f('ck_amendments_base_version_positive')),
    sa.CheckConstraint('length(rationale) BETWEEN 1 AND 10000', name=op.f('ck_amendments_rationale_length')),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_amendments_author_id_users')),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_amendments_decided_by_id_users')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_amendments_organisation_id_organisations')),
    sa.ForeignKeyConstraint(['speerpunt_id'], ['speerpunten.id'], name=op.f('fk_amendments_speerpunt_id_speerpunten')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_amendments'))
    )
    with op.batch_alter_table('amendments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_amendments_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_amendments_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_amendments_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_amendments_speerpunt_id'), ['speerpunt_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_amendments_status'), ['status'], unique=False)

    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', UTCDateTime(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=60), nullable=False),
    sa.Column('object', sa.String(length=120), nullable=False),
    sa.Column('result', sa.String(length=30), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('origin', sa.String(length=100), nullable=False),
    sa.Column('detail', sa.JSON(), nullable=False),
    sa.CheckConstraint('length(action) > 0', name=op.f('ck_audit_log_action_not_blank')),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_audit_log_actor_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_log_actor_id'), ['actor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_log_at'), ['at'], unique=False)

    op.create_table('comments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('speerpunt_id', sa.Integer(), nullable=False),
    sa.Column('section', sa.String(length=20), nullable=False),
    sa.Column('version_number', sa.Integer(), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('amendment_id', sa.Integer(), nullable=True),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('visible', 'hidden', name='comment_status', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('auto_hidden', sa.Boolean(), nullable=False),
    sa.Column('hidden_at', UTCDateTime(), nullable=True),
    sa.Column('hidden_by_id', sa.Integer(), nullable=True),
    sa.Column('hidden_reason', sa.Text(), nullable=False),
    sa.Column('reviewed_at', UTCDateTime(), nullable=True),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.CheckConstraint("(status = 'visible' AND hidden_at IS NULL AND hidden_by_id IS NULL) OR (status = 'hidden' AND hidden_at IS NOT NULL AND (hidden_by_id IS NOT NULL OR auto_hidden))", name=op.f('ck_comments_hidden_facts')),
    sa.CheckConstraint("section IN ('kernprobleem', 'ambitie', 'rijk', 'gemeente')", name=op.f('ck_comments_section_known')),
    sa.CheckConstraint('length(body) BETWEEN 1 AND 10000', name=op.f('ck_comments_body_length')),
    sa.ForeignKeyConstraint(['amendment_id'], ['amendments.id'], name=op.f('fk_comments_amendment_id_amendments')),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_comments_author_id_users')),
    sa.ForeignKeyConstraint(['hidden_by_id'], ['users.id'], name=op.f('fk_comments_hidden_by_id_users')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_comments_organisation_id_organisations')),
    sa.ForeignKeyConstraint(['parent_id'], ['comments.id'], name=op.f('fk_comments_parent_id_comments')),
    sa.ForeignKeyConstraint(['speerpunt_id'], ['speerpunten.id'], name=op.f('fk_comments_speerpunt_id_speerpunten')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_comments'))
    )
    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_comments_amendment_id'), ['amendment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_comments_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_comments_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_comments_parent_id'), ['parent_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_comments_speerpunt_id'), ['speerpunt_id'], unique=False)

    op.create_table('responses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('amendment_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Enum('support', 'partial', 'oppose', name='position', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('organisation_tier', sa.String(length=9), nullable=False),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.CheckConstraint("organisation_tier = 'rijk'", name=op.f('ck_responses_organisation_is_rijk')),
    sa.CheckConstraint('length(body) BETWEEN 1 AND 10000', name=op.f('ck_responses_body_length')),
    sa.ForeignKeyConstraint(['amendment_id'], ['amendments.id'], name=op.f('fk_responses_amendment_id_amendments')),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_responses_author_id_users')),
    sa.ForeignKeyConstraint(['organisation_id', 'organisation_tier'], ['organisations.id', 'organisations.tier'], name='fk_responses_organisation_rijk', onupdate='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_responses'))
    )
    with op.batch_alter_table('responses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_responses_amendment_id'), ['amendment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_responses_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('supports',
    sa.Column('amendment_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['amendment_id'], ['amendments.id'], name=op.f('fk_supports_amendment_id_amendments')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_supports_organisation_id_organisations')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_supports_user_id_users')),
    sa.PrimaryKeyConstraint('amendment_id', 'user_id', name=op.f('pk_supports'))
    )
    with op.batch_alter_table('supports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_supports_user_id'), ['user_id'], unique=False)

    op.create_table('flags',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('comment_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Enum('spam', 'offensive', 'off_topic', 'other', name='flag_reason', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('explanation', sa.Text(), nullable=False),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.Column('dismissed_at', UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['comment_id'], ['comments.id'], name=op.f('fk_flags_comment_id_comments')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_flags_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_flags')),
    sa.UniqueConstraint('comment_id', 'user_id', name='uq_flags_comment_user')
    )
    with op.batch_alter_table('flags', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_flags_comment_id'), ['comment_id'], unique=False)

    with op.batch_alter_table('speerpunten', schema=None) as batch_op:
        batch_op.add_column(sa.Column('closes_at', UTCDateTime(), nullable=True))

    with op.batch_alter_table('versions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('amendment_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('changed_sections', sa.String(length=60), nullable=False, server_default=''))
        batch_op.create_unique_constraint(batch_op.f('uq_versions_amendment_id'), ['amendment_id'])
        batch_op.create_foreign_key(batch_op.f('fk_versions_amendment_id_amendments'), 'amendments', ['amendment_id'], ['id'])

    


def downgrade():
    
    with op.batch_alter_table('versions', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_versions_amendment_id_amendments'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('uq_versions_amendment_id'), type_='unique')
        batch_op.drop_column('changed_sections')
        batch_op.drop_column('amendment_id')

    with op.batch_alter_table('speerpunten', schema=None) as batch_op:
        batch_op.drop_column('closes_at')

    with op.batch_alter_table('flags', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_flags_comment_id'))

    op.drop_table('flags')
    with op.batch_alter_table('supports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_supports_user_id'))

    op.drop_table('supports')
    with op.batch_alter_table('responses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_responses_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_responses_amendment_id'))

    op.drop_table('responses')
    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_comments_speerpunt_id'))
        batch_op.drop_index(batch_op.f('ix_comments_parent_id'))
        batch_op.drop_index(batch_op.f('ix_comments_created_at'))
        batch_op.drop_index(batch_op.f('ix_comments_author_id'))
        batch_op.drop_index(batch_op.f('ix_comments_amendment_id'))

    op.drop_table('comments')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_log_at'))
        batch_op.drop_index(batch_op.f('ix_audit_log_actor_id'))

    op.drop_table('audit_log')
    with op.batch_alter_table('amendments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_amendments_status'))
        batch_op.drop_index(batch_op.f('ix_amendments_speerpunt_id'))
        batch_op.drop_index(batch_op.f('ix_amendments_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_amendments_created_at'))
        batch_op.drop_index(batch_op.f('ix_amendments_author_id'))

    op.drop_table('amendments')
    
