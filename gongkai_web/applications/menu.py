from typing import Any

from gongkai_web.accounts.models import Membership, Role
from gongkai_web.menu import MenuItem


def registers(user: Any) -> bool:
    """Registrars and agency admins take in applications."""
    return (
        bool(user.is_authenticated)
        and Membership.objects.filter(user=user, role__in=[Role.REGISTRAR, Role.ADMIN]).exists()
    )


ITEMS = [
    MenuItem("工作台", "home", order=10),
    MenuItem("申请列表", "applications:list", order=20),
    MenuItem("登记申请", "applications:intake", registers, order=30),
]
