"""A client's `source` or upload file name is a label: stored as given, never opened."""

import builtins
from pathlib import Path

import pytest

from tests.writes.conftest import ARTICLE

SOURCES = [
    "../../../../etc/passwd",
    "/etc/passwd",
    "file:///etc/passwd",
    "..\\..\\windows\\win.ini",
    "\\\\server\\share\\x.txt",
    "~/.ssh/id_rsa",
    "/proc/self/environ",
]


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text("TOP-SECRET-CONTENT said the server file.")
    return path


@pytest.fixture
def no_file_opened(monkeypatch, secret_file):
    """Fail the test if anything opens a path that a client named."""
    named = {*SOURCES, str(secret_file)}
    real_open = builtins.open

    def guarded_open(file, *args, **kwargs):
        assert str(file) not in named, f"opened client-named path {file}"
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded_open)


@pytest.mark.parametrize("source", SOURCES)
def test_json_source_is_stored_as_a_label(client, auth, no_file_opened, source):
    response = client.post("/documents", json={"text": ARTICLE, "source": source}, headers=auth)
    assert response.status_code == 201, response.text
    assert response.json()["source"] == source
    assert response.json()["text"] == ARTICLE


def test_a_real_server_path_as_source_or_url_is_not_read(client, auth, no_file_opened, secret_file):
    by_source = client.post("/documents", json={"text": ARTICLE, "source": str(secret_file)}, headers=auth)
    by_url = client.post(
        "/documents", json={"text": ARTICLE + " Later.", "url": secret_file.as_uri()}, headers=auth
    )
    for response in (by_source, by_url):
        assert response.status_code == 201, response.text
        assert "TOP-SECRET" not in response.text
    assert "TOP-SECRET" not in client.get("/documents", params={"q": "secret"}).text


@pytest.mark.parametrize("name", ["../../../etc/passwd.txt", "/etc/hosts.md", "..\\..\\boot.ini.txt"])
def test_upload_file_names_are_labels_too(client, auth, no_file_opened, name):
    response = client.post("/documents", files={"file": (name, ARTICLE.encode())}, headers=auth)
    assert response.status_code == 201, response.text
    assert response.json()["source"] == name and response.json()["text"] == ARTICLE
