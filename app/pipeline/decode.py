"""From a file's bytes to text: decoding, binary detection and the one normalisation.

`normalize_text` defines `documents.text`: every format ends in it, and extraction
offsets point into its result.
"""

import codecs
import re
import unicodedata

# Share of control characters above which decoded bytes are "not text". Real articles
# have none besides tab/newline; 5% leaves room for a stray form feed or two.
MAX_CONTROL_RATIO = 0.05


class DecodeError(ValueError):
    """The bytes are not text; the message says why."""


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode UTF-8 (BOM stripped), UTF-16 with a BOM, else the `declared` charset, else
    cp1252/latin-1 - each only if the result is clearly text."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _checked_text(_decode_or_fail(data, "utf-16"))
    if b"\x00" in data:
        raise DecodeError("binary content (NUL bytes), not a text file")
    try:
        return _checked_text(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    # A page's declared charset, then legacy Windows/Latin-1 exports: cp1252 first (curly
    # quotes live at 0x91-0x94), latin-1 for the five bytes cp1252 leaves undefined.
    # Latin-1 never fails, so the control-character check is what rejects binary here.
    for encoding in (*_known_codec(declared), "cp1252", "latin-1"):
        try:
            return _checked_text(data.decode(encoding))
        except UnicodeDecodeError:
            continue
    raise DecodeError("not decodable as text")  # pragma: no cover - latin-1 accepts any byte


CHARSET_META = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def declared_charset(data: bytes) -> str | None:
    match = CHARSET_META.search(data[:4096])
    return match[1].decode("ascii") if match else None


def _known_codec(name: str | None) -> tuple[str, ...]:
    try:
        return (codecs.lookup(name).name,) if name else ()
    except LookupError:
        return ()


def _decode_or_fail(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DecodeError(f"not decodable as {encoding}: {exc.reason} at byte {exc.start}") from exc


def _checked_text(text: str) -> str:
    if "\x00" in text:
        raise DecodeError("binary content (NUL bytes), not a text file")
    sample = text[:65536]
    if sample and len(_CONTROL.findall(sample)) / len(sample) > MAX_CONTROL_RATIO:
        raise DecodeError("binary content (control characters), not a text file")
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --- normalisation --------------------------------------------------------------------

_TRAILING_SPACE = re.compile(r"[ \t\u00a0]+$", re.MULTILINE)
_BLANK_RUN = re.compile(r"\n{3,}")


def normalize_text(text: str) -> str:
    """NFC, LF line ends, no trailing spaces, at most one blank line in a row, trimmed."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _TRAILING_SPACE.sub("", text)
    return _BLANK_RUN.sub("\n\n", text).strip("\n")


# Lines a scraper picks up after the story ends: comment counters, share buttons,
# "related" links. Matched only as whole short lines at the very end of the text.
_PAGE_JUNK = re.compile(
    r"""^(?:
        (?:no|\d+|one|leave\ an?|post\ an?|add\ an?|view|show|load|read)?\s*(?:comments?|replies)
        (?:\ \(\d+\))?
      | (?:share|tweet|email|print|pin)(?:\ (?:this|the))?(?:\ (?:article|story|post|page))?
        (?:\ (?:on|via)\ [\w ]+)?
      | (?:subscribe|advertisement|sponsored|related(?:\ (?:articles|stories|posts))?
        |read\ more|more\ stories|follow\ us(?:\ on\ [\w ]+)?|back\ to\ top|tags?:.*
        |click\ here.*|sign\ up.*|filed\ under:?.*)
    )[\s:.!…]*$""",
    re.IGNORECASE | re.VERBOSE,
)


def strip_page_junk(text: str) -> str:
    """Drop trailing boilerplate lines ("No comments", "Share this") after the story."""
    lines = text.rstrip("\n").split("\n")
    while lines and (not lines[-1].strip() or _PAGE_JUNK.match(lines[-1].strip())):
        lines.pop()
    return "\n".join(lines)
