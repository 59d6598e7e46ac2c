from django.urls import path

from . import opendata, views

app_name = "strategies"

urlpatterns = [
    path("", views.StrategyListView.as_view(), name="list"),
    path("<slug:council>/<slug:slug>/", views.StrategyDetailView.as_view(), name="detail"),
    path(
        "<slug:council>/<slug:slug>/indicators/<int:pk>/",
        views.IndicatorDetailView.as_view(),
        name="indicator",
    ),
    path("<slug:council>/<slug:slug>/data.csv", opendata.strategy_csv, name="data_csv"),
    path("<slug:council>/<slug:slug>/data.json", opendata.strategy_json, name="data_json"),
]
