from django.urls import path

from articles.cache import public_page
from articles.feeds import PersonAtomFeed, PersonFeed

from . import views

app_name = "people"

urlpatterns = [
    path("people/", views.person_list, name="person_list"),
    path("people/<slug:slug>/", views.person_detail, name="person_detail"),
    path(
        "people/<slug:slug>/feed/",
        public_page(views.person_feed_or_moved(PersonFeed())),
        name="person_feed",
    ),
    path(
        "people/<slug:slug>/feed/atom/",
        public_page(views.person_feed_or_moved(PersonAtomFeed())),
        name="person_feed_atom",
    ),
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation_detail"),
]
