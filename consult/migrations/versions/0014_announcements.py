"""announcements: an event for all followers in one row, told to each after the commit

Revision ID: 0014
Revises: 0013

"""
from alembic import op
import sqlalchemy as sa

from consult.core.types import UTCDateTime


revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('announcements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('target_type', sa.String(length=20), nullable=False),
    sa.Column('target_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('messages', sa.Text(), nullable=False),
    sa.Column('url', sa.String(length=300), nullable=False),
    sa.Column('except_user_id', sa.Integer(), nullable=True),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.Column('told_through', sa.Integer(), nullable=False),
    sa.Column('told', sa.Integer(), nullable=False),
    sa.Column('done_at', UTCDateTime(), nullable=True),
    sa.CheckConstraint("target_type IN ('speerpunt', 'meeting', 'question')", name=op.f('ck_announcements_target_type_known')),
    sa.CheckConstraint('told >= 0', name=op.f('ck_announcements_told_not_negative')),
    sa.ForeignKeyConstraint(['except_user_id'], ['users.id'], name=op.f('fk_announcements_except_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_announcements'))
    )
    with op.batch_alter_table('announcements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_announcements_done_at'), ['done_at'], unique=False)
    with op.batch_alter_table('follows', schema=None) as batch_op:
        batch_op.create_index('ix_follows_target', ['target_type', 'target_id', 'id'],
                              unique=False)


def downgrade():
    with op.batch_alter_table('follows', schema=None) as batch_op:
        batch_op.drop_index('ix_follows_target')
    with op.batch_alter_table('announcements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_announcements_done_at'))
    op.drop_table('announcements')
