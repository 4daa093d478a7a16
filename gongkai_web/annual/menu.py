from gongkai_web.menu import MenuItem

ITEMS = [MenuItem("年度报表", "annual:tables", order=60)]
