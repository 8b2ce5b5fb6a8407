"""{% practice_provenance practice %}: who contributed a practice and when it was last reviewed.

Only a practice accepted from a contribution (`contributed_by` set) costs a
query: the date of the latest acceptance recorded for it.
"""

from django import template
from django.db.models import Max

from contributions.models import State, Transition

register = template.Library()


@register.inclusion_tag("practices/provenance.html")
def practice_provenance(practice):
    last_reviewed = None
    if practice.contributed_by:
        accepted = Transition.objects.filter(submission__practice=practice, to_state=State.ACCEPTED)
        last_reviewed = accepted.aggregate(last=Max("at"))["last"]
    return {"contributed_by": practice.contributed_by, "last_reviewed": last_reviewed}
