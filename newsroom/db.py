"""Query helpers shared by the apps."""

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce


def count_subquery(rows: QuerySet, *, pointing_at: str) -> Coalesce:
    """An annotation counting ``rows`` whose ``pointing_at`` field is the outer row.

    ``Person.objects.annotate(quote_count=count_subquery(Quote.objects.all(),
    pointing_at="speaker_person"))`` counts in one correlated subquery per row
    of the page instead of one query per row, and unlike ``Count()`` over joins
    it stays right when filters or search add joins of their own.
    """
    counted = (
        rows.filter(**{pointing_at: OuterRef("pk")})
        .order_by()
        .values(pointing_at)
        .annotate(total=Count("*"))
        .values("total")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)
