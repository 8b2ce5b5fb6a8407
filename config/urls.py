from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from practices import views as practice_views

urlpatterns = [
    path("", practice_views.home, name="home"),
    path("practices/", include("practices.urls")),
    path("projects/", include("projects.urls")),
    path("academy/", include("academy.urls")),
    path("contribute/", include("contributions.urls")),
    path(settings.ADMIN_URL, admin.site.urls),
]
