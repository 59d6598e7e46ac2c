"""The admin's "View on site" link, scoped like the rest of the admin.

Django's own shortcut (/admin/r/<content type>/<id>/) redirects any signed-in staff member to
any object's page, so an officer could learn another council's draft addresses by counting ids.
This one first asks the model's admin whether this person may see the record."""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.http import Http404

from .parsing import parse_small_number


def view_on_site(request, content_type_id, object_id):
    content_type_pk = parse_small_number(content_type_id)
    content_type = (
        ContentType.objects.filter(pk=content_type_pk).first() if content_type_pk else None
    )
    model = content_type.model_class() if content_type else None
    model_admin = admin.site.get_model_admin(model) if admin.site.is_registered(model) else None
    obj = model_admin.get_object(request, unquote(object_id)) if model_admin else None
    if obj is None or not model_admin.has_view_permission(request, obj):
        raise Http404("No record matches the given query.")
    return shortcut(request, content_type_pk, object_id)
