from django.urls import path

from gongkai_web.annual import views

app_name = "annual"
urlpatterns = [
    path("", views.tables, name="tables"),
    path("export.json", views.export, name="export"),
    path("export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("export.docx", views.export_docx, name="export_docx"),
]

# The annual report's drafts, checks, publication and portal pages (issue 13).
from gongkai_web.annual.report_urls import urlpatterns as report_urlpatterns  # noqa: E402

urlpatterns += report_urlpatterns
