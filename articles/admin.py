from django.contrib import admin

from .models import Article, Quote

admin.site.register(Article)
admin.site.register(Quote)
