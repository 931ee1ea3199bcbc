"""Turn the bytes of one file into articles: decode, pick the format by extension, normalise.

Pure: no IO beyond the `name` and `data` passed in. The normalised body returned in
`Article.text` is exactly what `documents.text` stores and what extraction offsets point
into, so every format ends in `normalize_text`.

    >>> parse_article("a.txt", b"***Budget vote***\\nThe plan is sound, Jane Doe said.\\n")
    [Article(source='a.txt', text='The plan is sound, Jane Doe said.', title='Budget vote', ...)]

Errors: `ParseError(reason)` for a file that yields nothing; a JSON list or JSON Lines
file with some bad items keeps the good ones and reports the others in
`ParsedFile.problems`.
"""

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import PurePath
from typing import Any

from bs4 import BeautifulSoup, Tag
from markdown_it import MarkdownIt

from app.pipeline.decode import DecodeError, declared_charset, decode_bytes, normalize_text, strip_page_junk
from app.pipeline.types import Article

SUPPORTED_SUFFIXES = frozenset({".txt", ".md", ".html", ".htm", ".json", ".jsonl"})
MAX_JSON_DEPTH = 32


class ParseError(Exception):
    """A file that yields no article; `reason` says why in words a user can act on."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class ParsedFile:
    """The articles read from one file, plus why any of its items were skipped."""

    articles: tuple[Article, ...]
    problems: tuple[str, ...] = ()


def is_supported(name: str) -> bool:
    return PurePath(name).suffix.lower() in SUPPORTED_SUFFIXES


def parse_article(name: str, data: bytes) -> list[Article]:
    """Return the articles in `data` (the content of file `name`), skipping bad list items."""
    return list(parse_file(name, data).articles)


def parse_file(name: str, data: bytes) -> ParsedFile:
    """Parse one file; raise ParseError when it yields no article at all."""
    suffix = PurePath(name).suffix.lower()
    reader = _READERS.get(suffix)
    if reader is None:
        raise ParseError(f"unsupported file type {suffix or '(no extension)'!r}")
    try:
        text = decode_bytes(data, declared_charset(data) if suffix in (".html", ".htm") else None)
    except DecodeError as exc:
        raise ParseError(str(exc)) from exc
    if not text.strip():
        raise ParseError("empty file")
    parsed = reader(name, text)
    if not parsed.articles:
        raise ParseError("; ".join(parsed.problems) or "no text")
    return parsed


# --- plain text -----------------------------------------------------------------------

_STARRED_TITLE = re.compile(r"^\s*\*{3}(?P<title>.+?)\*{3}\s*$")


def _read_txt(name: str, text: str) -> ParsedFile:
    """`***Title***` on the first line becomes the title; hard wraps are kept as they are."""
    title = ""
    lines = text.split("\n")
    match = _STARRED_TITLE.match(lines[0]) if lines else None
    if match:
        title = match["title"].strip()
        lines = lines[1:]
        # Scraped pages often repeat the headline as the first body line.
        if lines and lines[0].strip() == title:
            lines = lines[1:]
    body = normalize_text(strip_page_junk(normalize_text("\n".join(lines))))
    return _single(Article(source=name, text=body, title=title))


# --- Markdown -------------------------------------------------------------------------


def _read_md(name: str, text: str) -> ParsedFile:
    """Title from front matter or the first `# ` heading; body as plain text, one block per
    paragraph. Simple `key: value` front matter may give title, date, source and outlet."""
    meta, text = _front_matter(text)
    tokens = MarkdownIt("commonmark").parse(text)
    title, blocks = meta.get("title", ""), []
    for index, token in enumerate(tokens):
        if token.type == "inline":
            opener = tokens[index - 1]
            content = _inline_text(token)
            if not title and opener.type == "heading_open" and opener.tag == "h1":
                title = content.strip()
                continue
            blocks.append(content)
        elif token.type in ("fence", "code_block"):
            blocks.append(token.content)
    body = normalize_text(strip_page_junk(normalize_text("\n\n".join(blocks))))
    published = _parse_date(meta.get("published") or meta.get("date"))
    source = meta.get("source") or meta.get("url") or name
    outlet = meta.get("outlet")
    return _single(Article(source=source, text=body, title=title, published_on=published, outlet=outlet))


_FRONT_MATTER = re.compile(r"\A---\n(?P<block>.*?)\n---\n", re.DOTALL)
_META_LINE = re.compile(r"^(?P<key>[A-Za-z_]+)\s*:\s*(?P<value>.+?)\s*$", re.MULTILINE)


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split `---` front matter off; only flat `key: value` lines are read, never YAML code."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    meta = {m["key"].lower(): m["value"].strip("'\"") for m in _META_LINE.finditer(match["block"])}
    return meta, text[match.end() :]


def _inline_text(token: Any) -> str:
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "image":
            continue  # alt text is not part of the story
    return "".join(parts)


# --- HTML -----------------------------------------------------------------------------

_NOT_CONTENT = ("script", "style", "nav", "header", "footer", "aside", "noscript", "form",
                "iframe", "svg", "template", "button", "figure")
_BLOCKS = ("p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6",
           "li", "blockquote", "pre", "tr", "dd", "dt", "figcaption", "table", "ul", "ol")
_BLOCK_MARK, _BREAK_MARK = "\ue000", "\ue001"  # private-use: cannot occur in real text
_WHITESPACE = re.compile(r"\s+")
_PUBLISHED_META = ("article:published_time", "datePublished", "date", "pubdate", "dc.date")


def _read_html(name: str, text: str) -> ParsedFile:
    """Main text of <article>/<main>/<body> without page chrome; title from <h1>/<title>."""
    soup = BeautifulSoup(text, "html.parser")
    published = _html_published(soup)
    outlet = _meta(soup, "og:site_name")
    page_title = soup.title.get_text(" ", strip=True) if soup.title else ""
    for tag in soup.find_all(_NOT_CONTENT):
        tag.decompose()
    _drop_page_chrome(soup)
    root = soup.find("article") or soup.find("main") or soup.body or soup
    heading = root.find("h1") or soup.find("h1")
    title = " ".join((heading.get_text(" ") if heading else page_title).split())
    if heading is not None and heading in root.descendants:
        heading.decompose()
    body = normalize_text(strip_page_junk(_block_text(root)))
    return _single(Article(source=name, text=body, title=title, published_on=published, outlet=outlet))


# Class or id words that mark page furniture inside the content area: share bars,
# comment threads, "related" lists, cookie and newsletter boxes.
_CHROME_WORD = re.compile(
    r"(?:^|[-_])(?:comments?|share|sharing|social|related|cookies?|consent|newsletter|promo|"
    r"adverts?|advertisement|ads?|sidebar|subscribe|subscription|breadcrumbs?|menu|navbar|paywall)(?:[-_]|$)",
    re.IGNORECASE,
)
_NEVER_DROPPED = ("html", "body", "article", "main")


def _drop_page_chrome(soup: BeautifulSoup) -> None:
    page_chars = len(soup.get_text())
    chrome = [tag for tag in soup.find_all(True) if tag.name not in _NEVER_DROPPED and _is_chrome(tag)]
    for tag in chrome:
        # A wrapper such as <div class="content has-sidebar"> holds the story itself:
        # furniture is small and never contains the article.
        if tag.decomposed or tag.find(_NEVER_DROPPED) or len(tag.get_text()) > page_chars / 2:
            continue
        tag.decompose()


def _is_chrome(tag: Tag) -> bool:
    words = [*(tag.get("class") or ()), tag.get("id") or ""]
    return any(_CHROME_WORD.search(word) for word in words if isinstance(word, str))


def _block_text(root: Tag) -> str:
    """Text with one blank line between blocks; HTML whitespace collapsed inside them."""
    for br in root.find_all("br"):
        br.replace_with(_BREAK_MARK)
    for block in root.find_all(_BLOCKS):
        block.insert_before(_BLOCK_MARK)
        block.insert_after(_BLOCK_MARK)
    flat = _WHITESPACE.sub(" ", root.get_text())
    flat = flat.replace(_BREAK_MARK, "\n").replace(_BLOCK_MARK, "\n\n")
    return "\n".join(line.strip() for line in flat.split("\n"))


def _meta(soup: BeautifulSoup, key: str) -> str | None:
    tag = soup.find("meta", attrs={"property": key}) or soup.find("meta", attrs={"name": key})
    content = tag.get("content") if tag else None
    return content.strip() if isinstance(content, str) and content.strip() else None


def _html_published(soup: BeautifulSoup) -> date | None:
    for key in _PUBLISHED_META:
        found = _parse_date(_meta(soup, key))
        if found:
            return found
    time_tag = soup.find("time", attrs={"datetime": True})
    value = time_tag.get("datetime") if time_tag else None
    return _parse_date(value if isinstance(value, str) else None)


def _parse_date(value: str | None) -> date | None:
    """ISO date or datetime ('2025-02-12', '2025-02-12T09:30:00Z') -> date, else None."""
    if not value:
        return None
    value = value.strip()
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        pass
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


# --- JSON and JSON Lines --------------------------------------------------------------

_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_JSON_BRACKET = re.compile(r"[\[\]{}]")


def _read_json(name: str, text: str) -> ParsedFile:
    """One object or a list of objects with `title`, `text`/`body`, `published`, `source`."""
    value = _load_json(text)
    if isinstance(value, dict):
        return _single(_json_article(name, value))
    if not isinstance(value, list):
        raise ParseError(f"JSON must be an object or a list of objects, not {type(value).__name__}")
    if not value:
        raise ParseError("empty JSON list")
    return _collect(name, ((f"item {index}", item) for index, item in enumerate(value)))


def _read_jsonl(name: str, text: str) -> ParsedFile:
    """One JSON object per line; a bad line is reported and the others are kept."""

    def items():
        for number, line in enumerate(text.split("\n"), start=1):
            if line.strip():
                yield f"line {number}", line

    def load(label_line):
        label, line = label_line
        try:
            return label, _load_json(line)
        except ParseError as exc:
            return label, exc

    return _collect(name, map(load, items()))


def _collect(name: str, labelled_items) -> ParsedFile:
    articles, problems = [], []
    for label, item in labelled_items:
        try:
            if isinstance(item, ParseError):
                raise item
            articles.append(_json_article(name, item))
        except ParseError as exc:
            problems.append(f"{label}: {exc.reason}")
    return ParsedFile(tuple(articles), tuple(problems))


def _load_json(text: str) -> Any:
    depth = _json_depth(text)
    if depth > MAX_JSON_DEPTH:
        raise ParseError(f"JSON nested too deeply ({depth} levels, at most {MAX_JSON_DEPTH})")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ParseError(f"malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from exc


def _json_depth(text: str) -> int:
    """Deepest bracket nesting, counted before parsing so a hostile file cannot recurse."""
    depth = deepest = 0
    for bracket in _JSON_BRACKET.findall(_JSON_STRING.sub("", text)):
        depth = depth + 1 if bracket in "[{" else max(depth - 1, 0)
        deepest = max(deepest, depth)
    return deepest


def _json_article(name: str, item: Any) -> Article:
    if not isinstance(item, dict):
        raise ParseError(f"expected an object, got {type(item).__name__}")
    raw = item.get("text", item.get("body"))
    if not isinstance(raw, str) or not raw.strip():
        raise ParseError('no text (needs a non-empty "text" or "body" string)')
    published_raw = item.get("published")
    published = _parse_date(published_raw) if isinstance(published_raw, str) else None
    if published_raw not in (None, "") and published is None:
        raise ParseError(f'"published" is not an ISO date: {published_raw!r}')
    return Article(
        source=_string(item.get("source")) or _string(item.get("url")) or name,
        text=normalize_text(raw),
        title=_string(item.get("title")) or "",
        published_on=published,
        outlet=_string(item.get("outlet")),
    )


def _string(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _single(article: Article) -> ParsedFile:
    if not article.text.strip():
        raise ParseError("no text")
    return ParsedFile((article,))


_READERS = {
    ".txt": _read_txt,
    ".md": _read_md,
    ".html": _read_html,
    ".htm": _read_html,
    ".json": _read_json,
    ".jsonl": _read_jsonl,
}
