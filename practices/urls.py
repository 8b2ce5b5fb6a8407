from django.urls import path

from practices import views
from practices.feeds import LatestPracticesFeed

app_name = "practices"

urlpatterns = [
    path("", views.practice_list, name="list"),
    path("export.csv", views.practice_export, name="export"),
    path("export.xlsx", views.practice_spreadsheet, name="export_xlsx"),
    path("feed/", LatestPracticesFeed(), name="feed"),
    path("<slug:slug>/", views.practice_detail, name="detail"),
]
