"""Optimistic locking: two officers saving the same record from stale forms must not overwrite
each other silently. Each versioned row carries a counter; a save succeeds only if the counter
is still the one the editor loaded."""

from django.db import models, transaction


class StaleEditError(Exception):
    """Someone else saved this record after it was loaded for editing."""


class VersionedModel(models.Model):
    version = models.PositiveIntegerField(
        default=0, help_text="Changes each time the record is saved; guards against lost edits."
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self._state.adding or self.pk is None:
            return super().save(*args, **kwargs)
        expected = self.version
        with transaction.atomic():
            # The conditional UPDATE takes the row lock, so a concurrent save waits here and then
            # finds the counter moved on.
            claimed = (
                type(self)
                ._base_manager.filter(pk=self.pk, version=expected)
                .update(version=expected + 1)
            )
            if not claimed:
                raise StaleEditError(
                    f"{self._meta.verbose_name.capitalize()} “{self}” was changed by someone else "
                    "after you opened it."
                )
            self.version = expected + 1
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "version"}
            return super().save(*args, **kwargs)
