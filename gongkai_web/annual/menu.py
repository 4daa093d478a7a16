from gongkai_web.menu import MenuItem

ITEMS = [
    MenuItem("年度报表", "annual:tables", order=60),
    MenuItem("年度报告", "annual:reports", order=61),
]
