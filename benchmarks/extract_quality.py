"""How well `spacefacts extract` and `verify` do on the seed documents (../shared/seeds).

    python benchmarks/extract_quality.py            # every figure
    python benchmarks/extract_quality.py --libraries  # also dateparser and quantulum3 on the same labels
                                                      # (pip install dateparser quantulum3 first)
    python benchmarks/extract_quality.py --splitters  # also sentence splitters inside paragraphs
                                                      # (pip install pysbd blingfire nltk first)

1. extract, against the labelled set tests/labels/*.toml (every dated or numeric statement of
   documents 000-004 with the value expected; the files are grouped by their `document`, so one
   document's labels may be split, as 004a.toml and 004b.toml are): recall (labels found with the
   right value, in the right sentence) and precision (proposed values that are right), per document.
   The aim (issue 14) is set on 000-003; 004 is reported beside it.
2. linking, against the curated claims of each source in facts.toml: the share of its date and
   quantity claims for which a statement of the same sentence proposes the same subject, property
   and value; once with the shipped base, once held out (extracted against the base without that
   source's claims: linking's priors, the (subject, property) pairs and entity kinds the base has,
   then do not include the answers).
3. verify, per document 000-004: a copy of the shipped base without that source's claims, the document
   verified against it. "check finds" are the (subject, property) of the source's date and quantity
   claims that take part
   in a conflict of the full base on another side than some other source's claim; "reported" are
   those verify reports as a conflict. "false conflicts" are conflicts verify reports where the base
   (with the source in place) has the statement's value and check finds no conflict about it; a
   conflict that some base claims support is counted apart (the base itself is split there).
4. speed: extract + verify of the largest document (004, Ifri) against the shipped base, best of 5,
   and as a ratio to loading facts.toml in the same run (the machine may be busy).
5. --libraries: the project's spotting (evidence.py dates, extract.py amounts) against dateparser's
   search_dates and quantulum3's parser on the same sentences and labels, per kind. A library's hit
   is right when a label of its sentence has its value (a dateparser date inside the label's interval,
   with a word in common; a quantulum3 value equal to the label's, or its range's ends).
"""

from __future__ import annotations

import sys
import time
import tomllib
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
LABELS = ROOT / "tests" / "labels"
SOURCES = {"000": "spacenews-2022", "001": "jiemian-2025", "002": "promo-shanghai-cosmos", "003": "caixin-2025",
           "004": "ifri-2021"}


def same_value(kind: str, a: str, b: str) -> bool:
    """Two values mean the same interval (dates) or the same bounds (quantities)."""
    from spacefacts.dates import parse_date
    from spacefacts.quantities import parse_quantity

    try:
        if kind == "date":
            x, y = parse_date(a), parse_date(b)
            return (x.earliest, x.latest) == (y.earliest, y.latest)
        x, y = parse_quantity(a), parse_quantity(b)
        return (x.low, x.high) == (y.low, y.high) or (x.value == y.value and x.qualifier == y.qualifier)
    except ValueError:
        return a == b


def _in(prefix: str, sentence: str) -> bool:
    return _norm(prefix) in _norm(sentence)


def _norm(text: str) -> str:
    """normalise(), list markers and quote elisions aside ("2015:\n- China's" = "2015: ... China's")."""
    from spacefacts.text import normalise

    return normalise(text).replace(": ... ", ": ").replace(": - ", ": ")


def document(number: str) -> Path:
    return next(SEEDS.glob(f"{number}_*.txt"))


def extraction(base, number: str):
    from spacefacts.document import read_document
    from spacefacts.extract import document_source, extract

    return extract(base, read_document(document(number)), document_source(base, SOURCES[number], None))


def labels_of(number: str) -> list[dict]:
    """The labelled statements of document `number`, from every label file whose `document` is it."""
    out = []
    for path in sorted(LABELS.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        if data["document"].startswith(f"{number}_"):
            out += data["statements"]
    return out


def label_scores(base, number: str) -> tuple[int, int, int, int]:
    """(labels found, labels, statements right, statements)."""
    labels = labels_of(number)
    statements = extraction(base, number).statements

    def fits(label: dict, st) -> bool:
        return _in(label["sentence"], st.sentence.text) and same_value(st.mention.kind, label["value"], st.mention.value)

    found = sum(any(fits(lab, st) for st in statements) for lab in labels)
    right = sum(any(fits(lab, st) for lab in labels) for st in statements)
    return found, len(labels), right, len(statements)


def linking(base, number: str, curated=None) -> tuple[int, int]:
    """(curated date and quantity claims the extraction proposes exactly, such claims): the document
    extracted against `base`, the claims of its source taken from `curated` (default: `base`)."""
    from spacefacts.model import DATE, QUANTITY

    statements = [st for st in extraction(base, number).statements if st.linked]
    curated = curated or base
    claims = [c for c in curated.claims if c.source == SOURCES[number] and c.quote
              and base.properties[c.property].type in (DATE, QUANTITY)]
    kind = {DATE: "date", QUANTITY: "quantity"}
    hits = 0
    for c in claims:
        parts = [p.strip() for p in _norm(c.quote).split("...") if p.strip()]
        hits += any(all(p in _norm(st.sentence.text) for p in parts) and (st.subject, st.property) == (c.subject, c.property)
                    and same_value(kind[base.properties[c.property].type], str(c.raw), st.mention.value)
                    for st in statements)
    return hits, len(claims)


def verify_scores(base, number: str) -> dict:
    from spacefacts.model import DATE, QUANTITY
    from spacefacts.truth import analyze
    from spacefacts.verify import CONFLICTS, verify

    sid = SOURCES[number]
    full = analyze(base)
    disputed = set()  # (subject, property) where a claim of sid sits on another side than another source's claim
    for conflict in full.conflicts:
        if base.properties[conflict.property].type not in (DATE, QUANTITY):
            continue  # extract reads dates and amounts only
        for side in conflict.sides:
            if any(c.source == sid for c in side.claims) and any(
                    c.source != sid for s in conflict.sides if s is not side for c in s.claims):
                disputed.add((conflict.subject, conflict.property))
    rest = replace(base, claims=tuple(c for c in base.claims if c.source != sid))
    result = verify(rest, extraction(rest, number))
    reported = {(v.statement.subject, v.statement.property) for v in result.verdicts if v.verdict == CONFLICTS}
    in_conflict = {c.id for conflict in full.conflicts for c in conflict.claims}
    false = 0
    for v in result.verdicts:
        if v.verdict != CONFLICTS:
            continue
        st = v.statement
        mine = [c for c in base.claims if c.source == sid and (c.subject, c.property) == (st.subject, st.property)]
        if any(c.id not in in_conflict and same_value(st.mention.kind, str(c.raw), st.mention.value) for c in mine):
            false += 1
    linked_conflicts = sum(v.verdict == CONFLICTS for v in result.verdicts)
    split = sum(v.verdict == CONFLICTS and bool(v.supporting) for v in result.verdicts)
    return {"check": len(disputed), "reported": len(disputed & reported), "false": false, "split": split,
            "conflicts": linked_conflicts, "statements": len(result.verdicts), "missed": sorted(disputed - reported)}


def speed(base) -> tuple[float, float, float]:
    """(extract + verify of 004, loading the shipped facts.toml, the CPU time of the first): seconds,
    best of 5 each, measured in turns so that a busy machine slows both alike."""
    from spacefacts.document import read_document
    from spacefacts.extract import document_source, extract
    from spacefacts.loader import load_file
    from spacefacts.verify import verify

    best, load, cpu = float("inf"), float("inf"), float("inf")
    for _ in range(5):
        t0, c0 = time.perf_counter(), time.process_time()
        text = read_document(document("004"))
        verify(base, extract(base, text, document_source(base, "ifri-2021", None)))
        t1, c1 = time.perf_counter(), time.process_time()
        load_file(ROOT / "facts.toml")
        best, load, cpu = min(best, t1 - t0), min(load, time.perf_counter() - t1), min(cpu, c1 - c0)
    return best, load, cpu


def library_scores(base) -> dict[str, list[int]]:
    """[labels found, labels, hits right, hits] per spotter and kind, over documents 000-003."""
    import datetime as dt
    import warnings

    import dateparser.search
    from quantulum3 import parser as qparser

    from spacefacts.dates import parse_date
    from spacefacts.document import read_document, split_sentences
    from spacefacts.quantities import parse_quantity

    warnings.filterwarnings("ignore")
    scores = {k: [0, 0, 0, 0] for k in ("project dates", "dateparser", "project amounts", "quantulum3")}
    for number in ("000", "001", "002", "003"):
        labels = labels_of(number)
        src = base.sources[SOURCES[number]]
        pub = src.published
        rel = dt.datetime.combine(pub.latest if pub and not pub.open_end else dt.date.today(), dt.time())
        mine = extraction(base, number).statements
        for kind, lib in (("date", "dateparser"), ("quantity", "quantulum3")):
            wanted = [lab for lab in labels if _kind(lab["value"]) == kind]
            ours = [st for st in mine if st.mention.kind == kind]
            key = "project dates" if kind == "date" else "project amounts"
            fits = lambda lab, st: _in(lab["sentence"], st.sentence.text) and same_value(kind, lab["value"], st.mention.value)  # noqa: E731
            scores[key][0] += sum(any(fits(lab, st) for st in ours) for lab in wanted)
            scores[key][1] += len(wanted)
            scores[key][2] += sum(any(fits(lab, st) for lab in wanted) for st in ours)
            scores[key][3] += len(ours)
            hits = []  # (sentence, text, value)
            for sent in split_sentences(read_document(document(number))):
                if kind == "date":
                    found = dateparser.search.search_dates(sent.text, languages=["en"], settings={
                        "RELATIVE_BASE": rel, "PREFER_DATES_FROM": "past"}) or []
                    hits += [(sent.text, text, when.date()) for text, when in found]
                else:
                    hits += [(sent.text, q.surface, (q.value, q.uncertainty)) for q in qparser.parse(sent.text)]

            def right(lab: dict, hit) -> bool:
                sentence, text, value = hit
                if not _in(lab["sentence"], sentence):
                    return False
                if kind == "date":
                    d = parse_date(lab["value"])
                    common = set(lab["text"].lower().split()) & set(text.lower().replace(",", " ").split())
                    return d.earliest <= value <= d.latest and bool(common)
                q = parse_quantity(lab["value"])
                v, unc = value
                return v == q.value or (unc is not None and (v - unc, v + unc) == (q.low, q.high))

            scores[lib][0] += sum(any(right(lab, h) for h in hits) for lab in wanted)
            scores[lib][1] += len(wanted)
            scores[lib][2] += sum(any(right(lab, h) for lab in wanted) for h in hits)
            scores[lib][3] += len(hits)
    return scores


def _splitters() -> dict:
    """Paragraph splitters to compare: the project's, and each library that is installed."""
    from spacefacts.document import _split_paragraph

    out = {"project": _split_paragraph}
    try:
        import pysbd

        seg = pysbd.Segmenter(language="en", clean=False)
        out["pysbd 0.3"] = lambda flat: [p.strip() for p in seg.segment(flat) if p.strip()]
    except ImportError:
        pass
    try:
        import blingfire

        out["blingfire"] = lambda flat: [p for p in blingfire.text_to_sentences(flat).split("\n") if p.strip()]
    except ImportError:
        pass
    try:
        from nltk.tokenize.punkt import PunktSentenceTokenizer

        punkt = PunktSentenceTokenizer()  # untrained: the trained model is a download, not a package
        out["nltk punkt"] = punkt.tokenize
    except ImportError:
        pass
    return out


def splitter_scores(base) -> dict[str, str]:
    """Per splitter: the label scores, held-out linking and 004's verify figures with extract using
    it, and the time to split the five documents."""
    import functools

    import spacefacts.extract as ex
    from spacefacts.document import read_document, split_sentences

    texts = [read_document(document(n)) for n in SOURCES]
    out = {}
    original = ex.split_sentences
    for name, fn in _splitters().items():
        ex.split_sentences = functools.partial(split_sentences, paragraph=fn)
        try:
            f = n = r = m = 0
            for number in ("000", "001", "002", "003"):
                a, b, c, d = label_scores(base, number)
                f, n, r, m = f + a, n + b, r + c, m + d
            hits = total = 0
            for number, sid in SOURCES.items():
                rest = replace(base, claims=tuple(c for c in base.claims if c.source != sid))
                h, t = linking(rest, number, base)
                hits, total = hits + h, total + t
            v = verify_scores(base, "004")
            best = float("inf")
            for _ in range(3):
                t0 = time.perf_counter()
                for text in texts:
                    split_sentences(text, paragraph=fn)
                best = min(best, time.perf_counter() - t0)
        finally:
            ex.split_sentences = original
        out[name] = (f"{f}/{n} = {f / n:.1%}; {r}/{m} = {r / m:.1%} | {hits}/{total} = {hits / total:.1%} | "
                     f"{v['reported']}/{v['check']} reported, {v['conflicts']} conflicts | {best * 1000:.0f} ms")
    return out


def _kind(value: str) -> str:
    from spacefacts.dates import parse_date

    try:
        parse_date(value)
        return "date"
    except ValueError:
        return "quantity"


def main() -> int:
    from spacefacts.loader import load_file

    if not SEEDS.is_dir():
        print(f"no seed documents at {SEEDS}", file=sys.stderr)
        return 2
    base, _ = load_file(ROOT / "facts.toml")
    print("extract against tests/labels (value in the right sentence)")
    total = [0, 0, 0, 0]
    for number in SOURCES:
        f, n, r, m = label_scores(base, number)
        if number == "004":
            f0, n0, r0, m0 = total
            print(f"  000-003  recall {f0}/{n0} = {f0 / n0:.1%}   precision {r0}/{m0} = {r0 / m0:.1%}")
        total = [a + b for a, b in zip(total, (f, n, r, m))]
        print(f"  {number}  recall {f}/{n} = {f / n:.1%}   precision {r}/{m} = {r / m:.1%}")
    f, n, r, m = total
    print(f"  all  recall {f}/{n} = {f / n:.1%}   precision {r}/{m} = {r / m:.1%}")
    print("linking against the curated date and quantity claims (same sentence, subject, property, value);")
    print("  with the shipped base, then held out (the base without the source's claims, which linking learns from)")
    for number in SOURCES:
        h, n = linking(base, number)
        rest = replace(base, claims=tuple(c for c in base.claims if c.source != SOURCES[number]))
        hh, _ = linking(rest, number, base)
        print(f"  {number}  {h}/{n} = {h / max(n, 1):.1%}   held out {hh}/{n} = {hh / max(n, 1):.1%}")
    print("verify with the source's own claims removed from the base")
    for number in SOURCES:
        s = verify_scores(base, number)
        print(f"  {number}  check finds {s['check']}, reported as conflicts {s['reported']}; "
              f"false conflicts {s['false']}; conflicts {s['conflicts']} of {s['statements']} statements"
              f" ({s['split']} also supported by some base claims: the base is split there)"
              + (f"; missed {s['missed']}" if s["missed"] else ""))
    took, load, cpu = speed(base)
    print(f"speed: extract + verify of 004 (77 KB) against the shipped base: {took * 1000:.0f} ms (best of 5; "
          f"CPU {cpu * 1000:.0f} ms), {took / load:.1f}x the load of facts.toml ({load * 1000:.0f} ms) in the same run")
    if "--splitters" in sys.argv:
        print("sentence splitters inside paragraphs (the project's blocks, list items and footnotes kept), 000-004:")
        print("  labels recall; precision (000-003) | linking held out (000-004) | 004 verify | split time, best of 3")
        for name, row in splitter_scores(base).items():
            print(f"  {name:18} {row}")
    if "--libraries" in sys.argv:
        print("spotting on the labelled set, 000-003 (recall; precision)")
        for name, (f, n, r, m) in library_scores(base).items():
            print(f"  {name:16} recall {f}/{n} = {f / n:.1%}   precision {r}/{max(m, 1)} = {r / max(m, 1):.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
