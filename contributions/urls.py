from django.urls import path

from contributions import views

app_name = "contributions"

urlpatterns = [
    path("", views.landing, name="landing"),
    path("sign-in/", views.sign_in, name="sign_in"),
    path("sign-in/sent/", views.link_sent, name="link_sent"),
    path("sign-in/link/", views.follow_link, name="link"),
    path("sign-in/invitation/", views.follow_link, {"invitation": True}, name="invitation"),
    path("sign-out/", views.sign_out, name="sign_out"),
    path("mine/", views.mine, name="mine"),
    path("new/", views.new_submission, name="new"),
    path("<int:pk>/", views.submission_detail, name="detail"),
    path("<int:pk>/edit/", views.edit_submission, name="edit"),
]
