"""gunicorn settings for Newsroom, read from the environment.

Run from the project folder: `gunicorn` (it reads this file by default and
serves newsroom.wsgi). The README's "Deploy" section lists the variables.
The site is loaded once, before the workers are forked (preload_app), so a
release needs a restart, which the systemd socket unit of the README makes
lossless; with GUNICORN_PRELOAD=0, SIGHUP reloads the code instead.
"""

import gc
import multiprocessing
import os

from newsroom.env import env_bool, env_int, env_list

wsgi_app = "newsroom.wsgi:application"

# Loopback by default (a reverse proxy on the same machine). For a load
# balancer on another machine: GUNICORN_BIND=0.0.0.0:8000, firewalled so that
# only the balancer can reach it. Several addresses may be given, comma-separated.
bind = env_list("GUNICORN_BIND", "127.0.0.1:8000")

# gunicorn's own rule of thumb: two workers per core plus one. Each worker is
# a process with its own database connection (CONN_MAX_AGE keeps it open).
workers = env_int("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1)
# More than one thread switches to the threaded worker (gthread).
threads = env_int("GUNICORN_THREADS", 1)

# A request running longer than this is killed and its worker replaced, so
# one stuck request cannot hold a worker for ever.
timeout = env_int("GUNICORN_TIMEOUT", 30)
# On SIGHUP/SIGTERM, workers get this long to finish the requests they hold.
graceful_timeout = env_int("GUNICORN_GRACEFUL_TIMEOUT", 30)
# Seconds to hold an idle keep-alive connection (threaded workers); keep it
# above the load balancer's idle timeout so the balancer closes first.
keepalive = env_int("GUNICORN_KEEPALIVE", 75)
# Replace each worker after this many requests (plus jitter, so they do not
# all restart at once): bounds the damage of any slow memory leak. Not much
# lower: a cached page takes about a millisecond, so at 1,000 the workers
# restarted every second or two under load, and a new worker starts cold
# (`make bench`: p99 of cached pages 0.3–1.6 s instead of under 30 ms).
max_requests = env_int("GUNICORN_MAX_REQUESTS", 50_000)
max_requests_jitter = env_int("GUNICORN_MAX_REQUESTS_JITTER", 5_000)

# Import Django and the site once, in the master, and fork workers from it.
# A worker that loads the site itself spends about 0.6 s of CPU doing so, and
# under load the workers reach max_requests together: with 2 workers serving a
# cached page and replaced every 5,000 requests, p99 was 0.46-0.78 s loading
# in each worker and 23-29 ms forked from a loaded master (15-s wrk runs; no
# replacements: 13-15 ms). Forked workers also share the loaded code's memory.
# The price: SIGHUP starts workers with the code the master loaded, so a
# release restarts gunicorn (see the README's Deploy section). GUNICORN_PRELOAD=0
# loads the site in each worker instead, and SIGHUP then reloads the code.
preload_app = env_bool("GUNICORN_PRELOAD", default=True)


def pre_fork(server, worker):
    """Freeze what the master loaded before each fork, as the gc module's documentation
    advises for prefork servers: the workers' garbage collector then never walks the
    loaded site (and never writes to, so unshares, its memory pages). A full collection
    in a worker took 27 ms instead of 7, and under cold load it held up every request
    queued behind it (`make bench`'s person page: p99 107-108 ms, 99-100 frozen)."""
    gc.freeze()


# Access log to stdout, errors to stderr: the process manager (systemd,
# Docker, …) collects both. The first field is the visitor's address as the
# load balancer reported it in X-Forwarded-For, then the balancer's own.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = (
    '%({x-forwarded-for}i)s %(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms'
)

# Addresses allowed to set X-Forwarded-* headers that gunicorn itself reads.
# Django reads the scheme through SECURE_PROXY_SSL_HEADER instead.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# gunicorn's control socket (for `gunicornc`) defaults to one path in the
# user's home, which a second instance on the machine would fight over, and
# the service user may have no home. Signals do everything we need (HUP,
# TERM, TTIN/TTOU), so it is off unless a path is given.
if control_socket_path := os.environ.get("GUNICORN_CONTROL_SOCKET", "").strip():
    control_socket = control_socket_path
else:
    control_socket_disable = True
