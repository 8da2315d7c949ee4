"""Helpers for admin tests that drive the real pages with django-webtest."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def listed(page) -> list[str]:
    """The linked first column of a changelist's rows, in order."""
    return [cell.get_text(strip=True) for cell in page.html.select("#result_list tbody th a")]


def offered_actions(page) -> list[str]:
    form = page.forms["changelist-form"]
    return [value for value, *_ in form["action"].options] if "action" in form.fields else []


def run_action(django_app, url, *, user, action, objects):
    """Tick ``objects`` in the changelist at ``url``, choose ``action`` and press Go."""
    form = django_app.get(url, user=user).forms["changelist-form"]
    form["action"].force_value(action)  # force: also tries actions the page does not offer
    chosen = {str(obj.pk) for obj in objects}
    for checkbox in form.fields["_selected_action"]:
        checkbox.checked = checkbox._value in chosen
    return form.submit()


def submit_with_added_fields(django_app, form, *, user, fields):
    """Submit ``form`` plus inline rows the admin's "Add another" JavaScript would have added."""
    url = form.action or form.response.request.path_qs
    return django_app.post(url, [*form.submit_fields(), *fields.items()], user=user)


def queries_to_show(client, url) -> int:
    """How many database queries rendering ``url`` takes."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)
