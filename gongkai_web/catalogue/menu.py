from gongkai_web.menu import MenuItem, public

ITEMS = [
    MenuItem("主动公开", "catalogue:list", order=40),
    MenuItem("统计台账", "catalogue:registers", order=45),
    MenuItem("信箱", "catalogue:letters", order=50),
    MenuItem("政务公开", "disclosure:home", public, order=5),
]
