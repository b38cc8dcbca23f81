"""knowledge platform (practice examples, attachments, questions, answers) and helpdesk

Revision ID: 0007
Revises: 0006


"""
from alembic import op
import sqlalchemy as sa

from consult.core.types import UTCDateTime


# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

CONTENT_TYPES = [
    'application/pdf',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    'application/vnd.oasis.opendocument.text',
    'application/vnd.oasis.opendocument.spreadsheet',
    'application/vnd.oasis.opendocument.presentation',
    'application/msword',
    'application/vnd.ms-excel',
    'application/vnd.ms-powerpoint',
]


def upgrade():
    op.create_table('practice_examples',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('speerpunt_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('contact_name', sa.String(length=200), nullable=False),
    sa.Column('contact_email', sa.String(length=254), nullable=False),
    sa.Column('tags', sa.String(length=500), nullable=False),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.CheckConstraint('length(title) BETWEEN 1 AND 200', name=op.f('ck_practice_examples_title_length')),
    sa.CheckConstraint('length(summary) BETWEEN 1 AND 1000', name=op.f('ck_practice_examples_summary_length')),
    sa.CheckConstraint('length(body) BETWEEN 1 AND 20000', name=op.f('ck_practice_examples_body_length')),
    sa.CheckConstraint('length(contact_name) BETWEEN 1 AND 200', name=op.f('ck_practice_examples_contact_name_length')),
    sa.CheckConstraint("contact_email LIKE '%_@_%' AND contact_email = lower(contact_email)", name=op.f('ck_practice_examples_contact_email_format')),
    sa.CheckConstraint("tags = lower(tags) AND tags NOT LIKE '% %'", name=op.f('ck_practice_examples_tags_normalised')),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_practice_examples_author_id_users')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_practice_examples_organisation_id_organisations')),
    sa.ForeignKeyConstraint(['region_id'], ['regions.id'], name=op.f('fk_practice_examples_region_id_regions')),
    sa.ForeignKeyConstraint(['speerpunt_id'], ['speerpunten.id'], name=op.f('fk_practice_examples_speerpunt_id_speerpunten')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_practice_examples'))
    )
    with op.batch_alter_table('practice_examples', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_practice_examples_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_practice_examples_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_practice_examples_region_id'), ['region_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_practice_examples_speerpunt_id'), ['speerpunt_id'], unique=False)

    op.create_table('practice_attachments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('example_id', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=200), nullable=False),
    sa.Column('content_type', sa.String(length=100), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.CheckConstraint('length(filename) BETWEEN 1 AND 200', name=op.f('ck_practice_attachments_filename_length')),
    sa.CheckConstraint('content_type IN (' + ', '.join(f"'{t}'" for t in CONTENT_TYPES) + ')', name=op.f('ck_practice_attachments_content_type_known')),
    sa.CheckConstraint('size BETWEEN 1 AND 10485760', name=op.f('ck_practice_attachments_size_range')),
    sa.CheckConstraint('length(content) = size', name=op.f('ck_practice_attachments_size_matches_content')),
    sa.CheckConstraint('length(sha256) = 64', name=op.f('ck_practice_attachments_sha256_length')),
    sa.ForeignKeyConstraint(['example_id'], ['practice_examples.id'], name=op.f('fk_practice_attachments_example_id_practice_examples')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_practice_attachments')),
    sa.UniqueConstraint('example_id', 'sha256', name=op.f('uq_practice_attachments_example_id_sha256'))
    )
    with op.batch_alter_table('practice_attachments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_practice_attachments_example_id'), ['example_id'], unique=False)

    # The questions reference their accepted answer, and the answers their question: the
    # first reference is added once both tables exist.
    op.create_table('knowledge_questions',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('speerpunt_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('accepted_answer_id', sa.Integer(), nullable=True),
    sa.Column('accepted_at', UTCDateTime(), nullable=True),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.CheckConstraint('length(title) BETWEEN 1 AND 200', name=op.f('ck_knowledge_questions_title_length')),
    sa.CheckConstraint('length(body) BETWEEN 1 AND 10000', name=op.f('ck_knowledge_questions_body_length')),
    sa.CheckConstraint('(accepted_answer_id IS NULL) = (accepted_at IS NULL)', name=op.f('ck_knowledge_questions_accepted_facts')),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_knowledge_questions_author_id_users')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_knowledge_questions_organisation_id_organisations')),
    sa.ForeignKeyConstraint(['region_id'], ['regions.id'], name=op.f('fk_knowledge_questions_region_id_regions')),
    sa.ForeignKeyConstraint(['speerpunt_id'], ['speerpunten.id'], name=op.f('fk_knowledge_questions_speerpunt_id_speerpunten')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_knowledge_questions'))
    )
    with op.batch_alter_table('knowledge_questions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_knowledge_questions_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_knowledge_questions_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_knowledge_questions_region_id'), ['region_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_knowledge_questions_speerpunt_id'), ['speerpunt_id'], unique=False)

    op.create_table('knowledge_answers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.CheckConstraint('length(body) BETWEEN 1 AND 10000', name=op.f('ck_knowledge_answers_body_length')),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_knowledge_answers_author_id_users')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_knowledge_answers_organisation_id_organisations')),
    sa.ForeignKeyConstraint(['question_id'], ['knowledge_questions.id'], name=op.f('fk_knowledge_answers_question_id_knowledge_questions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_knowledge_answers')),
    sa.UniqueConstraint('id', 'question_id', name=op.f('uq_knowledge_answers_id_question_id'))
    )
    with op.batch_alter_table('knowledge_answers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_knowledge_answers_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_knowledge_answers_question_id'), ['question_id'], unique=False)

    with op.batch_alter_table('knowledge_questions', schema=None) as batch_op:
        batch_op.create_foreign_key(batch_op.f('fk_knowledge_questions_accepted_answer_id_knowledge_answers'), 'knowledge_answers', ['accepted_answer_id', 'id'], ['id', 'question_id'])

    op.create_table('helpdesk_questions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('asker_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('subject', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('open', 'answered', 'closed', name='helpdesk_status', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.Column('answer', sa.Text(), nullable=False),
    sa.Column('answered_at', UTCDateTime(), nullable=True),
    sa.Column('answered_by_id', sa.Integer(), nullable=True),
    sa.Column('closed_at', UTCDateTime(), nullable=True),
    sa.Column('closed_by_id', sa.Integer(), nullable=True),
    sa.Column('faq_question', sa.Text(), nullable=False),
    sa.Column('faq_answer', sa.Text(), nullable=False),
    sa.Column('published_at', UTCDateTime(), nullable=True),
    sa.Column('published_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('length(subject) BETWEEN 1 AND 200', name=op.f('ck_helpdesk_questions_subject_length')),
    sa.CheckConstraint('length(body) BETWEEN 1 AND 10000', name=op.f('ck_helpdesk_questions_body_length')),
    sa.CheckConstraint("(status = 'open' AND answered_at IS NULL AND closed_at IS NULL) OR (status = 'answered' AND answered_at IS NOT NULL AND closed_at IS NULL) OR (status = 'closed' AND closed_at IS NOT NULL AND closed_by_id IS NOT NULL)", name=op.f('ck_helpdesk_questions_status_facts')),
    sa.CheckConstraint("(answered_at IS NULL AND answered_by_id IS NULL AND answer = '') OR (answered_at IS NOT NULL AND answered_by_id IS NOT NULL  AND length(answer) BETWEEN 1 AND 10000)", name=op.f('ck_helpdesk_questions_answer_facts')),
    sa.CheckConstraint('(published_at IS NULL AND published_by_id IS NULL) OR (published_at IS NOT NULL AND published_by_id IS NOT NULL  AND answered_at IS NOT NULL AND length(faq_question) BETWEEN 1 AND 500  AND length(faq_answer) BETWEEN 1 AND 10000)', name=op.f('ck_helpdesk_questions_published_facts')),
    sa.ForeignKeyConstraint(['answered_by_id'], ['users.id'], name=op.f('fk_helpdesk_questions_answered_by_id_users')),
    sa.ForeignKeyConstraint(['asker_id'], ['users.id'], name=op.f('fk_helpdesk_questions_asker_id_users')),
    sa.ForeignKeyConstraint(['closed_by_id'], ['users.id'], name=op.f('fk_helpdesk_questions_closed_by_id_users')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_helpdesk_questions_organisation_id_organisations')),
    sa.ForeignKeyConstraint(['published_by_id'], ['users.id'], name=op.f('fk_helpdesk_questions_published_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_helpdesk_questions'))
    )
    with op.batch_alter_table('helpdesk_questions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_helpdesk_questions_asker_id'), ['asker_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_helpdesk_questions_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_helpdesk_questions_published_at'), ['published_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_helpdesk_questions_status'), ['status'], unique=False)


def downgrade():
    with op.batch_alter_table('helpdesk_questions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_helpdesk_questions_status'))
        batch_op.drop_index(batch_op.f('ix_helpdesk_questions_published_at'))
        batch_op.drop_index(batch_op.f('ix_helpdesk_questions_created_at'))
        batch_op.drop_index(batch_op.f('ix_helpdesk_questions_asker_id'))
    op.drop_table('helpdesk_questions')

    with op.batch_alter_table('knowledge_questions', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_knowledge_questions_accepted_answer_id_knowledge_answers'), type_='foreignkey')

    with op.batch_alter_table('knowledge_answers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_knowledge_answers_question_id'))
        batch_op.drop_index(batch_op.f('ix_knowledge_answers_author_id'))
    op.drop_table('knowledge_answers')

    with op.batch_alter_table('knowledge_questions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_knowledge_questions_speerpunt_id'))
        batch_op.drop_index(batch_op.f('ix_knowledge_questions_region_id'))
        batch_op.drop_index(batch_op.f('ix_knowledge_questions_created_at'))
        batch_op.drop_index(batch_op.f('ix_knowledge_questions_author_id'))
    op.drop_table('knowledge_questions')

    with op.batch_alter_table('practice_attachments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_practice_attachments_example_id'))
    op.drop_table('practice_attachments')

    with op.batch_alter_table('practice_examples', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_practice_examples_speerpunt_id'))
        batch_op.drop_index(batch_op.f('ix_practice_examples_region_id'))
        batch_op.drop_index(batch_op.f('ix_practice_examples_created_at'))
        batch_op.drop_index(batch_op.f('ix_practice_examples_author_id'))
    op.drop_table('practice_examples')
