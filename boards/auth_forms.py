"""Signing in and resetting a password: Django's own forms, with GOV.UK layout and plain words."""

from crispy_forms_gds.layout import Field, Layout, Submit
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)

from .forms import gov_form_helper


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": (
            "Enter a correct username and password. Both are case-sensitive: check that Caps "
            "Lock is off."
        ),
        "inactive": "This account has been switched off. Ask the board's officer for help.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"
        self.helper = gov_form_helper()
        self.helper.layout = Layout(
            Field.text("username", field_width=20, spellcheck="false"),
            Field.text("password", field_width=20),
            Submit("sign_in", "Sign in"),
        )


class ResetRequestForm(PasswordResetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        email = self.fields["email"]
        email.label = "Email address"
        email.help_text = "The address your board's officer set up for your account."
        email.error_messages["required"] = "Enter your email address"
        email.error_messages["invalid"] = (
            "Enter an email address in the correct format, like name@example.com"
        )
        self.helper = gov_form_helper()
        self.helper.layout = Layout(
            Field.text("email", field_width=30, spellcheck="false"),
            Submit("send", "Send me a reset link"),
        )


class _PasswordHelperMixin:
    submit_label = "Save password"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for form_field in self.fields.values():
            form_field.error_messages["required"] = f"Enter {str(form_field.label).lower()}"
        self.helper = gov_form_helper()
        self.helper.layout = Layout(
            *(Field.text(name, field_width=20) for name in self.fields),
            Submit("save", self.submit_label),
        )


class NewPasswordForm(_PasswordHelperMixin, SetPasswordForm):
    pass


class ChangePasswordForm(_PasswordHelperMixin, PasswordChangeForm):
    pass
