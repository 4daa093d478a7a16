from django.contrib import admin
from django.urls import include, path

from gongkai_web.api import public_urls

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("gongkai_web.accounts.urls")),
    path("", include("gongkai_web.applications.urls")),
    path("", include("gongkai_web.letters.urls")),
    path("annual/", include("gongkai_web.annual.urls")),
    path("public/", include("gongkai_web.portal.urls")),
    path("api/v1/", public_urls()),
    # proactive disclosure: staff pages and the public portal
    path("catalogue/", include("gongkai_web.catalogue.urls")),
    path("open/", include("gongkai_web.catalogue.public_urls")),
    path("library/", include("gongkai_web.library.urls")),
]
