"""Import from and export to spreadsheets in the admin, as a mixin for a ModelAdmin.

Upload → preview of every row → confirm. Between preview and confirm the file waits in the
spreadsheet upload storage (`spreadsheets.uploads`), not in the session: the session row keeps
only the file's random name and who uploaded it, and the file is removed once imported, cancelled
or expired. The confirm checks every row again before writing anything."""

import secrets

from django import forms
from django.contrib import messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from .spreadsheets import (
    MAX_BYTES,
    MAX_ROWS,
    sheet_for_model,
    spreadsheet_export,
    spreadsheet_import,
)
from .spreadsheets.uploads import (
    max_age_words,
    upload_discard,
    upload_is_expired,
    upload_keep,
    upload_read,
)

SESSION_PREFIX = "outcomes_spreadsheet_import:"
EXPORT_FORMATS = ("csv", "xlsx")


class SpreadsheetUploadForm(forms.Form):
    file = forms.FileField(
        label="Spreadsheet",
        help_text=f"A CSV (UTF-8) or Excel (.xlsx) file of at most {MAX_BYTES // (1024 * 1024)} MB "
        f"and {MAX_ROWS:,} rows.",
        error_messages={
            "required": "Choose a CSV or Excel file to upload.",
            "empty": "The file is empty. Choose a file with a heading row and data.",
        },
    )


class SpreadsheetAdminMixin:
    """Adds import/ and export/ to a ModelAdmin for objectives, measurements or progress updates.

    Put it first in the bases so its get_urls and change_list_template win. It defers to the
    admin's own get_queryset (export) and has_*_permission methods (both views); which councils a
    row may touch is decided by councils.access, whatever the admin's scoping."""

    change_list_template = "admin/outcomes/spreadsheet_change_list.html"
    spreadsheet_import_template = "admin/outcomes/spreadsheet_import.html"
    spreadsheet_preview_template = "admin/outcomes/spreadsheet_preview.html"

    @property
    def spreadsheet(self):
        return sheet_for_model(self.model)

    def get_urls(self):
        info = (self.opts.app_label, self.opts.model_name)
        # Before the ModelAdmin's own URLs, whose "<path:object_id>/" would swallow "import/".
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.spreadsheet_import_view),
                name="{}_{}_import".format(*info),
            ),
            path(
                "export/",
                self.admin_site.admin_view(self.spreadsheet_export_view),
                name="{}_{}_export".format(*info),
            ),
            *super().get_urls(),
        ]

    def has_spreadsheet_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_spreadsheet_export_permission(self, request):
        return self.has_view_or_change_permission(request)

    def _admin_url(self, action):
        info = (self.opts.app_label, self.opts.model_name, action)
        return reverse("admin:{}_{}_{}".format(*info), current_app=self.admin_site.name)

    def changelist_view(self, request, extra_context=None):
        extra_context = dict(extra_context or {})
        if self.has_spreadsheet_import_permission(request):
            extra_context["spreadsheet_import_url"] = self._admin_url("import")
        if self.has_spreadsheet_export_permission(request):
            export_url = self._admin_url("export")
            for file_format in EXPORT_FORMATS:
                query = request.GET.copy()
                query["format"] = file_format
                extra_context[f"spreadsheet_export_{file_format}_url"] = (
                    f"{export_url}?{query.urlencode()}"
                )
        return super().changelist_view(request, extra_context=extra_context)

    # Import ------------------------------------------------------------------------------------

    def spreadsheet_import_view(self, request):
        if not self.has_spreadsheet_import_permission(request):
            raise PermissionDenied
        request.current_app = self.admin_site.name
        session_key = SESSION_PREFIX + self.spreadsheet.kind
        if request.method == "POST" and "confirm" in request.POST:
            return self._spreadsheet_confirm(request, session_key)
        if request.method == "POST" and "cancel" in request.POST:
            return self._spreadsheet_cancel(request, session_key)
        form = SpreadsheetUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > MAX_BYTES:
                form.add_error("file", f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB.")
            else:
                content = upload.read()
                result = spreadsheet_import(
                    kind=self.spreadsheet.kind,
                    file=ContentFile(content, name=upload.name),
                    user=request.user,
                    commit=False,
                )
                if result.file_error:
                    form.add_error("file", result.file_error)
                else:
                    # A new upload replaces the one waiting, if any: only the latest is offered.
                    self._spreadsheet_forget(request, session_key)
                    token = ""
                    if result.is_valid:
                        token = upload_keep(content)
                        request.session[session_key] = {
                            "name": token,
                            "filename": upload.name,
                            "user": request.user.pk,
                        }
                    return self._spreadsheet_preview(request, result, upload.name, token)
        return TemplateResponse(
            request,
            self.spreadsheet_import_template,
            self._spreadsheet_context(
                request, title=f"Import {self.spreadsheet.title} from a spreadsheet", form=form
            ),
        )

    def _spreadsheet_forget(self, request, session_key):
        stored = request.session.pop(session_key, None)
        if stored:
            upload_discard(stored["name"])

    def _spreadsheet_waiting(self, request, session_key):
        """The upload this page offered to import, or None with the reason told to the user.
        Only the person who uploaded a file may import or cancel it."""
        stored = request.session.get(session_key)
        token = request.POST.get("token", "")
        if not stored or not token or not secrets.compare_digest(stored["name"], token):
            messages.error(
                request,
                "That upload has expired or was replaced by a newer one. Upload the file again.",
            )
            return None
        if stored.get("user") != request.user.pk:
            # The session row is this browser's, so only a session carried over to another
            # account gets here; the file stays for the person who uploaded it.
            del request.session[session_key]
            messages.error(
                request,
                "That file was uploaded by someone else, so you cannot import it. Upload it "
                "yourself to import it.",
            )
            return None
        if upload_is_expired(stored["name"]):
            self._spreadsheet_forget(request, session_key)
            messages.error(
                request,
                f"That upload has expired: a file waits at most {max_age_words()} to be "
                "imported after it is checked. Nothing was imported. Upload the file again.",
            )
            return None
        return stored

    def _spreadsheet_cancel(self, request, session_key):
        if self._spreadsheet_waiting(request, session_key) is None:
            return HttpResponseRedirect(self._admin_url("import"))
        self._spreadsheet_forget(request, session_key)
        messages.info(request, "Import cancelled. Nothing was imported.")
        return HttpResponseRedirect(self._admin_url("changelist"))

    def _spreadsheet_confirm(self, request, session_key):
        stored = self._spreadsheet_waiting(request, session_key)
        if stored is None:
            return HttpResponseRedirect(self._admin_url("import"))
        # Gone before the import runs: whatever happens, this file is not offered again.
        del request.session[session_key]
        content = upload_read(stored["name"])
        upload_discard(stored["name"])
        if content is None:
            messages.error(
                request,
                "That upload is no longer kept, so nothing was imported. Upload the file again.",
            )
            return HttpResponseRedirect(self._admin_url("import"))
        result = spreadsheet_import(
            kind=self.spreadsheet.kind,
            file=ContentFile(content, name=stored["filename"]),
            user=request.user,
            commit=True,
        )
        if not result.committed:
            messages.error(
                request,
                "Nothing was imported: the records changed after you previewed the file. "
                "The problems are listed below.",
            )
            if result.file_error:
                messages.error(request, result.file_error)
                return HttpResponseRedirect(self._admin_url("import"))
            return self._spreadsheet_preview(request, result, stored["filename"], "")
        counts = result.counts
        messages.success(
            request,
            f"Imported {stored['filename']}: {counts['create']} created, {counts['update']} "
            f"updated, {counts['unchanged']} unchanged.",
        )
        return HttpResponseRedirect(self._admin_url("changelist"))

    def _spreadsheet_preview(self, request, result, filename, token):
        return TemplateResponse(
            request,
            self.spreadsheet_preview_template,
            self._spreadsheet_context(
                request,
                title=f"Check the {self.spreadsheet.title} to import",
                result=result,
                filename=filename,
                token=token,
            ),
        )

    def _spreadsheet_context(self, request, **context):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "sheet": self.spreadsheet,
            "columns": self.spreadsheet.columns,
            "import_url": self._admin_url("import"),
            "changelist_url": self._admin_url("changelist"),
            "max_rows": MAX_ROWS,
            "max_megabytes": MAX_BYTES // (1024 * 1024),
            "upload_max_age": max_age_words(),
            **context,
        }

    # Export ------------------------------------------------------------------------------------

    def spreadsheet_export_view(self, request):
        if not self.has_spreadsheet_export_permission(request):
            raise PermissionDenied
        # The changelist reads its filters from the query string; "format" is ours, not a filter.
        request.GET = request.GET.copy()
        file_format = request.GET.pop("format", ["csv"])[-1]
        if file_format not in EXPORT_FORMATS:
            messages.error(request, "Choose CSV or Excel (.xlsx) for the export.")
            return HttpResponseRedirect(self._admin_url("changelist"))
        try:
            changelist = self.get_changelist_instance(request)
            content, content_type, filename = spreadsheet_export(
                kind=self.spreadsheet.kind,
                queryset=changelist.get_queryset(request),
                user=request.user,
                file_format=file_format,
            )
        except (IncorrectLookupParameters, OverflowError):
            # OverflowError: SQLite cannot even compare with a number that large.
            messages.error(request, "The filters in the address could not be used for an export.")
            return HttpResponseRedirect(self._admin_url("changelist"))
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
