"""
WSGI config for newsroom project.

It exposes the WSGI callable as a module-level variable named ``application``.

For more information on this file, see
https://docs.djangoproject.com/en/5.2/howto/deployment/wsgi/
"""

import os

from django.core.wsgi import get_wsgi_application

from newsroom.warm import warm_up

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

application = get_wsgi_application()

# Done here, where the site is loaded (gunicorn's master, before it forks the
# workers), rather than during each worker's first request: see newsroom.warm.
warm_up()
