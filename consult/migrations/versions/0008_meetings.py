"""meetings, registrations, milestones, size class

Revision ID: 0008
Revises: 0007


"""
from alembic import op
import sqlalchemy as sa

from consult.core.types import UTCDateTime



# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    
    op.create_table('milestones',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('due', sa.Date(), nullable=False),
    sa.Column('status', sa.Enum('planned', 'in_progress', 'done', name='milestone_status', native_enum=False, create_constraint=True), nullable=False),
    sa.CheckConstraint('length(trim(title)) > 0', name=op.f('ck_milestones_title_not_blank')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_milestones'))
    )
    op.create_table('meetings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('speerpunt_id', sa.Integer(), nullable=False),
    sa.Column('starts_at', UTCDateTime(), nullable=False),
    sa.Column('ends_at', UTCDateTime(), nullable=False),
    sa.Column('place', sa.String(length=300), nullable=False),
    sa.Column('organiser_id', sa.Integer(), nullable=False),
    sa.Column('programme', sa.Text(), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('audience', sa.Enum('all', 'klein', 'groot', name='audience', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('minutes', sa.Text(), nullable=False),
    sa.Column('minutes_at', UTCDateTime(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.CheckConstraint('capacity BETWEEN 1 AND 10000', name=op.f('ck_meetings_capacity_range')),
    sa.CheckConstraint('ends_at > starts_at', name=op.f('ck_meetings_ends_after_start')),
    sa.CheckConstraint('length(trim(title)) > 0', name=op.f('ck_meetings_title_not_blank')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_meetings_created_by_id_users')),
    sa.ForeignKeyConstraint(['organiser_id'], ['organisations.id'], name=op.f('fk_meetings_organiser_id_organisations')),
    sa.ForeignKeyConstraint(['region_id'], ['regions.id'], name=op.f('fk_meetings_region_id_regions')),
    sa.ForeignKeyConstraint(['speerpunt_id'], ['speerpunten.id'], name=op.f('fk_meetings_speerpunt_id_speerpunten')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meetings'))
    )
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meetings_region_id'), ['region_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meetings_speerpunt_id'), ['speerpunt_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meetings_starts_at'), ['starts_at'], unique=False)

    op.create_table('meeting_ministries',
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('organisation_tier', sa.String(length=9), nullable=False),
    sa.CheckConstraint("organisation_tier = 'rijk'", name=op.f('ck_meeting_ministries_organisation_is_rijk')),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_meeting_ministries_meeting_id_meetings')),
    sa.ForeignKeyConstraint(['organisation_id', 'organisation_tier'], ['organisations.id', 'organisations.tier'], name='fk_meeting_ministries_organisation_rijk', onupdate='CASCADE'),
    sa.PrimaryKeyConstraint('meeting_id', 'organisation_id', name=op.f('pk_meeting_ministries'))
    )
    op.create_table('registrations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('registered', 'waiting', 'cancelled', name='registration_status', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_registrations_meeting_id_meetings')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_registrations_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_registrations')),
    sa.UniqueConstraint('meeting_id', 'user_id', name='uq_registrations_person')
    )
    with op.batch_alter_table('registrations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_registrations_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_registrations_user_id'), ['user_id'], unique=False)






    with op.batch_alter_table('amendments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('meeting_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_amendments_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_amendments_meeting_id_meetings'), 'meetings', ['meeting_id'], ['id'])

    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('meeting_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_comments_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_comments_meeting_id_meetings'), 'meetings', ['meeting_id'], ['id'])

    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('size_class', sa.Enum('klein', 'groot', name='size_class', native_enum=False, create_constraint=True), nullable=True))
        batch_op.create_check_constraint(
            'size_class_gemeente', "size_class IS NULL OR tier = 'gemeente'")

    


def downgrade():
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_organisations_size_class_gemeente'), type_='check')
        batch_op.drop_constraint(op.f('ck_organisations_size_class'), type_='check')
        batch_op.drop_column('size_class')

    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_comments_meeting_id_meetings'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_comments_meeting_id'))
        batch_op.drop_column('meeting_id')

    with op.batch_alter_table('amendments', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_amendments_meeting_id_meetings'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_amendments_meeting_id'))
        batch_op.drop_column('meeting_id')

    op.drop_table('registrations')
    op.drop_table('meeting_ministries')
    op.drop_table('meetings')
    op.drop_table('milestones')
