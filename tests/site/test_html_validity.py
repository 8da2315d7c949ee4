"""Every page type passes the Nu HTML checker (vnu-jar) with zero errors.

All pages go to one checker run, so Java starts once.
"""

import json
import shutil
import subprocess
from pathlib import Path

from django.test import RequestFactory
from django.views.defaults import server_error

from tests.conftest import require_tool
from tests.factories import UserFactory
from tests.site.conftest import page_urls

ROOT = Path(__file__).resolve().parents[2]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def _vnu_errors(pages: dict[str, bytes], folder: Path) -> dict[str, list[str]]:
    files = {}
    for name, html in pages.items():
        files[name] = folder / f"{name}.html"
        files[name].write_bytes(html)
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files.values())],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    names = {path.name: name for name, path in files.items()}
    errors: dict[str, list[str]] = {}
    for message in messages:
        url = message.get("url", "?")
        name = names.get(url.rsplit("/", 1)[-1], url)
        errors.setdefault(name, []).append(f"line {message.get('lastLine')}: {message['message']}")
    return errors


def test_every_page_type_is_valid_html(client, showcase, tmp_path):
    """Home, article, person, organisation, tag, indexes, search, 404, 500, preview: no errors."""
    require_tool(shutil.which("java") is not None, "java is needed for the Nu HTML checker")
    require_tool(VNU.exists(), "vnu-jar is not installed: run `npm ci --ignore-scripts`")
    pages = {}
    for name, url in page_urls(showcase).items():
        response = client.get(url)
        assert response.status_code in (200, 404), (name, response.status_code)
        pages[name] = response.content
    pages["server-error"] = server_error(RequestFactory().get("/")).content
    client.force_login(UserFactory(is_staff=True))
    pages["preview"] = client.get(showcase["draft"].get_absolute_url()).content
    assert _vnu_errors(pages, tmp_path) == {}
