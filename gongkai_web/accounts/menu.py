from typing import Any

from gongkai_web.accounts import staff
from gongkai_web.menu import MenuItem


def manages_an_agency(user: Any) -> bool:
    """Agency admins (and supervisors) keep agencies' settings and staff."""
    return bool(user.is_authenticated) and staff.manageable_agencies(user).exists()


def manages_the_tree(user: Any) -> bool:
    return bool(user.is_authenticated) and staff.may_manage_tree(user)


ITEMS = [
    MenuItem("机关设置与人员", "office", manages_an_agency, order=80),
    MenuItem("机关与区域", "office-agencies", manages_the_tree, order=85),
]
