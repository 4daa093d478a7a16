from gongkai_web.menu import MenuItem, public

ITEMS = [
    MenuItem("网上申请", "portal:apply", public, order=10),
    MenuItem("办理进度查询", "portal:status", public, order=20),
    MenuItem("工作人员登录", "login", public, order=90),
]
