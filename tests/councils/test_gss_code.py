import pytest
from django.core.exceptions import ValidationError

from councils.models import Council, CouncilKind, gss_code_validator


@pytest.mark.parametrize("code", ["E06000020", "W06000015", "S12000034", "N09000002", "K04000001"])
def test_gss_code_validator_accepts_a_nation_letter_and_eight_digits(code):
    gss_code_validator(code)


@pytest.mark.parametrize(
    "code",
    [
        "E6000020",  # a digit short
        "e06000020",  # lower-case nation letter
        "E060000201",  # a digit too many
        "X06000020",  # not a UK nation
        "E06 000020",
        " E06000020",
        "",
    ],
)
def test_gss_code_validator_rejects_anything_else(code):
    with pytest.raises(ValidationError, match="Enter a GSS code"):
        gss_code_validator(code)


@pytest.mark.django_db
def test_a_council_with_a_malformed_gss_code_fails_validation():
    council = Council(
        name="Wyvern Vale", slug="wyvern-vale", gss_code="E6000020", kind=CouncilKind.UNITARY
    )

    with pytest.raises(ValidationError) as raised:
        council.full_clean()

    assert set(raised.value.message_dict) == {"gss_code"}


@pytest.mark.django_db
def test_a_council_with_a_two_digit_la_number_fails_validation():
    council = Council(name="Wyvern Vale", slug="wyvern-vale", la_number="89", kind="unitary")

    with pytest.raises(ValidationError) as raised:
        council.full_clean()

    assert raised.value.message_dict["la_number"] == [
        "Enter the three-digit DfE LA number, like 894."
    ]
