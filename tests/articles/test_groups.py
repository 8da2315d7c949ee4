"""`manage.py setup_groups`: the Reporter and Editor roles."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def run_setup_groups():
    output = StringIO()
    call_command("setup_groups", stdout=output)
    return output.getvalue()


def permissions_of(name):
    group = Group.objects.get(name=name)
    return set(group.permissions.values_list("content_type__app_label", "codename"))


def test_creates_reporter_and_editor_groups():
    """Both groups exist; only Editors may publish; Editors may do all Reporters may."""
    output = run_setup_groups()
    assert "Created group Reporter." in output
    assert "Created group Editor." in output
    reporter, editor = permissions_of("Reporter"), permissions_of("Editor")
    assert ("articles", "change_article") in reporter
    assert ("articles", "publish_article") not in reporter
    assert ("articles", "publish_article") in editor
    assert ("people", "delete_person") in editor
    assert reporter < editor


def test_running_again_changes_nothing_and_restores_removed_permissions():
    """Idempotent: a second run creates no group twice and resets permissions to the policy."""
    run_setup_groups()
    before = permissions_of("Editor")
    Group.objects.get(name="Editor").permissions.remove(
        Permission.objects.get(codename="publish_article")
    )
    output = run_setup_groups()
    assert "Updated group Editor." in output
    assert Group.objects.filter(name__in=["Reporter", "Editor"]).count() == 2
    assert permissions_of("Editor") == before


def test_group_members_get_the_rights(newsroom_groups):
    """Users in the groups get the groups' permissions."""
    reporter = UserFactory(password=None)
    reporter.groups.add(newsroom_groups["Reporter"])
    editor = UserFactory(password=None)
    editor.groups.add(newsroom_groups["Editor"])
    assert reporter.has_perm("articles.add_article")
    assert not reporter.has_perm("articles.publish_article")
    assert editor.has_perm("articles.publish_article")
