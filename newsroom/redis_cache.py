"""Django's Redis cache backend, keeping one Redis client and connection per server.

Django's client builds a new ``redis.Redis`` for every cache operation (redis-py
fills each with ~170 response callbacks), and each one borrows a connection
from the pool, which polls the socket before handing it out. On a page-cache
hit, the one cache operation of the request, that work took longer than the
round trip to Redis itself. Here each server gets one client holding one
connection: redis-py serialises its use with a lock and reconnects it when it
breaks. Django keeps a cache object per thread, so threads never queue for it.
"""

from django.core.cache.backends import redis


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._client(connection_pool=pool, single_connection_client=True)
            self._clients[id(pool)] = client
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
