"""How much of each seed document's dated and numeric statements the shipped fact base captures.

    python benchmarks/capture.py            # per document, and every statement not captured
    python benchmarks/capture.py --quiet    # the table only

The labelled statements are tests/labels/*.toml (every dated or numeric statement of a document that
is in scope, with the value meant; several files may label one document). A statement is captured
when a claim of the document's source quotes it — the statement's words lie inside one part of the
claim's quote, found at the statement's place in the document — and the claim's value means the
same interval (dates) or bounds (quantities) as the label, or the label is one end of the claim's
range (500 of "500 to 600"; a day that starts or ends a range of days). Needs ../shared/seeds.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from extract_quality import ROOT, SEEDS, SOURCES, _norm, document, labels_of  # noqa: E402


def _bounds(kind: str, value: str):
    """A value's (low, high), or None when it does not parse as the kind."""
    from spacefacts.dates import parse_date
    from spacefacts.quantities import parse_quantity

    try:
        if kind == "date":
            d = parse_date(value)
            return d.earliest, d.latest
        q = parse_quantity(value)
        return q.low, q.high
    except (ValueError, TypeError):
        return None


def _kind(base, claim) -> str | None:
    from spacefacts.model import DATE, QUANTITY

    if base.properties[claim.property].type == QUANTITY:
        return "quantity"
    if base.properties[claim.property].type == DATE:
        return "date"
    return None


def _values(claim) -> list[str]:
    """The claim's value and its date (a quantity's `when`/`as_of` may be what the label dates)."""
    out = [str(claim.raw)]
    for name in ("when", "as_of"):
        v = getattr(claim, name, None)
        if v is not None:
            out.append(str(getattr(v, "text", v)))
    return out


def _means(label_value: str, claim, kind: str | None) -> bool:
    for i, value in enumerate(_values(claim)):
        k = kind if i == 0 else "date"
        if k is None:
            continue  # a text or entity value: only its date can carry the statement
        a, b = _bounds(k, label_value), _bounds(k, value)
        if a is None or b is None:
            continue
        if a == b or a == (b[0], b[0]) or a == (b[1], b[1]):
            return True
    return False


def _spans(doc: str, quote: str) -> list[tuple[int, int]]:
    """Where each part of a quote (split at '...') lies in the normalised document, in order."""
    spans, at = [], 0
    for part in (p.strip() for p in _norm(quote).split("...")):
        if not part:
            continue
        i = doc.find(part, at)
        if i < 0:
            i = doc.find(part)
        if i < 0:
            return []
        spans.append((i, i + len(part)))
        at = i + len(part)
    return spans


def _mentions(doc: str, sentence: str, text: str) -> list[int]:
    """Where the text lies after each occurrence of the sentence's start, in document order."""
    out, start = [], doc.find(sentence)
    while start >= 0:
        at = doc.find(text, start)
        if at >= 0 and at not in out:
            out.append(at)
        start = doc.find(sentence, start + 1)
    return out


def measure(base, labels: list[dict], doc: str, source: str) -> list[tuple[dict, bool]]:
    """Each label with whether a claim of the source captures it. The k-th label of one sentence
    and text (a digest repeating a sentence) is the text's k-th place after that sentence."""
    claims = [(c, _kind(base, c), _spans(doc, c.quote)) for c in base.claims if c.source == source and c.quote]
    out, seen = [], defaultdict(int)
    for lab in labels:
        sentence, text = _norm(lab["sentence"]), _norm(lab["text"])
        places = _mentions(doc, sentence, text)
        k = seen[(sentence, text)]
        seen[(sentence, text)] += 1
        at = places[k] if k < len(places) else -1
        ok = at >= 0 and any(
            any(s <= at and at + len(text) <= e for s, e in spans) and _means(lab["value"], c, kind)
            for c, kind, spans in claims)
        out.append((lab, ok))
    return out


def main() -> int:
    from spacefacts.loader import load_file

    if not SEEDS.is_dir():
        print(f"needs the seed documents in {SEEDS}", file=sys.stderr)
        return 2
    base, _ = load_file(ROOT / "facts.toml")
    total = [0, 0]
    rows, missed = [], []
    for number, source in SOURCES.items():
        labels = labels_of(number)
        if not labels:
            continue
        doc = _norm(document(number).read_text(encoding="utf-8"))
        result = measure(base, labels, doc, source)
        got = sum(ok for _, ok in result)
        total[0] += got
        total[1] += len(result)
        rows.append(f"{number}  {source:24} {got:4}/{len(result):<4} {100 * got / max(len(result), 1):5.1f}%")
        missed += [f"  {number} {lab['text']!r} = {lab['value']}  ({lab['sentence'][:60]})"
                   for lab, ok in result if not ok]
    print("doc  source                   captured")
    print("\n".join(rows))
    print(f"all  {'':24} {total[0]:4}/{total[1]:<4} {100 * total[0] / max(total[1], 1):5.1f}%")
    if missed and "--quiet" not in sys.argv:
        print("\nnot captured:")
        print("\n".join(missed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
