from django.urls import path

# The council pages compose strategies onto councils, so they live here: councils/ imports
# neither of the other apps.
from . import council_views

app_name = "councils"

urlpatterns = [
    path("", council_views.CouncilListView.as_view(), name="list"),
    path("<slug:slug>/", council_views.CouncilDetailView.as_view(), name="detail"),
]
