"""parse_file / parse_article: every format and every kind of bad input, no database."""

import codecs
from datetime import date
from pathlib import Path

import pytest

from app.pipeline.decode import normalize_text, strip_page_junk
from app.pipeline.parse import ParseError, parse_article, parse_file

FIXTURES = Path(__file__).parent.parent / "fixtures" / "articles"


def parse_fixture(name: str):
    return parse_article(name, (FIXTURES / name).read_bytes())


def test_txt_title_line_and_page_junk_are_removed():
    [article] = parse_fixture("harbour_bridge.txt")

    assert article.title == "Harbour bridge to reopen in May, mayor says"
    assert article.text.startswith("The harbour bridge in Eastvale will reopen")
    assert article.text.endswith("saying the contractor had confirmed the delivery.")
    # Hard wraps are kept: extraction offsets point into this exact string.
    assert "reopen to traffic in May after two\nyears of repairs" in article.text


def test_markdown_title_from_first_heading_and_body_without_markup():
    [article] = parse_fixture("school_budget.md")

    assert article.title == "Eastvale council approves school budget"
    assert "a larger school budget" in article.text
    assert "Parents can comment online." in article.text
    for markup in ("**", "# ", "](", "- The"):
        assert markup not in article.text


def test_markdown_front_matter_gives_title_date_source_and_outlet():
    data = (
        b'---\ntitle: "Ferry fares cut"\ndate: 2025-06-01\nurl: https://example.org/ferry\n'
        b"outlet: Harbour News\n---\n\n# Heading kept in the body\n\nFares fall in July, Ada Byrne said.\n"
    )

    [article] = parse_article("ferry.md", data)

    assert (article.title, article.published_on, article.source, article.outlet) == (
        "Ferry fares cut", date(2025, 6, 1), "https://example.org/ferry", "Harbour News"
    )
    assert article.text == "Heading kept in the body\n\nFares fall in July, Ada Byrne said."


def test_html_main_text_without_scripts_or_page_chrome():
    [article] = parse_fixture("river_cleanup.html")

    assert article.title == "River clean-up begins"
    assert article.published_on == date(2025, 3, 4)
    assert article.outlet == "The Eastvale Post"
    assert article.text.split("\n\n") == [
        "Volunteers began clearing rubbish from the Eastvale river on Monday.",
        '"We pulled out forty shopping trolleys before lunch," said Maria Santos,'
        " who leads the volunteer group.",
        "Mayor Jane Doe said the city would pay for new bins along the bank.",
    ]


def test_json_list_of_articles():
    first, second = parse_fixture("wire.json")

    assert (first.title, first.published_on, first.source, first.outlet) == (
        "Port strike enters second week", date(2025, 4, 1), "https://example.org/port-strike", "Eastvale Wire"
    )
    assert second.published_on == date(2025, 4, 2)
    assert second.source == "eastvale-wire-0402"
    assert second.text.startswith("The central library")


def test_jsonl_one_article_per_line():
    articles = parse_fixture("briefs.jsonl")

    assert [a.title for a in articles] == ["Tram fares frozen", "Park reopens"]
    assert articles[0].source == "briefs.jsonl"


def test_single_json_object():
    data = b'{"title": "T", "body": "Hello there.", "published": "2025-01-02"}'

    [article] = parse_article("one.json", data)

    assert (article.title, article.text, article.published_on) == ("T", "Hello there.", date(2025, 1, 2))


def test_html_page_furniture_inside_the_article_is_dropped():
    html = b"""<html><body><article class="story-body"><h1>Vote delayed</h1>
      <div class="share-buttons">Share on X</div>
      <p>The vote was delayed, Ada Byrne said.</p>
      <section id="comments"><p>First!</p></section>
      <ul class="related-articles"><li>Older story</li></ul>
      <div class="cookie-banner">We use cookies</div>
      <p class="ad-slot-label">Advertisement</p>
      <p>A second paragraph about shared costs.</p>
    </article></body></html>"""

    [article] = parse_article("vote.html", html)

    assert article.text == "The vote was delayed, Ada Byrne said.\n\nA second paragraph about shared costs."


def test_html_wrapper_with_a_furniture_class_is_kept():
    html = b"""<html><body><div class="layout has-sidebar"><div class="content">
      <p>The budget passed, Tom Reed said.</p><p>It takes effect in June.</p>
    </div><div class="sidebar">Most read</div></div></body></html>"""

    [article] = parse_article("budget.html", html)

    assert article.text == "The budget passed, Tom Reed said.\n\nIt takes effect in June."


def test_html_declared_charset_is_honoured():
    html = '<html><head><meta charset="shift_jis"></head><body><p>東京で会議が開かれた。</p></body></html>'

    [article] = parse_article("tokyo.html", html.encode("shift_jis"))

    assert article.text == "東京で会議が開かれた。"


def test_html_title_falls_back_to_title_tag_and_time_element():
    html = b"<html><head><title>Page title</title></head><body><main><time datetime='2024-12-31'>x</time>" \
           b"<p>Only text.</p></main></body></html>"

    [article] = parse_article("page.htm", html)

    assert (article.title, article.published_on) == ("Page title", date(2024, 12, 31))
    assert article.text.endswith("Only text.")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(codecs.BOM_UTF8 + "Café opens.".encode(), "Café opens.", id="utf8-bom"),
        pytest.param("“Grand” café.".encode("cp1252"), "“Grand” café.", id="cp1252"),
        pytest.param("Señor Núñez said so.".encode("latin-1"), "Señor Núñez said so.", id="latin-1"),
        pytest.param(
            b"Line one  \r\nLine two\r\n\r\n\r\n\r\nLine three\r\n",
            "Line one\nLine two\n\nLine three",
            id="crlf-and-blank-runs",
        ),
        pytest.param("Cafe\u0301 decomposed".encode(), "Café decomposed", id="nfc"),
        pytest.param(codecs.BOM_UTF16_LE + "Wide text.".encode("utf-16-le"), "Wide text.", id="utf16-bom"),
    ],
)
def test_decoding_and_normalisation(data, expected):
    [article] = parse_article("a.txt", data)

    assert article.text == expected


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        pytest.param("a.txt", b"", "empty file", id="empty"),
        pytest.param("a.txt", b"  \n\n \t\n", "empty file", id="whitespace-only"),
        pytest.param("a.txt", b"text\x00with\x00nul", "binary content (NUL bytes)", id="nul-bytes"),
        pytest.param("a.txt", bytes(range(1, 32)) * 40, "binary content (control characters)", id="binary"),
        pytest.param("a.txt", b"***Just a title***\n", "no text", id="title-only"),
        pytest.param("a.json", b'{"text": "a",', "malformed JSON at line 1, column 14", id="malformed"),
        pytest.param("a.json", b"[" * 200 + b"]" * 200, "JSON nested too deeply (200 levels", id="deep"),
        pytest.param("a.json", b'{"title": "no body"}', 'no text (needs a non-empty "text"', id="no-text"),
        pytest.param("a.json", b"42", "JSON must be an object or a list", id="scalar"),
        pytest.param("a.json", b"[]", "empty JSON list", id="empty-list"),
        pytest.param("a.json", b'{"text": "x", "published": "soon"}', '"published" is not', id="date"),
        pytest.param("a.html", b"<html><script>var a = 1;</script><style>b{}</style></html>", "no text",
                     id="html-only-scripts"),
        pytest.param("a.pdf", b"%PDF-1.4", "unsupported file type '.pdf'", id="unsupported"),
    ],
)
def test_bad_input_raises_with_a_reason(name, data, reason):
    with pytest.raises(ParseError) as raised:
        parse_file(name, data)

    assert reason in raised.value.reason


def test_json_list_keeps_good_items_and_names_the_bad_one():
    data = b'[{"text": "First."}, {"title": "no text here"}, {"text": "Third."}]'

    parsed = parse_file("list.json", data)

    assert [a.text for a in parsed.articles] == ["First.", "Third."]
    assert parsed.problems == ('item 1: no text (needs a non-empty "text" or "body" string)',)


def test_jsonl_keeps_good_lines_and_names_the_bad_one():
    parsed = parse_file("x.jsonl", b'{"text": "One."}\n{"text": \n\n{"text": "Three."}\n')

    assert [a.text for a in parsed.articles] == ["One.", "Three."]
    assert len(parsed.problems) == 1 and parsed.problems[0].startswith("line 2: malformed JSON at line 1")


@pytest.mark.parametrize(
    ("tail", "kept"),
    [
        ("No comments", ""),
        ("Leave a comment", ""),
        ("12 Comments", ""),
        ("Share this\nTweet\nEmail", ""),
        ("Share on Facebook", ""),
        ("Tags: politics, city", ""),
        ("Related articles", ""),
        ("The mayor had no comments on the plan.", "The mayor had no comments on the plan."),
        ("Share prices fell sharply, the bank said.", "Share prices fell sharply, the bank said."),
    ],
)
def test_trailing_page_junk_is_recognised_generally(tail, kept):
    text = strip_page_junk(f"The story ends here.\n{tail}\n")

    assert text == "\n".join(filter(None, ["The story ends here.", kept]))


def test_normalize_text_is_idempotent():
    once = normalize_text(" a  \r\n\r\n\r\nb\t\n")

    assert once == " a\n\nb"
    assert normalize_text(once) == once
