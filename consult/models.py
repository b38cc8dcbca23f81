"""Imports every model so that the metadata, and so migrations, know all tables."""

from consult.accounts.models import ApiToken, RecoveryCode, Role, User  # noqa: F401
from consult.organisations.models import Organisation, Region, Tier  # noqa: F401
from consult.speerpunten.models import Phase, Responsibility, Speerpunt, Version  # noqa: F401
from consult.amendments.models import Amendment, Response, Support  # noqa: F401
from consult.audit.models import AuditEntry  # noqa: F401
from consult.comments.models import Comment, Flag  # noqa: F401
from consult.mail.models import OutboxMessage  # noqa: F401
from consult.notifications.models import Announcement, Follow, Notification  # noqa: F401
from consult.meetings.models import Meeting, MeetingMinistry, Milestone, Registration  # noqa: F401
from consult.helpdesk.models import HelpdeskQuestion, HelpdeskStatus  # noqa: F401
from consult.knowledge.models import (  # noqa: F401
    KnowledgeAnswer,
    KnowledgeQuestion,
    PracticeAttachment,
    PracticeExample,
)
from consult.endorsements.models import Endorsement  # noqa: F401
from consult.search.models import SearchEntry  # noqa: F401
from consult.exports.models import ExportJob  # noqa: F401
