"""URLs of the annual report's drafts, board, summary and portal pages (included by urls.py)."""

from django.urls import path

from gongkai_web.annual import portal_views, report_views

R = "reports/<str:code>/<int:year>/"
urlpatterns = [
    path("reports/", report_views.board, name="reports"),
    path("report.css", portal_views.report_css, name="report_css"),
    path("reports/<str:code>/import/", report_views.import_history, name="import"),
    path(R, report_views.report, name="report"),
    path(R + "start/", report_views.start, name="start"),
    path(R + "recompute/", report_views.recompute, name="recompute"),
    path(R + "sections/", report_views.save_sections, name="sections"),
    path(R + "adopt-overview/", report_views.adopt_overview, name="adopt_overview"),
    path(R + "table2/", report_views.save_table2, name="table2"),
    path(R + "acknowledge/", report_views.acknowledge, name="acknowledge"),
    path(R + "publish/", report_views.publish, name="publish"),
    path(R + "correct/", report_views.correct, name="correct"),
    path(R + "download/<str:fmt>/", report_views.download, name="download"),
    path(R + "summary/", report_views.summary, name="summary"),
    path("published/<str:code>/", portal_views.published, name="published"),
    path(
        "published/<str:code>/<int:year>/", portal_views.published_report, name="published_report"
    ),
    path(
        "published/<str:code>/<int:year>/v<int:number>.<str:fmt>",
        portal_views.published_file,
        name="published_file",
    ),
]
