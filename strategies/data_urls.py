"""Open data routes, mounted at /data/ (outside the /strategies/ namespace, so names are global)."""

from django.urls import path

from . import opendata

urlpatterns = [
    path("", opendata.DataView.as_view(), name="data"),
    path("all.json", opendata.all_json, name="data_all"),
]
