"""New rows of an ordered inline (aims, objectives, principles, programmes, indicators) take the
next order number instead of all defaulting to 0; several added at once are numbered in turn."""

from django.db.models import Max


class NextOrderInlineMixin:
    def highest_order(self, obj, fk_name):
        """The highest order number among `obj`'s rows, or None when it has none."""
        if obj is None or obj.pk is None:
            return None
        siblings = self.model._default_manager.filter(**{fk_name: obj})
        return siblings.aggregate(highest=Max("order"))["highest"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        next_order = (self.highest_order(obj, formset.fk.name) or 0) + 1

        class NextOrderFormSet(formset):
            def get_form_kwargs(self, index):
                kwargs = super().get_form_kwargs(index)
                if index is None or index >= self.initial_form_count():
                    # Every new row, and the blank row "Add another" copies, offers the same
                    # next number, so a row left blank is still seen as untouched.
                    kwargs["initial"] = {**kwargs.get("initial", {}), "order": next_order}
                return kwargs

            def save_new_objects(self, commit=True):
                # Rows left at the offered number are numbered in the order they were added.
                number = next_order
                for form in self.extra_forms:
                    if not form.has_changed() or (
                        self.can_delete and self._should_delete_form(form)
                    ):
                        continue
                    if form.instance.order == next_order:
                        form.instance.order = number
                        number += 1
                    else:
                        number = max(number, form.instance.order + 1)
                return super().save_new_objects(commit)

        return NextOrderFormSet
