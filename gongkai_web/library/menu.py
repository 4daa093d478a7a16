from gongkai_web.menu import MenuItem, staff

ITEMS = [
    MenuItem("年报库", "library:overview", staff, order=70),
]
