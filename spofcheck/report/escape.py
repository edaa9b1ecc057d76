"""Escaping for each output medium: names and messages come from the scanned pull request.

Every formatter passes text it did not write itself (component ids, file names, messages,
notes, reasons) through the function for its medium, so a crafted name cannot start a
new line, colour a terminal, open HTML, mention a team or inject a workflow command.
"""

from __future__ import annotations

import re

# ANSI/VT sequences (CSI, OSC up to BEL or ST, two-character escapes): removed whole,
# so no fragment of a hyperlink or a title change reaches a terminal.
_ANSI = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
    r"|\x9d[^\x07\x1b\x9c]*(?:\x07|\x9c)?"  # 8-bit OSC
    r"|\x1b[@-_]?"
)
# Everything that ends a line somewhere: CR, LF, VT, FF, NEL, LS, PS (str.splitlines' set).
_BREAKS = re.compile("[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029\t]+")
# Other C0/C1 controls, DEL and bidirectional overrides (text that reads differently).
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
MAX_FIELD = 500  # characters of one name or message shown; the rest is elided


def one_line(text: str, limit: int = MAX_FIELD) -> str:
    """The text on one line with no control character, at most `limit` characters."""
    text = _ANSI.sub("", text)
    text = _BREAKS.sub(" ", text)
    text = _CONTROLS.sub("\ufffd", text)
    return clip(text, limit)


def clip(text: str, limit: int = MAX_FIELD) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def lead_path(path: str) -> str:
    """A relative path that may start a text line: never `::` (a workflow command when
    the text reaches a GitHub runner's log) nor `-`; `./` keeps it the same file."""
    path = one_line(path)
    if path.lstrip().startswith((":", "-")):
        return f"./{path}"
    return path


def text_field(text: str, limit: int = MAX_FIELD) -> str:
    """A field in plain-text output: one line, and no workflow command if it starts one."""
    line = one_line(text, limit)
    return f"'{line}'" if line.lstrip().startswith("::") else line


# Markdown ------------------------------------------------------------------------------
_MD_PUNCT = re.compile(r"([\\`*_\[\]#~|])")
_MENTION = re.compile(r"@(?=[A-Za-z0-9_-])")
_SAFE_URL = re.compile(r"https?://[^\s<>()\[\]\"'`|\\]+")


def md_text(text: str, limit: int = MAX_FIELD) -> str:
    """Text inside Markdown (a table cell, a list item, a summary): one line, no HTML,
    no link, image or emphasis syntax, no live @mention."""
    text = one_line(text, limit)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_PUNCT.sub(r"\\\1", text)
    # a zero-width space after @ keeps the text readable and notifies nobody
    return _MENTION.sub("@&#8203;", text)


def md_code(text: str, limit: int = MAX_FIELD) -> str:
    """A code span: literal text (no HTML, no mention), one line, pipes escaped for tables."""
    text = one_line(text, limit)
    fence = "`"
    while fence in text:
        fence += "`"
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{text.replace('|', chr(92) + '|')}{pad}{fence}"


def md_url(url: str | None) -> str | None:
    """An http(s) URL safe as a link target, else None (no `javascript:`, no spaces)."""
    if url is None or not _SAFE_URL.fullmatch(url):
        return None
    return url


# GitHub workflow commands ------------------------------------------------------------


def command_data(text: str) -> str:
    """A workflow command's message: `%`, CR and LF percent-encoded (the runner decodes
    them back), other controls and Unicode line breaks removed."""
    text = _ANSI.sub("", text)
    text = _CONTROLS.sub("\ufffd", re.sub("[\x0b\x0c\x1c-\x1e\x85\u2028\u2029\t]", " ", text))
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def command_property(text: str) -> str:
    """A workflow command property (file, title): also `:` and `,` encoded."""
    return command_data(text).replace(":", "%3A").replace(",", "%2C")


# Mermaid -----------------------------------------------------------------------------
_DIRECTIVE = re.compile(r"%(?=%)")


def mermaid_comment(text: str) -> str:
    """A `%%` comment line: one line, no `%%{…}%%` directive, no fence-closing backticks."""
    return _DIRECTIVE.sub("% ", one_line(text)).replace("`", "'")


# XML ---------------------------------------------------------------------------------
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Text XML 1.0 can carry (ElementTree escapes markup): ANSI removed, controls replaced."""
    return _XML_INVALID.sub("\ufffd", _ANSI.sub("", text))


# JSON --------------------------------------------------------------------------------
_JSON_RAW = re.compile("[\x7f-\x9f\u2028\u2029]")


def json_safe(document: str) -> str:
    """JSON text with the characters `json.dumps(ensure_ascii=False)` leaves raw but that
    break lines or terminals (DEL, C1, LS, PS) written as \\u escapes: the same data."""
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", document)
