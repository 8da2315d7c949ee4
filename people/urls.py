from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("people/<slug:slug>/", views.person_detail, name="person_detail"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation_detail"),
]
