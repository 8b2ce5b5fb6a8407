from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from practices import views as practice_views

urlpatterns = [
    path("", practice_views.home, name="home"),
    path("practices/", include("practices.urls")),
    path("projects/", include("projects.urls")),
    path("academy/", include("academy.urls")),
    path("api/v1/", include("api.urls")),
    path(settings.ADMIN_URL, admin.site.urls),
]

# JSON for addresses under /api/, the usual pages elsewhere.
handler400 = "api.errors.bad_request"
handler404 = "api.errors.not_found"
handler500 = "api.errors.server_error"
