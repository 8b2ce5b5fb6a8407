from django.urls import path

from browse.lists import data_dictionary_page, export_csv, export_datapackage, export_xlsx, list_page
from projects import views
from projects.lists import PROJECT_LIST

app_name = "projects"

urlpatterns = [
    path("", list_page, {"listing": PROJECT_LIST}, name="list"),
    path("export.csv", export_csv, {"listing": PROJECT_LIST}, name="export"),
    path("export.xlsx", export_xlsx, {"listing": PROJECT_LIST}, name="export_xlsx"),
    path("export/columns/", data_dictionary_page, {"listing": PROJECT_LIST}, name="export-columns"),
    path("export/datapackage.json", export_datapackage, {"listing": PROJECT_LIST}, name="datapackage"),
    path("<slug:slug>/", views.project_detail, name="detail"),
]
