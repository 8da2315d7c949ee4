"""The newsroom's two roles and what each may do in admin.

Reporters draft articles and send them to review; Editors also publish,
unpublish, correct, merge people and organisations and delete. The lists are
the single place these roles are defined: ``manage.py setup_groups`` makes the
database match them.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

ALL = ("add", "change", "delete", "view")

REPORTER_PERMISSIONS = {
    "articles.article": ("add", "change", "view"),
    "articles.block": ALL,
    "articles.quote": ("add", "change", "view"),
    "articles.correction": ("view",),
    "people.person": ("add", "view"),
    "people.personalias": ("add", "view"),
    "people.organisation": ("add", "view"),
    "people.organisationalias": ("add", "view"),
    "people.affiliation": ("add", "view"),
    "people.personformerslug": ("view",),  # old page addresses, recorded by saves and merges
    "people.organisationformerslug": ("view",),
    "taggit.tag": ("add", "view"),
}

EDITOR_PERMISSIONS = {
    **dict.fromkeys(REPORTER_PERMISSIONS, ALL),
    "articles.article": (*ALL, "publish"),
}

GROUPS = {"Reporter": REPORTER_PERMISSIONS, "Editor": EDITOR_PERMISSIONS}


def permission_codenames(spec: dict[str, tuple[str, ...]]) -> set[tuple[str, str]]:
    """``{"articles.article": ("view",)}`` → ``{("articles", "view_article")}``."""
    return {
        (model_label.split(".")[0], f"{action}_{model_label.split('.')[1]}")
        for model_label, actions in spec.items()
        for action in actions
    }


def find_permissions(spec: dict[str, tuple[str, ...]]) -> list[Permission]:
    wanted = permission_codenames(spec)
    found = [
        permission
        for permission in Permission.objects.select_related("content_type")
        if (permission.content_type.app_label, permission.codename) in wanted
    ]
    missing = wanted - {(p.content_type.app_label, p.codename) for p in found}
    if missing:
        names = ", ".join(sorted(f"{app}.{codename}" for app, codename in missing))
        raise LookupError(f"Permissions not in the database (run migrate first): {names}")
    return found


@transaction.atomic
def setup_groups() -> dict[str, bool]:
    """Create or update every group so it has exactly its listed permissions.

    Returns whether each group was newly created. Safe to run any number of times.
    """
    created = {}
    for name, spec in GROUPS.items():
        group, created[name] = Group.objects.get_or_create(name=name)
        group.permissions.set(find_permissions(spec))
    return created
