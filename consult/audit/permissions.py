"""Who may read the audit log."""

from consult.accounts.models import User


def can_read_audit(user: User | None) -> bool:
    return user is not None and user.is_moderator
