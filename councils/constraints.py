"""Rules the database keeps, written once for every model that needs them."""

from django.db import models


def listed_once(owner, listed, message):
    """The rule that each `owner` lists a `listed` once (a strategy names a co-owning council
    once, an indicator has one target a date), with the message the admin shows an officer who
    adds it again. Named after the model and the two fields, so no two models' rules can share a
    name: PostgreSQL keeps one set of index names for the whole schema."""
    return models.UniqueConstraint(
        fields=[owner, listed],
        name=f"%(class)s_{owner}_{listed}_unique",
        violation_error_message=message,
    )
