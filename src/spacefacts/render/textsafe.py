"""Make text from a fact file safe to show: literal, one line, no terminal control.

Every renderer passes data through these helpers before it reaches a terminal,
a Markdown document or a Mermaid block, so a claim can neither style nor move
the terminal (ANSI escapes), nor inject HTML, nor break out of a code block.
"""

from __future__ import annotations

import re

# Bidirectional overrides and isolates can reorder what a reader sees (Trojan Source).
_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f" + "".join(sorted(_BIDI)) + "]")
_WS = re.compile(r"[ \t\r\n\f\v\u2028\u2029\x85]+")


def visible(ch: str) -> str:
    """Show one control character in caret or code-point notation."""
    code = ord(ch)
    if code < 0x20:
        return "^" + chr(code + 0x40)
    if code == 0x7F:
        return "^?"
    return f"<U+{code:04X}>"


def literal(text: object) -> str:
    """Like `clean` but keeps line breaks: control characters other than newline are made visible."""
    return "\n".join(clean(part) if part.strip() else part for part in str(text).split("\n"))


def clean(text: object) -> str:
    """Return `text` as one printable line: whitespace runs become one space and
    control characters (ESC, C1 controls, DEL, bidi overrides) are made visible,
    so `\\x1b[31m` shows as `^[[31m` instead of turning the terminal red."""
    s = str(text)
    # Fast path for the usual message: a printable string holds no control, bidi or whitespace
    # character other than the plain space, so only runs of spaces and the ends need work.
    if s.isprintable() and "  " not in s:
        return s.strip()
    s = _WS.sub(" ", s)
    return _CONTROL.sub(lambda m: visible(m.group()), s).strip()


# ANSI styles for the renderers that build plain text themselves (lint, conflicts, sources).
STYLES = {"bold": "1", "dim": "2", "italic": "3", "red": "31", "green": "32", "yellow": "33", "blue": "34",
          "cyan": "36", "bold red": "1;31"}


def paint(text: str, style: str | None, color: bool) -> str:
    """`text` in an ANSI `style` (a key of STYLES) when `color`; the text itself is never changed."""
    if not (color and style and text):
        return text
    return f"\x1b[{STYLES[style]}m{text}\x1b[0m"


def wrap(indent: int, text: str, width: int | None) -> list[str]:
    """One logical line wrapped to `width` columns at spaces, continuation lines indented two more than
    `indent` (None: not wrapped, as in a pipe, where one record stays on one line)."""
    import textwrap

    pad = " " * indent
    if width is None:
        return [pad + text if text else ""]
    return textwrap.wrap(text, max(width, 40), initial_indent=pad, subsequent_indent=pad + "  ",
                         break_long_words=False, break_on_hyphens=False) or [""]


def render_rich(renderables, width: int | None = 80, color: bool = False) -> str:
    """Render rich renderables to text (ANSI styles only when `color`), never to the screen.

    `width` None: no wrapping at all, each renderable as wide as its widest line needs (a pipe).
    Markup and emoji codes are off: data reaches rich only as Text objects, so `[bold red]` in a
    claim is printed as written. The colour is decided by the caller (NO_COLOR, FORCE_COLOR and
    --color in console.py), not by rich.
    """
    import io

    from rich.console import Console

    renderables = list(renderables)
    console = Console(file=io.StringIO(), width=max(width or 1_000_000, 20), force_terminal=color,
                      no_color=not color, color_system="standard" if color else None, markup=False, emoji=False,
                      highlight=False, soft_wrap=False, legacy_windows=False)
    if width is None:
        console.width = max([20, *(console.measure(item).maximum for item in renderables)])
    with console.capture() as capture:
        for item in renderables:
            console.print(item)
    return "".join(_rstrip(line) + "\n" for line in capture.get().splitlines())


_SGR = re.compile("\x1b\\[[0-9;]*m")
_TAIL = re.compile("(?:\\s|\x1b\\[[0-9;]*m)+$")


def _rstrip(line: str) -> str:
    """A rendered line without trailing blanks, also those inside style codes (the codes stay)."""
    tail = _TAIL.search(line)
    return line if tail is None else line[: tail.start()] + "".join(_SGR.findall(tail.group()))
