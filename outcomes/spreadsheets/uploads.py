"""Uploaded sheets waiting between the preview and the officer's confirmation.

The file goes to the "spreadsheet_uploads" storage (settings.STORAGES) under a random name that
starts with the time it arrived, so any app server can tell its age without the storage having
to keep dates. A file older than SPREADSHEET_UPLOAD_MAX_AGE is refused and removed, and every new
upload clears away the expired ones that nobody came back for."""

import secrets

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.utils import timezone

STORAGE = "spreadsheet_uploads"


def _storage():
    return storages[STORAGE]


def _now() -> int:
    return int(timezone.now().timestamp())


def max_age_words() -> str:
    """The waiting time in words, for messages: "1 hour", "30 minutes"."""
    seconds = settings.SPREADSHEET_UPLOAD_MAX_AGE
    if seconds % 3600 == 0:
        hours = seconds // 3600
        return f"{hours} hour{'' if hours == 1 else 's'}"
    minutes = max(1, seconds // 60)
    return f"{minutes} minute{'' if minutes == 1 else 's'}"


def _uploaded_at(name: str) -> int | None:
    stamp, _, rest = name.partition("-")
    return int(stamp) if stamp.isdigit() and rest else None


def upload_is_expired(name: str) -> bool:
    uploaded = _uploaded_at(name)
    return uploaded is None or _now() - uploaded > settings.SPREADSHEET_UPLOAD_MAX_AGE


def upload_keep(content: bytes) -> str:
    """Store the file's bytes; returns the name to fetch them by, which nobody can guess."""
    uploads_discard_expired()
    name = f"{_now()}-{secrets.token_urlsafe(24)}"
    return _storage().save(name, ContentFile(content))


def upload_read(name: str) -> bytes | None:
    """The bytes, or None when the file has gone (cleared away, or never there)."""
    try:
        with _storage().open(name) as file:
            return file.read()
    except FileNotFoundError:
        return None


def upload_discard(name: str) -> None:
    # Only names this module gave (a session from before uploads were kept here holds the
    # officer's own file name, which must not reach the storage).
    if _uploaded_at(name) is not None:
        _storage().delete(name)


def uploads_discard_expired() -> None:
    storage = _storage()
    try:
        _, names = storage.listdir("")
    except FileNotFoundError:
        return  # the folder is made with the first upload
    for name in names:
        # Only names this module gave: anything else in the folder is not ours to remove.
        if _uploaded_at(name) is not None and upload_is_expired(name):
            upload_discard(name)
