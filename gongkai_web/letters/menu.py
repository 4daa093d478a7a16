from typing import Any

from gongkai_web.accounts.models import Membership, Role
from gongkai_web.menu import MenuItem


def administers(user: Any) -> bool:
    """Agency admins adjust their agency's letter wording."""
    return (
        bool(user.is_authenticated)
        and Membership.objects.filter(user=user, role=Role.ADMIN).exclude(agency=None).exists()
    )


ITEMS = [MenuItem("文书措辞", "letters:wording", administers, order=80)]
