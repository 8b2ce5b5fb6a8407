from django.urls import path

from browse.lists import data_dictionary_page, export_csv, export_datapackage, export_xlsx, list_page
from practices import views
from practices.feeds import LatestPracticesFeed
from practices.lists import PRACTICE_LIST

app_name = "practices"

urlpatterns = [
    path("", list_page, {"listing": PRACTICE_LIST}, name="list"),
    path("export.csv", export_csv, {"listing": PRACTICE_LIST}, name="export"),
    path("export.xlsx", export_xlsx, {"listing": PRACTICE_LIST}, name="export_xlsx"),
    path("export/columns/", data_dictionary_page, {"listing": PRACTICE_LIST}, name="export-columns"),
    path("export/datapackage.json", export_datapackage, {"listing": PRACTICE_LIST}, name="datapackage"),
    path("feed/", LatestPracticesFeed(), name="feed"),
    path("map/", views.practice_map, name="map"),
    path("charts/", views.practice_charts, name="charts"),
    path("compare/", views.practice_compare, name="compare"),
    path("compare.csv", views.practice_compare_csv, name="compare_csv"),
    path("<slug:slug>/", views.practice_detail, name="detail"),
    path("<slug:slug>/cite.bib", views.practice_bibtex, name="cite_bib"),
]
