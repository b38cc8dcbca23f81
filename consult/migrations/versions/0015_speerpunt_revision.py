"""speerpunt revision for kept page parts; comments and unread notifications indexed

The revision counts changes to what a speerpunt's page shows (consult/speerpunten/revisions.py).

Revision ID: 0015
Revises: 0014

"""
from alembic import op
import sqlalchemy as sa


revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('speerpunten', schema=None) as batch_op:
        batch_op.add_column(sa.Column('revision', sa.Integer(), server_default='0', nullable=False))
    op.create_index('ix_comments_speerpunt_created', 'comments',
                    ['speerpunt_id', 'created_at', 'id'], unique=False)
    op.create_index('ix_notifications_user_unread', 'notifications', ['user_id', 'read_at'],
                    unique=False)


def downgrade():
    op.drop_index('ix_notifications_user_unread', table_name='notifications')
    op.drop_index('ix_comments_speerpunt_created', table_name='comments')
    with op.batch_alter_table('speerpunten', schema=None) as batch_op:
        batch_op.drop_column('revision')
