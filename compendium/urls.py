from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from compendium import views

urlpatterns = [
    path("", views.home, name="home"),
    path("practices/", include("practices.urls")),
    path("projects/", include("projects.urls")),
    path("academy/", include("academy.urls")),
    path(settings.ADMIN_URL, admin.site.urls),
]
