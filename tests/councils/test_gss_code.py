import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

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
        "E06000020\n",  # Python's $ would let a final newline through
        "E0600002٣",  # an Arabic-Indic digit, which \d would let through
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


@pytest.mark.django_db
@pytest.mark.parametrize(
    "code", ["junk", "E6000020", "e06000020", "X06000020", "E06 00002", "E0600002٣", ""]
)
def test_the_database_refuses_a_malformed_gss_code(code):
    # Bulk loads and the shell skip full_clean(), so the rule lives in the database as well.
    with pytest.raises(IntegrityError), transaction.atomic():
        Council.objects.create(
            name="Wyvern Vale", slug="wyvern-vale", gss_code=code, kind=CouncilKind.UNITARY
        )


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["E06000020", None])
def test_the_database_accepts_a_gss_code_or_none(code):
    Council.objects.create(
        name="Wyvern Vale", slug="wyvern-vale", gss_code=code, kind=CouncilKind.UNITARY
    )

    assert Council.objects.get(slug="wyvern-vale").gss_code == code
