"""response term per speerpunt

Revision ID: 0009
Revises: 0008


"""
from alembic import op
import sqlalchemy as sa
import consult.core.types  # noqa: F401  (custom column types)


# revision identifiers, used by Alembic.
revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    
    with op.batch_alter_table('speerpunten', schema=None) as batch_op:
        batch_op.add_column(sa.Column('response_term_days', sa.Integer(), server_default='14', nullable=False))
        batch_op.create_check_constraint(
            'response_term_range', 'response_term_days BETWEEN 1 AND 365')

    


def downgrade():
    
    with op.batch_alter_table('speerpunten', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_speerpunten_response_term_range'), type_='check')
        batch_op.drop_column('response_term_days')

    
