from django.urls import include, path

from . import views

app_name = "boards"

meeting_urls = [
    path("", views.meeting_detail, name="meeting"),
    path("sign-off/", views.sign_off, name="sign_off"),
    path("minutes/", views.minutes_save, name="minutes"),
    path("actions/", views.action_create, name="action_create"),
    path("challenges/", views.challenge_create, name="challenge_create"),
    path("hold/", views.meeting_hold_view, name="meeting_hold"),
    path("pack/", views.meeting_pack, name="pack"),
    path("pack.pdf", views.meeting_pack_pdf, name="pack_pdf"),
]

urlpatterns = [
    path("", views.BoardHomeView.as_view(), name="home"),
    path("<slug:slug>/", views.BoardDashboardView.as_view(), name="detail"),
    path("<slug:slug>/meetings/", views.MeetingListView.as_view(), name="meetings"),
    path("<slug:slug>/meetings/new/", views.meeting_create, name="meeting_create"),
    path("<slug:slug>/meetings/<int:pk>/", include(meeting_urls)),
    path("<slug:slug>/actions/<int:pk>/", views.action_update, name="action"),
    path("<slug:slug>/challenges/<int:pk>/", views.challenge_detail, name="challenge"),
]
