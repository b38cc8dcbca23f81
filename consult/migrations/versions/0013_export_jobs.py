"""export jobs: large consultation reports made in the background

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-29 23:18:52.222921

"""
from alembic import op
import sqlalchemy as sa

from consult.core.types import UTCDateTime


# revision identifiers, used by Alembic.
revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('export_jobs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document', sa.String(length=20), nullable=False),
    sa.Column('slug', sa.String(length=60), nullable=False),
    sa.Column('speerpunt_ids', sa.String(length=200), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('status', sa.Enum('queued', 'running', 'done', 'failed', name='export_status', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('stage', sa.String(length=40), nullable=False),
    sa.Column('progress', sa.Integer(), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=True),
    sa.Column('size', sa.Integer(), nullable=True),
    sa.Column('error', sa.Text(), nullable=False),
    sa.Column('requested_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.Column('started_at', UTCDateTime(), nullable=True),
    sa.Column('finished_at', UTCDateTime(), nullable=True),
    sa.CheckConstraint("(status = 'done') = (content IS NOT NULL)", name=op.f('ck_export_jobs_content_when_done')),
    sa.CheckConstraint('progress BETWEEN 0 AND 100', name=op.f('ck_export_jobs_progress_percentage')),
    sa.ForeignKeyConstraint(['requested_by_id'], ['users.id'], name=op.f('fk_export_jobs_requested_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_export_jobs')),
    sa.UniqueConstraint('document', 'fingerprint', name='uq_export_jobs_document_fingerprint')
    )


def downgrade():
    op.drop_table('export_jobs')
