from django.contrib import admin

from .models import Organisation, Person

admin.site.register(Person)
admin.site.register(Organisation)
