"""Pages work under a strict Content-Security-Policy: no inline scripts or styles.

The only <script> elements allowed are JSON-LD data blocks.
"""

import re

from tests.factories import UserFactory
from tests.site.conftest import page_urls


def test_pages_have_no_inline_scripts_or_styles(client, showcase):
    """No page has executable inline script, a <style> block or a style= attribute."""
    pages = {name: client.get(url).content.decode() for name, url in page_urls(showcase).items()}
    client.force_login(UserFactory(is_staff=True))
    pages["preview"] = client.get(showcase["draft"].get_absolute_url()).content.decode()
    problems = {}
    for name, html in pages.items():
        scripts = re.findall(r"<script\b[^>]*>", html, re.I)
        found = [tag for tag in scripts if tag != '<script type="application/ld+json">']
        found += re.findall(r"<style\b|\sstyle\s*=|\son[a-z]+\s*=", html, re.I)
        if found:
            problems[name] = found
    assert problems == {}
