"""New rows of an ordered inline (aims, objectives, principles, programmes, indicators) take the
next order number instead of all defaulting to 0; several added at once are numbered in turn."""

from django.db.models import Max


class NextOrderInlineMixin:
    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        siblings = (
            self.model._default_manager.filter(**{formset.fk.name: obj})
            if obj is not None and obj.pk is not None
            else self.model._default_manager.none()
        )
        next_order = (siblings.aggregate(highest=Max("order"))["highest"] or 0) + 1

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
