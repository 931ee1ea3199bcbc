"""Bad input through POST /documents: each gets a 4xx problem with a message a client can act on.

Legacy encodings, a BOM and CRLF line ends are not errors: they are read as `onrecord
ingest` reads them, and the stored text is the same clean article.
"""

import json

import pytest

from tests.writes.conftest import ARTICLE

SCRIPTS = (
    "<html><head><script>alert(1)</script></head><body><script>document.cookie</script>"
    f"<article><h1>Review</h1><p>{ARTICLE}</p><script src='//evil.example/x.js'></script>"
    '<p onclick="alert(2)">Officials declined to comment.</p></article></body></html>'
)


def upload(name: str, content: bytes) -> dict:
    return {"files": {"file": (name, content)}}


def raw(content_type: str, content: bytes) -> dict:
    return {"content": content, "headers": {"Content-Type": content_type}}


# (id, request keywords, status, parameter, words the detail must contain)
REFUSED = [
    ("empty file", upload("a.txt", b""), 422, "file", "empty file"),
    ("whitespace only", upload("a.txt", b" \n\t\n"), 422, "file", "empty file"),
    ("empty text body", raw("text/plain", b""), 422, "body", "empty"),
    ("binary as .txt", upload("a.txt", bytes(range(256)) * 8), 422, "file", "binary"),
    ("NUL bytes", upload("a.txt", ARTICLE.encode() + b"\x00\x00" + ARTICLE.encode()), 422, "file", "NUL"),
    ("JSON NUL escape", raw("application/json", b'{"text": "a\\u0000b said Jo."}'), 422, "text", "NUL"),
    ("NUL in title", raw("application/json", b'{"text": "Hi.", "title": "x\\u0000"}'), 422, "title", "NUL"),
    ("PNG as .txt", upload("a.txt", b"\x89PNG\r\n\x1a\n" + bytes(200)), 422, "file", "binary"),
    ("unsupported suffix", upload("a.pdf", b"%PDF-1.4"), 422, "file", "unsupported file type '.pdf'"),
    ("no suffix", upload("README", ARTICLE.encode()), 422, "file", "unsupported file type"),
    ("malformed JSON", raw("application/json", b'{"text": "a'), 422, "body", "malformed JSON"),
    ("malformed JSON file", upload("a.json", b"{'text': 1}"), 422, "file", "malformed JSON at line 1"),
    (
        "deeply nested JSON",
        raw("application/json", b"[" * 5000 + b"]" * 5000),
        422,
        "body",
        "nested too deeply",
    ),
    (
        "nested inside object",
        raw("application/json", b'{"text": ' + b"[" * 100 + b"]" * 100 + b"}"),
        422,
        "body",
        "nested too deeply",
    ),
    ("JSON string", raw("application/json", b'"just a string"'), 422, "body", "object or a list"),
    ("JSON without text", raw("application/json", b'{"title": "Only a title"}'), 422, "body", "no text"),
    ("text not a string", raw("application/json", b'{"text": 42}'), 422, "body", "no text"),
    (
        "bad published date",
        raw("application/json", json.dumps({"text": ARTICLE, "published": "soon"}).encode()),
        422,
        "body",
        "not an ISO date",
    ),
    (
        "JSON list, one lacks text",
        upload("a.json", json.dumps([{"text": ARTICLE}, {"title": "no body"}]).encode()),
        422,
        "file",
        "item 1: no text",
    ),
    (
        "JSON list of two",
        upload("a.json", json.dumps([{"text": ARTICLE}, {"text": ARTICLE + " B."}]).encode()),
        422,
        "file",
        "holds 2 articles",
    ),
    ("empty JSON list", raw("application/json", b"[]"), 422, "body", "empty JSON list"),
    (
        "JSON Lines, bad line",
        upload("a.jsonl", b'{"text": "ok"}\n{oops\n'),
        422,
        "file",
        "line 2: malformed JSON",
    ),
    (
        "HTML of scripts only",
        upload("a.html", b"<html><body><script>x()</script></body></html>"),
        422,
        "file",
        "no text",
    ),
    (
        "multipart without file",
        {"files": {"attachment": ("a.txt", ARTICLE.encode())}},
        422,
        "file",
        "'file' form field",
    ),
    (
        "form-urlencoded",
        raw("application/x-www-form-urlencoded", b"text=hi"),
        415,
        None,
        "unsupported content type",
    ),
    ("no content type", raw("", b"hello"), 415, None, "unsupported content type"),
]


@pytest.mark.parametrize(
    ("kwargs", "status", "parameter", "words"), [r[1:] for r in REFUSED], ids=[r[0] for r in REFUSED]
)
def test_bad_bodies_are_refused_with_a_clear_problem(client, auth, kwargs, status, parameter, words):
    kwargs = dict(kwargs)  # the table is shared by both backends' runs
    headers = {**auth, **kwargs.pop("headers", {})}
    response = client.post("/documents", headers=headers, **kwargs)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert words in problem["detail"]
    assert problem.get("parameter") == parameter
    assert client.get("/documents").json()["items"] == []


ACCEPTED = [
    (
        "Latin-1",
        upload("a.txt", ("Le maire José Ibáñez. " + ARTICLE).encode("latin-1", "replace")),
        "José Ibáñez",
    ),
    (
        "cp1252 curly quotes",
        upload("a.txt", "\u201cWe will win,\u201d Jane Doe said.".encode("cp1252")),
        "\u201cWe will win,\u201d",
    ),
    ("UTF-8 BOM", upload("a.txt", b"\xef\xbb\xbf" + ARTICLE.encode()), ARTICLE[:20]),
    (
        "UTF-8 BOM JSON",
        raw("application/json", b"\xef\xbb\xbf" + json.dumps({"text": ARTICLE}).encode()),
        ARTICLE[:20],
    ),
    ("UTF-16 with BOM", upload("a.txt", ARTICLE.encode("utf-16")), ARTICLE[:20]),
    ("CRLF", upload("a.txt", ARTICLE.replace(". ", ".\r\n").encode()), "on Monday.\nMayor"),
]


@pytest.mark.parametrize(("kwargs", "expected"), [r[1:] for r in ACCEPTED], ids=[r[0] for r in ACCEPTED])
def test_awkward_but_valid_encodings_are_read(client, auth, kwargs, expected):
    kwargs = dict(kwargs)  # the table is shared by both backends' runs
    headers = {**auth, **kwargs.pop("headers", {})}
    response = client.post("/documents", headers=headers, **kwargs)
    assert response.status_code == 201, response.text
    text = response.json()["text"]
    assert expected in text
    assert "\r" not in text and "\ufeff" not in text


def test_html_full_of_scripts_keeps_only_the_article_text(client, auth):
    response = client.post("/documents", headers=auth, **upload("page.html", SCRIPTS.encode()))
    assert response.status_code == 201, response.text
    body = response.json()
    assert "<script" not in body["text"] and "alert" not in body["text"] and "onclick" not in body["text"]
    assert body["title"] == "Review"
    assert len(body["claims"]) == 2


def test_script_tags_in_text_come_back_only_as_json_text(client, auth):
    text = '<script>alert("x")</script> "We will win," Jane Doe said. <img src=x onerror=alert(1)>'
    response = client.post("/documents", json={"title": "<script>t()</script>", "text": text}, headers=auth)
    assert response.status_code == 201, response.text
    for fetched in (response, client.get(f"/documents/{response.json()['id']}")):
        assert fetched.headers["content-type"] == "application/json"
        assert fetched.headers["x-content-type-options"] == "nosniff"
        assert fetched.json()["text"] == text  # kept verbatim, as data
        assert fetched.json()["title"] == "<script>t()</script>"
    listed = client.get("/documents")
    assert listed.headers["content-type"] == "application/json"
    assert "default-src 'none'" in listed.headers["content-security-policy"]
