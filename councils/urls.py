from django.urls import path

# The council pages compose strategies onto councils, so their views live in strategies/; this
# is the one place councils/ names that app, and only to route to it.
from strategies import council_views

app_name = "councils"

urlpatterns = [
    path("", council_views.CouncilListView.as_view(), name="list"),
    path("<slug:slug>/", council_views.CouncilDetailView.as_view(), name="detail"),
]
