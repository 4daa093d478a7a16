from django.urls import path

from gongkai_web.catalogue import public_views as views

app_name = "disclosure"
urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search_all, name="search"),
    path("items/<path:index_no>/", views.item_page, name="item"),
    path("files/<int:pk>/", views.attachment, name="attachment"),
    path("<slug:code>/", views.agency_home, name="agency"),
    path("<slug:code>/catalogue/", views.browse, name="browse"),
    path("<slug:code>/guide/", views.guide, name="guide"),
    path("<slug:code>/mailbox/", views.mailbox_page, name="mailbox"),
    path("<slug:code>/feed.atom", views.feed, name="feed"),
]
