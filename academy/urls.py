from django.urls import path

from academy import views
from academy.lists import COURSE_LIST
from browse.lists import data_dictionary_page, export_csv, export_datapackage, export_xlsx, list_page

app_name = "academy"

urlpatterns = [
    path("", list_page, {"listing": COURSE_LIST}, name="list"),
    path("export.csv", export_csv, {"listing": COURSE_LIST}, name="export"),
    path("export.xlsx", export_xlsx, {"listing": COURSE_LIST}, name="export_xlsx"),
    path("export/columns/", data_dictionary_page, {"listing": COURSE_LIST}, name="export-columns"),
    path("export/datapackage.json", export_datapackage, {"listing": COURSE_LIST}, name="datapackage"),
    path("<slug:course_slug>/", views.course_detail, name="course"),
    path("<slug:course_slug>/<slug:module_slug>/", views.module_detail, name="module"),
]
