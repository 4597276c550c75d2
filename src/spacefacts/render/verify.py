"""Output of `spacefacts extract` and `spacefacts verify`: text for the terminal, JSON, TOML claim
tables (extract) and a Markdown review (verify). Each function returns text."""

from __future__ import annotations

import json

from spacefacts.extract import Statement
from spacefacts.model import Claim, FactBase
from spacefacts.render import ExtractFormat, VerifyFormat
from spacefacts.render.textsafe import clean, paint, wrap
from spacefacts.values import label
from spacefacts.verify import AGREES, CONFLICTS, NEW, UNLINKED, Verdict, Verification

_SENTENCE = "sentence"  # render_text's row style for a sentence: its line number dim
STYLE = {AGREES: "green", CONFLICTS: "red", NEW: "yellow", UNLINKED: "dim"}
BASE_SAYS = {AGREES: "same claim in the base", CONFLICTS: "conflicting claim in the base", NEW: "nothing in the base",
             UNLINKED: "not linked"}


def _claims(claims: tuple[Claim, ...], base: FactBase) -> str:
    return "; ".join(f"{c.id} ({c.source}): {label(c, base)}" for c in claims)


def _proposal(st: Statement) -> str:
    what = f"{st.subject or '?'} · {st.property or '?'} = {st.mention.value}"
    if st.when:
        what += f" · when {st.when}"
    if st.as_of:
        what += f" · as of {st.as_of}"
    if st.key:
        what += f" · key {st.key}"
    if st.hedged:
        what += " · hedged"
    return what


def _evidence(v: Verdict, base: FactBase) -> list[str]:
    if v.verdict == AGREES:
        return [f"supported by {_claims(v.supporting, base)}"]
    if v.verdict == CONFLICTS:
        out = [f"contradicts {_claims(v.contradicted, base)}"]
        if v.supporting:
            out.append(f"supported by {_claims(v.supporting, base)}")
        side = "the document's value" if v.likely_document else f"'{v.likely}'"
        out.append(f"cause: {v.cause}; more likely {side} (confidence {v.confidence:.2f})")
        return out
    if v.verdict == UNLINKED:
        return [v.statement.why]
    return []


def render_text(base: FactBase, result: Verification, color: bool = False, extract: bool = False,
                width: int | None = None) -> str:
    """Statement by statement: the sentence (once), then each date or number with its verdict, the
    proposed claim and its evidence; a summary line at the end. Lines are wrapped to `width` columns
    (None: one line each, for a pipe)."""
    rows: list[tuple[int, str, str | None]] = []  # (indent, text, style); "" is a blank line
    last = None
    for v in result.verdicts:
        st = v.statement
        if st.sentence.index != last:
            last = st.sentence.index
            rows += [(0, "", None), (0, f"line {st.sentence.line}: {clean(st.sentence.text)}", _SENTENCE)]
        verdict = BASE_SAYS[v.verdict] if extract else v.verdict
        head = f"[{verdict}] {clean(st.mention.text)!s}"
        if st.mention.relative or st.mention.anchor is not None:
            head += f" (= {st.mention.value})"
        rows.append((2, head, STYLE[v.verdict]))
        if st.linked:
            rows.append((4, f"{clean(_proposal(st))}  confidence {st.confidence:.2f}", None))
            if extract:
                rows.append((4, f"quote: {clean(st.quote)}", "dim"))
        rows += [(4, clean(line), "dim" if v.verdict != CONFLICTS else None) for line in _evidence(v, base)]
    rows += [(0, "", None), (0, summary(result), None)]
    lines: list[str] = []
    for indent, text, style in rows:
        wrapped = wrap(indent, text, width)
        if style == _SENTENCE:  # the sentence's line number dim, the sentence plain
            number, _, rest = wrapped[0].partition(": ")
            wrapped[0] = paint(number + ":", "dim", color) + " " + rest
            lines += wrapped
        else:
            lines += [paint(line, style, color) for line in wrapped]
    return "\n".join(lines).lstrip("\n") + "\n"


def summary(result: Verification) -> str:
    n = len(result.verdicts)
    parts = ", ".join(f"{result.count(k)} {k}" for k in (AGREES, CONFLICTS, NEW, UNLINKED))
    return f"{n} statement{'s' if n != 1 else ''} with a date or number: {parts}"


def _statement_data(v: Verdict, base: FactBase) -> dict:
    st = v.statement
    data = {
        "id": st.id, "line": st.sentence.line, "sentence": st.sentence.text, "text": st.mention.text,
        "kind": st.mention.kind, "value": st.mention.value, "relative": st.mention.relative,
        "subject": st.subject, "property": st.property, "key": st.key, "when": st.when, "as_of": st.as_of, "hedged": st.hedged,
        "confidence": st.confidence, "quote": st.quote, "verdict": v.verdict,
    }
    if st.mention.note:
        data["note"] = st.mention.note
    if st.why:
        data["why"] = st.why
    claim = lambda c: {"id": c.id, "source": c.source, "value": label(c, base)}  # noqa: E731
    data["supporting"] = [claim(c) for c in v.supporting]
    data["contradicted"] = [claim(c) for c in v.contradicted]
    if v.verdict == CONFLICTS:
        data["conflict"] = {"cause": v.cause, "likely": v.likely, "likely_document": v.likely_document,
                            "confidence": v.confidence, "explanation": v.explanation}
    return data


def render_json(base: FactBase, result: Verification) -> str:
    src = result.extraction.source
    doc = {
        "version": 1, "tool": "spacefacts", "source": src.id,
        "published": src.published.text if src.published else None,
        "summary": {k: result.count(k) for k in (AGREES, CONFLICTS, NEW, UNLINKED)},
        "statements": [_statement_data(v, base) for v in result.verdicts],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _toml_string(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def render_toml(base: FactBase, result: Verification) -> str:
    """The linked statements as [[claims]] tables ready to review; the unlinked ones as comments."""
    src = result.extraction.source
    out = [f"# Candidate claims extracted from a document as source '{src.id}'. Review each before adding it.", ""]
    for v in result.verdicts:
        st = v.statement
        if not st.linked:
            continue
        out.append(f"# line {st.sentence.line}, confidence {st.confidence:.2f}, {BASE_SAYS[v.verdict]}"
                   + (f": {_claims(v.contradicted or v.supporting, base)}" if v.verdict != NEW else ""))
        out.append("[[claims]]")
        out.append(f"id = {_toml_string(st.id)}")
        out.append(f"subject = {_toml_string(st.subject)}")
        out.append(f"property = {_toml_string(st.property)}")
        out.append(f"value = {_toml_string(st.mention.value)}")
        if st.key:
            out.append(f"key = {_toml_string(st.key)}")
        if st.when:
            out.append(f"when = {_toml_string(st.when)}")
        if st.as_of:
            out.append(f"as_of = {_toml_string(st.as_of)}")
        out.append(f"source = {_toml_string(src.id)}")
        out.append(f"quote = {_toml_string(st.quote)}")
        if st.hedged:
            out.append("hedged = true")
        if st.mention.relative or st.mention.note:
            note = f"\"{st.mention.text}\" resolved against the publication date" if st.mention.relative and not st.mention.vague else ""
            out.append(f"note = {_toml_string('; '.join(x for x in (note, st.mention.note) if x))}")
        if st.mention.anchor is not None or st.mention.vague:  # as curators record it: the note says how it was read
            reason = f"Relative date: {st.mention.note}."
            out.append(f"accepted = [{{ code = \"SF202\", reason = {_toml_string(reason)} }}]")
        out.append("")
    unlinked = [v.statement for v in result.verdicts if not v.statement.linked]
    if unlinked:
        out.append(f"# {len(unlinked)} unlinked statement{'s' if len(unlinked) != 1 else ''} (not proposed):")
        for st in unlinked:
            out.append(f"# line {st.sentence.line}: {clean(st.mention.text)} = {st.mention.value} ({clean(st.why)})")
    return "\n".join(out).rstrip("\n") + "\n"


def _md(text: str) -> str:
    """Text safe inside Markdown: one line, no HTML, no emphasis or link syntax taken literally."""
    s = clean(text)
    for ch in "\\`*_[]<>|#":
        s = s.replace(ch, "\\" + ch)
    return s


def render_extract(fmt: ExtractFormat, base: FactBase, result: Verification, color: bool = False,
                   width: int | None = None) -> str:
    """`spacefacts extract` in the format asked for (text wrapped to `width` columns; None: not wrapped)."""
    match fmt:
        case ExtractFormat.TEXT:
            return render_text(base, result, color, extract=True, width=width)
        case ExtractFormat.JSON:
            return render_json(base, result)
        case ExtractFormat.TOML:
            return render_toml(base, result)
    raise AssertionError(f"unhandled format {fmt!r}")  # pragma: no cover - the match is exhaustive


def render_verify(fmt: VerifyFormat, base: FactBase, result: Verification, color: bool = False,
                  width: int | None = None) -> str:
    """`spacefacts verify` in the format asked for (text wrapped to `width` columns; None: not wrapped)."""
    match fmt:
        case VerifyFormat.TEXT:
            return render_text(base, result, color, width=width)
        case VerifyFormat.JSON:
            return render_json(base, result)
        case VerifyFormat.MARKDOWN:
            return render_markdown(base, result)
    raise AssertionError(f"unhandled format {fmt!r}")  # pragma: no cover - the match is exhaustive


def render_markdown(base: FactBase, result: Verification) -> str:
    """A review to share: each statement quoted with its verdict and evidence, sources in footnotes."""
    src = result.extraction.source
    out = [f"# Fact check: {_md(src.title or src.id)}", "", summary(result) + ".", ""]
    notes: dict[str, int] = {}

    def cite(c: Claim) -> str:
        n = notes.setdefault(c.source, len(notes) + 1)
        return f"{_md(label(c, base))} ({_md(c.id)})[^{n}]"

    quoted = None
    for v in result.verdicts:
        if v.verdict == UNLINKED:
            continue
        st = v.statement
        if st.quote != quoted:  # statements of one sentence share their quote: quoted once
            out.append(f"> {_md(st.quote)}")
            out.append("")
            quoted = st.quote
        out.append(f"**{v.verdict}**: {_md(st.mention.text)} — {_md(_proposal(st))}")
        if v.supporting:
            out.append(f"- supported by {', '.join(cite(c) for c in v.supporting)}")
        if v.contradicted:
            out.append(f"- contradicts {', '.join(cite(c) for c in v.contradicted)}")
            side = "the document's value" if v.likely_document else f"'{_md(v.likely)}'"
            out.append(f"- cause: {v.cause}; more likely {side} (confidence {v.confidence:.2f})")
        if st.mention.anchor is not None or st.mention.vague:  # how a relative or vague date was read
            out.append(f"- relative date: {_md(st.mention.note)}")
        out.append("")
    unlinked = [v.statement for v in result.verdicts if v.verdict == UNLINKED]
    if unlinked:
        out.append(f"## Not linked ({len(unlinked)})")
        out.append("")
        out += [f"- line {st.sentence.line}: {_md(st.mention.text)} ({_md(st.why)})" for st in unlinked]
        out.append("")
    if notes:
        for sid, n in notes.items():
            s = base.sources.get(sid)
            title = f"{s.title}, {s.publisher}" if s and s.publisher else (s.title if s else sid)
            url = f" <{s.url}>" if s and s.url else ""
            out.append(f"[^{n}]: {_md(sid)}: {_md(title)}{url}")
    return "\n".join(out).rstrip("\n") + "\n"
