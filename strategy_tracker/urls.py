from django.contrib import admin
from django.urls import path

from strategies import views as strategy_views

urlpatterns = [
    path("", strategy_views.HomeView.as_view(), name="home"),
    path("healthz", strategy_views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
]
