import pytest

pytestmark = pytest.mark.django_db


def test_home_page_is_served(client):
    assert client.get("/").status_code == 200


def test_admin_login_page_is_served(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert b"username" in response.content
