from django.shortcuts import get_object_or_404, render

from .models import Organisation, Person


def person_detail(request, slug):
    person = get_object_or_404(Person, slug=slug)
    return render(request, "people/entity_detail.html", {"entity": person})


def organisation_detail(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    return render(request, "people/entity_detail.html", {"entity": organisation})
