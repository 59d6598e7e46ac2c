from django.contrib import admin
from django.urls import include, path

from councils.admin_shortcut import view_on_site

handler500 = "councils.middleware.server_error"

urlpatterns = [
    path("", include("public.urls")),
    path("boards/", include("boards.urls")),
    path("accounts/", include("boards.auth_urls")),
    # Before the admin's own URLs, so this scoped version answers its "View on site" links:
    # all of them, as Django's would (it reads "٣" as 3), so none reaches the unscoped one.
    path(
        "admin/r/<path:content_type_id>/<path:object_id>/",
        admin.site.admin_view(view_on_site),
        name="scoped_view_on_site",
    ),
    path("admin/", admin.site.urls),
]
