"""The rule table: every code spacefacts reports, in code order, as plain data.

One entry per rule (as ruff's codes.rs): the code (SF + three digits), a kebab-case name, the default
severity, the stage it runs in, its status, a one-line summary and its documentation in Markdown with
four parts: what it checks, why it matters, an example, how to fix. `spacefacts rules`,
`spacefacts rule CODE` and docs/rules.md are rendered from this table and nothing else; this module
imports nothing of spacefacts, so any module may read it without loading the checks.

Code ranges:
  SF0xx  the file itself (reserved)
  SF1xx  format and references (produced by the loader)
  SF2xx  evidence: quotes, values in quotes, relative dates
  SF3xx  consistency between claims and property constraints
  SF4xx  entities

Stage: "lint" (format, evidence: `spacefacts lint` and `check`) or "check" (consistency and entities:
`spacefacts check` only).

Status: "stable"; "preview" (a new rule still settling); "removed" (retired: kept here, with its doc
saying what replaced it, so that an old `accepted` entry or `--select` still names a known code, and
produced by nothing). A retired code is never reused for another rule.

Who produces a code: the loader (SF1xx), or the check functions listed in spacefacts.checks.CHECKS,
each with the codes it produces. Most checks see the fact base only; a "finalizing" check runs after
every other one in the same loop and receives all the findings made before it, the loader's
included: SF310 (accepted-unused) is one, since it judges each `accepted` entry against the rest.
tests/test_architecture.py holds the two lists to each other: every code here has a producer, no
code is listed twice, and a removed code is produced by nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class Severity(IntEnum):
    INFO = 0
    WARNING = 1
    ERROR = 2

    def __str__(self) -> str:
        return self.name.lower()


STAGES = ("lint", "check")
STATUSES = ("stable", "preview", "removed")


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str  # one line
    doc: str  # Markdown: what it checks, why it matters, example, fix (surrounding blank lines dropped)
    stage: str = "lint"  # one of STAGES
    status: str = "stable"  # one of STATUSES

    def __post_init__(self) -> None:
        object.__setattr__(self, "doc", self.doc.strip())


MAX_QUOTE = 200  # SF204: the longest quote, in characters (checks/evidence.py holds claims to it)

TABLE: tuple[Rule, ...] = (
    Rule("SF101", "unknown-source", Severity.ERROR, stage="lint", status="stable",
         summary="A claim cites a source id that no [sources.<id>] table declares.",
         doc="""
## What it does
Checks that the `source` of every claim names a declared `[sources.<id>]` table, and suggests the closest id.

## Why it matters
A claim whose source cannot be found cannot be weighed or verified; it is usually a typo.

## Example
```toml
[sources.caixin-2025]
title = "Cover Story"

[[claims]]
source = "caixn-2025"   # SF101 unknown source 'caixn-2025' (did you mean 'caixin-2025'?)
```

## How to fix
Correct the id, or declare the source.
"""),
    Rule("SF102", "unknown-entity", Severity.ERROR, stage="lint", status="stable",
         summary="A subject, link, distinct_from or entity value names no declared entity.",
         doc="""
## What it does
Checks that claim subjects, entity links (operator, parent, located_in, developer, program, vehicle, owner, manufacturer),
`distinct_from` lists and values of entity-typed properties name a declared `[entities.<id>]`.

## Why it matters
A dangling entity id splits facts about one thing under two names, or attaches them to nothing.

## Example
```toml
[[claims]]
subject = "spacesial"   # SF102 unknown entity 'spacesial' (did you mean 'spacesail'?)
```

## How to fix
Correct the id, or declare the entity.
"""),
    Rule("SF103", "unknown-property", Severity.ERROR, stage="lint", status="stable",
         summary="A claim or a property constraint names no known property.",
         doc="""
## What it does
Checks that claim `property` fields and the property fields `before`, `count_of`, `sum_of` and `confirmed_by` name a
built-in property or a declared `[properties.<id>]`.

## Why it matters
Without its property a claim's value cannot be typed, compared or placed on the timeline.

## Example
```toml
[[claims]]
property = "planed_size"   # SF103 unknown property 'planed_size' (did you mean 'planned_size'?)
```

## How to fix
Correct the id, or declare the property with its `type`.
"""),
    Rule("SF104", "unknown-field", Severity.WARNING, stage="lint", status="stable",
         summary="A table has a field the format does not define.",
         doc="""
## What it does
Reports every key the format does not define, in any table, with the closest known field name.

## Why it matters
A misspelt field is silently ignored: `qoute = "..."` leaves the claim without a quote. It is a warning
because the rest of the record still loads.

## Example
```toml
[sources.caixin-2025]
titel = "Cover Story"   # SF104 unknown field 'titel' in source 'caixin-2025' (did you mean 'title'?)
```

## How to fix
Correct the spelling, or move the information into `note` or `description`.
"""),
    Rule("SF105", "missing-field", Severity.ERROR, stage="lint", status="stable",
         summary="A record lacks a required field.",
         doc="""
## What it does
Checks required fields: a source's `title`; an entity's `name` and `kind`; a property's `type` (built-in
properties excepted); a claim's `id`, `subject`, `property`, `value` and `source`; an accepted finding's
`code` and `reason`.

## Why it matters
Without them the record cannot be shown or checked. A claim without `id` is still loaded under a derived
id (`claim-N`, its position in the file) so that other checks can run.

## Example
```toml
[[claims]]
id = "guowang-size"
subject = "guowang"
property = "planned_size"
source = "spacenews-2023"   # SF105 claim 'guowang-size' has no 'value' (required)
```

## How to fix
Add the field.
"""),
    Rule("SF106", "wrong-type", Severity.ERROR, stage="lint", status="stable",
         summary="A field has the wrong TOML type.",
         doc="""
## What it does
Checks the TOML type of every field: strings, booleans, numbers, lists of strings, tables.
Dates may be strings, bare years (`2021`) or TOML dates (`2021-04-29`).

## Why it matters
A wrongly typed field cannot be used; the loader ignores it and falls back to the default.

## Example
```toml
[sources.caixin-2025]
title = "Cover Story"
trust = "high"          # SF106 field 'trust' of source 'caixin-2025' must be a number, not string
```

## How to fix
Write the value with the type given in docs/format.md (`trust = 0.8`, `aliases = ["x"]`, `hedged = true`).
"""),
    Rule("SF107", "duplicate-id", Severity.ERROR, stage="lint", status="stable",
         summary="Two claims have the same id, or two files of one fact base declare the same id or setting.",
         doc="""
## What it does
Reports every claim whose `id` was already used by an earlier claim. In a fact base that spans files
(`[settings] include`, or `check --together`), also a source, entity or property id declared in a second
file, a claim id a second file uses again, and a setting given in a second file: the first (the fact file,
then the included files in order) is kept and the second is reported where it is written.

## Why it matters
Claim ids are how findings are accepted and how reports refer to claims; a repeated id makes both ambiguous.
A record declared in two files would silently take one file's fields and drop the other's.

## Example
```toml
[[claims]]
id = "spacesail-size"
# ...
[[claims]]
id = "spacesail-size"   # SF107 duplicate claim id 'spacesail-size'
```

## How to fix
Give each claim its own id.
"""),
    Rule("SF108", "invalid-date", Severity.ERROR, stage="lint", status="stable",
         summary="A date cannot be read.",
         doc="""
## What it does
Parses every date (`published`, `when`, `as_of`, date values, date bounds) and reports the ones it cannot read.

## Why it matters
An unreadable date cannot be placed on the timeline or compared.

## Example
```toml
when = "2021-13"   # SF108 invalid month
```

## How to fix
Use one of the date forms in docs/format.md: `2021`, `2021-04`, `2021-04-29`, `2020~`, `early 2020`, `Q2 2016`,
`2020-01/2020-04`, ...
"""),
    Rule("SF109", "invalid-quantity", Severity.ERROR, stage="lint", status="stable",
         summary="A quantity value cannot be read.",
         doc="""
## What it does
Parses every value of a quantity property and reports the ones it cannot read.

## Why it matters
An unreadable quantity cannot be compared with other claims or summed.

## Example
```toml
value = "lots of satellites"   # SF109
```

## How to fix
Write a number with an optional qualifier and unit: `13000`, `"around 13,000"`, `"more than 14,000"`,
`"500 to 600"`, `"6.7 billion yuan"`.
"""),
    Rule("SF110", "invalid-value", Severity.ERROR, stage="lint", status="stable",
         summary="A field has a value outside its allowed set or range.",
         doc="""
## What it does
Checks enumerated fields (source `kind`, entity `kind`, property `type`, claim `rank`) and ranges
(`trust` in 0..1, `hedged_weight` in 0..1, thresholds in 0..100, `tolerance` not negative, `minimum`/`maximum`
only on date and quantity properties).

## Why it matters
An unknown kind or an out-of-range number usually hides a typo and changes how the claim is weighed.

## Example
```toml
[sources.x]
title = "X"
trust = 1.5   # SF110 trust 1.5 of source 'x' is outside 0..1
```

## How to fix
Use one of the listed values, or a number in range.
"""),
    Rule("SF111", "unknown-rule-code", Severity.ERROR, stage="lint", status="stable",
         summary="An accepted finding or a settings list names no rule.",
         doc="""
## What it does
Checks the codes in claim `accepted` lists (exact codes) and in `[settings]` `select`/`ignore` (codes or
prefixes such as `SF2`, or `ALL`).

## Why it matters
An accepted finding with a mistyped code accepts nothing, and the finding keeps failing the build.

## Example
```toml
accepted = [{ code = "SF3001", reason = "sources disagree" }]   # SF111 unknown rule code 'SF3001'
```

## How to fix
Use a code listed by `spacefacts rules`.
"""),
    Rule("SF112", "value-type-mismatch", Severity.ERROR, stage="lint", status="stable",
         summary="A claim's value does not fit its property's type.",
         doc="""
## What it does
Checks that a claim's `value` has the shape its property's type needs: a date for `date`, a number or quantity
text for `quantity`, a string for `text` and `entity`, a list of strings for `list`.

## Why it matters
A value of the wrong shape cannot be compared with other claims about the same property.

## Example
```toml
[[claims]]
property = "founded"
value = ["2020", "2021"]   # SF112 value must be a date for date property 'founded', not list
```

## How to fix
Write one value per claim, in the property's type; make two claims for two sources' values.
"""),
    Rule("SF113", "alias-reference", Severity.INFO, stage="lint", status="preview",
         summary="A subject, link or entity value names an entity by an alias; it resolves to the entity.",
         doc="""
## What it does
A claim's `subject`, an entity value, or a link field (`operator`, `parent`, ..., `distinct_from`) may
name an entity by its id, its name or one of its `aliases` (compared ignoring case, accents,
punctuation and spacing). A name or alias resolves to the entity and is reported here, as info,
with the entity's id. A name two entities share is not resolved: it is SF102, naming both.

## Why it matters
Names are easier to type than ids, but ids stay put when a name or an alias changes. A team that
wants ids only turns this finding into a failing one with `--select SF113` and `--show-info` in
review, or by replacing the names (the message gives the id).

## Example
```toml
[entities.spacesail]
name = "Shanghai Spacesail Technologies"
kind = "company"
aliases = ["Qianfan"]

[[claims]]
subject = "qianfan"   # SF113 'qianfan' is entity 'spacesail'
```

## How to fix
Nothing needs fixing; write the id (`subject = "spacesail"`) to silence it.
"""),
    Rule("SF114", "unit-declaration", Severity.ERROR, stage="lint", status="preview",
         summary="A [units] declaration cannot be used: unreadable, unknown, contradictory or circular.",
         doc="""
## What it does
Reads the `[units]` table (docs/format.md, Units), where each key is a unit and its value an amount of
another unit (`t = "1000 kg"`) or another unit's name (`tonnes = "t"`, an alias). A declaration is
refused, and converts nothing, when its amount does not read as one positive amount of a unit; when it
declares one currency in another (exchange rates move: no fixed factor is true); when it declares a unit
in terms of itself with a factor other than 1; when one unit is declared twice in two ways (`tonne` and
`tonnes` are one unit); or when declarations go round in a cycle (`a = "2 b"`, `b = "0.5 a"`). A
declaration whose units (it, its target and every unit converting to them) include none that a property
or a claim is in is an unknown unit: most likely a misspelt target. A value that is not a string is
SF106.

## Why it matters
A conversion that cannot be used silently leaves values in the unit they were written in, so SF209
refuses them and `check` does not compare them; a made-up exchange rate would make false agreements.

## Example
```toml
[units]
kg = "0.001 tonnnes"   # SF114 [units] kg = "0.001 tonnnes": unknown unit 'tonnnes' (...) (did you mean 'tonnes'?)
usd = "7.1 yuan"       # SF114 a currency does not convert to another by a fixed factor
```

## How to fix
Spell the target as a property's `unit` is spelled; declare each unit once, in terms of a unit that is
not declared in terms of it; keep amounts in different currencies in claims of their own.
"""),
    Rule("SF115", "include-problem", Severity.ERROR, stage="lint", status="preview",
         summary="An include of [settings] matches no file, leaves the fact file's folder tree or makes a cycle.",
         doc="""
## What it does
`[settings] include = ["catalogue/*.toml"]` names further fact files (glob patterns, relative to the
file that has the setting) that are loaded and checked with it as one fact base. This rule reports an
include that matches no file, one that is absolute or matches a file outside the folder tree of the fact
file named on the command line, one that matches the file itself, and one that would include a file
that (directly or through others) includes it: a cycle. Such a file is not read.

## Why it matters
A catalogue that is silently not included is a catalogue that is silently not checked: every conflict
with it goes unreported. Reading files outside the fact file's tree would let a fact file make the tool
read anything.

## Example
```toml
[settings]
include = ["catalog/*.toml"]   # SF115 include 'catalog/*.toml' of facts.toml: it matches no file; not read
```

## How to fix
Correct the pattern (the folder is `catalogue/`), move the file into the fact file's folder tree, or
remove the include that closes the cycle.
"""),
    Rule("SF201", "quote-not-found", Severity.ERROR, stage="lint", status="stable",
         summary="The quote is not in the source's local text.",
         doc="""
## What it does
Looks for the claim's `quote` in the local text of its source (the source's `text` file, or the file of
that name under `--texts DIR`). Both sides are normalised first: typographic quotes, apostrophes and
dashes become plain ones, runs of whitespace (line breaks too) become one space, and case is ignored.
An exact match of the normalised quote is accepted at once. Otherwise the best fuzzy match
(rapidfuzz `partial_ratio`, 0-100) must reach `quote_threshold` in `[settings]` (default 90).
A quote with an ellipsis (`...` or `…`) matches when each part is found, in order.
Fuzzy matching forgives typos in words, not in numbers: every number of the quote must be in the
matched span. A claim that cites a `record` of a catalogue or table instead of a quote is checked the
same way when its source has a local text: the record must be in it, as whole words (`1957 ALP`), and
`line N` must be one of its lines.

## Why it matters
A claim is only as good as its evidence. A quote that is not in the document was mistyped,
paraphrased, or taken from a different source, and nobody can check the claim against its words.

## Example
```toml
[[claims]]
quote = "launched 18 rockets into high Earth orbit"   # the text: "launched 18 satellites into low Earth orbit"
```
reports `quote not found in 003_5b93cdf9b358ea2b.txt (best match 76 < 90: 'launched 18 satellites into low
Earth orbit')`; `"launched 19 satellites into low Earth orbit"` scores 98 but is refused because the
text there has no 19.

## How to fix
Copy the words from the document verbatim, or point the claim at the source that says them.
Line breaks and curly quotes do not matter. Lower `quote_threshold` only for texts with OCR noise.
"""),
    Rule("SF202", "value-not-in-quote", Severity.ERROR, stage="lint", status="stable",
         summary="The claim's value does not appear in its quote.",
         doc="""
## What it does
Checks that the quote carries the claim's value. Quantities: the nominal number (or both ends of a range)
appears in any common written form (`13,000`, `13000`, `13 thousand`, `6.7 billion`, `eighteen`).
Dates: a date written in the quote (`Feb. 16`, `January 23, 2025`, `December 2024`, `2021`,
`early 2020`, `summer 2020`, `Q2 2016`) overlaps the claim's date and is at least as precise; a date without a year
takes the claim's year. Text values must appear as words (whole, or their first comma-separated part:
`Minhang District` for `Minhang District, Shanghai`), entity values under any of the entity's names,
list values item by item. When the quote gives the date only relatively ("last year"), SF203 checks it
instead.
A date in the form a cue right before the quote's date asks for (SF210: `../2024-07` for "before August
2024") is stated by the quote.

## Why it matters
A quote that does not contain the value does not support the claim: the value was typed wrongly,
or the quote was cut from the wrong sentence.

## Example
```toml
[[claims]]
property = "launch"
value = "2021-03-16"
quote = "the rocket lifted off on Feb. 16"
```

## How to fix
Correct the value, or choose the sentence of the document that states it.
"""),
    Rule("SF203", "relative-date-mismatch", Severity.ERROR, stage="lint", status="stable",
         summary="A relative date in the quote does not agree with the claim's date.",
         doc="""
## What it does
Finds relative dates in the quote — `this year`, `last year`, `next year`, `this month`, `last week`,
`yesterday`, a weekday (`on Wednesday`), a month without a year (`in December`) — and resolves them
against the source's `published` date. The claim's date (its value for date properties, otherwise
`when`, else `as_of`, else the publication date itself) must overlap what the quote means.
A month named alone is the latest such month on or before publication (for plans and future
wording, also the next one); `August last year` and `next December` are resolved as written.

## Why it matters
Relative dates are the most common way a curated date goes wrong: "in December" in an article of
February 2025 is December 2024, not December 2025.

## Example
```toml
[sources.caixin-2025]
published = "2025-02"

[[claims]]
value = 648
when = "2024"
quote = "plans to add 648 satellites this year"    # this year = 2025
```

## How to fix
Date the claim by the article's publication date, or correct the source's `published` date.
"""),
    Rule("SF204", "quote-too-long", Severity.WARNING, stage="lint", status="stable",
         summary=f"The quote is longer than {MAX_QUOTE} characters.",
         doc=f"""
## What it does
Warns when a claim's quote is longer than {MAX_QUOTE} characters.

## Why it matters
Quotes are short evidence, not copies of the document: a short quote is easy to check and keeps the
source's text out of the project.

## Example
A quote that copies a whole paragraph.

## How to fix
Keep the words that carry the value and cut the rest.
"""),
    Rule("SF205", "quote-not-verifiable", Severity.INFO, stage="lint", status="stable",
         summary="A source has no local text to check its claims' quotes.",
         doc="""
## What it does
Notes, once per source, that the quotes of its claims cannot be checked because the source has no
readable local text, and how many they are: the source has no `text`, its file is not beside the fact
file and no texts folder was given, or the file was not found in the given folder (SF208), could not
be read (SF208) or was refused (SF206). The finding points at the source; no claim gets one of its own.

Like every info finding, it is hidden in the text and github reports unless `--show-info` (or
`--verbose`) is given; the summary on stderr counts these quotes instead:
`quotes not verified: 311 claims from 5 sources without local texts (--texts DIR)`.
JSON and SARIF list it (severity `info`, level `note`).

## Why it matters
Such quotes are taken on trust. Counting them shows how much of the fact base is verified.

## Example
```toml
[sources.wiki]
kind = "reference"
url = "https://en.wikipedia.org/wiki/Long_March_6"
```
with two quoted claims citing `wiki` reports
`2 quotes not verified: source 'wiki' has no local text (it names no text file)`.

## How to fix
Nothing is wrong. To verify the quotes, save the document and set the source's `text`, or pass
`--texts DIR`.
"""),
    Rule("SF206", "text-outside-tree", Severity.ERROR, stage="lint", status="stable",
         summary="A source's text path points outside the fact file's folder and was not read.",
         doc="""
## What it does
Refuses a source `text` path that resolves outside the folder of the fact file: `..` segments,
absolute paths, or symbolic links that lead out. The file is not read. A file of the same name in
the folder given with `--texts DIR` is still used. The same holds for the `[settings] texts` folder:
one outside the fact file's folder tree is reported here and not read.

## Why it matters
A fact file should not make the tool read arbitrary files (`/etc/passwd`, a home directory) and show
pieces of them in its reports.

## Example
```toml
[sources.x]
text = "../../etc/passwd"

[settings]
texts = "/home"
```

## How to fix
Keep the texts beside the fact file, or name their folder explicitly with `--texts DIR`.
"""),
    Rule("SF207", "missing-quote", Severity.WARNING, stage="lint", status="stable",
         summary="The claim has no quote.",
         doc="""
## What it does
Warns about a claim without a `quote`, unless its source is of kind `reference` (an official site or
standard reference, where there is no document text to quote).

## Why it matters
Without the source's words nobody can tell whether the source really says it.

## Example
```toml
[[claims]]
subject = "spacesail"
property = "satellites_in_orbit"
value = 72
source = "caixin-2025"
```

## How to fix
Add the short verbatim sentence part that states the value.
"""),
    Rule("SF208", "text-not-found", Severity.WARNING, stage="lint", status="stable",
         summary="A source's text file is missing from the texts folder given, or could not be read.",
         doc="""
## What it does
Warns when a texts folder is given (`--texts DIR`, or `[settings] texts`) and a source names a `text`
file that exists neither there, by file name, nor beside the fact file; and, with or without a texts
folder, when a source's text file exists but cannot be read as UTF-8 text.

Without a texts folder, a file that is not beside the fact file is not a warning: the texts are often
kept elsewhere (the shipped facts.toml's are in `../shared/seeds`). That source's quotes are then
counted by SF205 (an info finding, hidden by default) and by the summary line.

## Why it matters
Naming the folder says the texts should be there: a file missing from it is a wrong name, a file not
copied, or the wrong folder, and the quotes of that source go unchecked (SF205 counts them).

## Example
```toml
[sources.caixin-2025]
text = "003_5b93cdf9b358ea2b.txt"   # spacefacts lint --texts ../shared/seeds: not in that folder
```

## How to fix
Copy the file into the folder, fix the name, or point `--texts` at the right folder.
"""),
    Rule("SF209", "unit-mismatch", Severity.ERROR, stage="lint", status="stable",
         summary="A quantity's unit does not agree with its property's unit.",
         doc="""
## What it does
Compares the unit a quantity value names (`"18 rockets"`) with the unit it should be in: the claim's
`unit`, else its property's `unit`. They agree when they are the same after normalising (docs/format.md,
Quantities), after singular and plural forms are made one (`rocket` = `rockets`, `satellite/year` =
`satellites/year`), or when one converts to the other: a conversion declared in the fact file's `[units]`
table (`t = "1000 kg"`: `"1,200 kg"` agrees with a property in `t`), or a scale word before a unit
(`billion yuan` is 10^9 yuan). A value that names no unit, or a property without a unit, always agrees.
When it refuses a value, the message names the expected unit and the units `[units]` declares as
converting to it. A value in a converting unit is compared with the others in the property's unit
(docs/format.md, Units).

## Why it matters
A count of rockets compared with counts of satellites makes a false conflict, or hides a real one;
the value was most likely typed from the wrong sentence.

## Example
```toml
[[claims]]
property = "satellites_launched"   # unit satellites
value = "18 rockets"               # SF209 value '18 rockets' is in rockets, but property 'satellites_launched' is in satellites
```

## How to fix
Write the value in the property's unit, declare the conversion in `[units]` when one unit is a fixed
multiple of the other (never between currencies), or use a property (or a claim `unit`) of the unit the
source gives.
"""),
    Rule("SF210", "qualifier-not-in-value", Severity.WARNING, stage="lint", status="stable",
         summary="A qualifier right before the value in the quote (by, since, more than...) is not in its form.",
         doc="""
## What it does
Reads the words right before the place where the quote states the value (found as SF202 finds it) and
checks that a qualifier there is carried by the value's form. The cue must stand immediately before the
date or number (`by the 1980s`, `more than RMB 7 billion`); a cue elsewhere in the sentence does not count.

| cue in the quote | the value must be | example |
|---|---|---|
| `before X`, `prior to X` | an interval ending the day before X begins | "before August 2024": `../2024-07` |
| `by X`, `no later than X` | an interval ending when X ends | "by 2030": `../2030`; "by the 1980s": `../1989` |
| `until X`, `till X` | an interval ending when X ends | "until 2030": `../2030` |
| `after X` | an interval starting once X is over (as `before X` ends before X begins, so that "by 2030" and "after 2030" conflict) | "after 2030": `2031/..` |
| `since X` | an interval starting with X | "since 2014": `2014/..` |
| `around`, `about`, `approximately`, `roughly`, `some`, `nearly`, `almost`, `circa` | approximate (or a range) | `around 13,000` |
| `more than`, `over`, `above`, `exceed`, `exceeds`, `exceeded`, `exceeding`, `in excess of`, `greater than` | a strict lower bound | `more than 500` |
| `at least`, `no fewer than`, `no less than`, `a minimum of` | a lower bound | `at least 50` |
| `up to`, `at most`, `no more than`, `not more than`, `a maximum of` | an upper bound | `up to 600`, `at most 600` |
| `fewer than`, `less than`, `under`, `below` | a strict upper bound | `fewer than 10` |

Where a cue does not apply:
- `since X` to a property that starts something, and `until X` to one that ends something: "founded
  since 2014" and "operated until 2015, when it was dissolved" rightly take `2014` and `2015`. A property
  starts something when it is ordered `before` another, or when a word of its id or label begins with
  found, establish, start, begin/began, first, launch, open, incept, incorporat, creat, introduc, debut,
  inaugur, initiat, adopt, sign, enact, join or took; it ends something when another property is ordered
  `before` it, or a word begins with dissolv, end, ceas, clos, terminat, retir, withdr, expir,
  decommission, deorbit, abolish, shut, left or last.
- `not until X` (also `only`, `never`, `n't` up to three words before `until`): the event is at X.
- The quote states the value a second time without a cue.
- `when` and `as_of`: they say when the value held. A plan's `when` is its deadline, so "over 1,000
  satellites by 2027" is `value = "over 1,000"`, `when = "2027"`, and only `over` is read.
- Claims with a `record` instead of a quote.

A date value in the form a cue asks for (`../2024-07` for "before August 2024") is stated by the quote,
for SF202 too.

## Why it matters
"By 2030" and "after 2030" say different things about the same plan; written both as `2030`, they agree
and the contradiction is lost. An exact `13000` for "around 13,000" makes a false conflict with a
document that says 12,992; a bare `500` for "more than 500" contradicts one that says 520.

## Example
```toml
[[claims]]
property = "planned_completion"
value = "2030"       # SF210 quote says 'by 2030' but value '2030' is the year itself; write '../2030'
quote = "Its plans are now to establish a lunar base by 2030"

[[claims]]
property = "company_count"
value = 500          # SF210 quote says 'more than 500' but value '500' is exact, not a strict lower bound; write 'more than 500'
quote = "China now has more than 500 commercial space companies"
```

## How to fix
Write the value in the form the finding names. When the words mean otherwise (the cue belongs to another
part of the sentence), record it on the claim: `accepted = [{ code = "SF210", reason = "..." }]`.
"""),
    Rule("SF301", "value-conflict", Severity.ERROR, stage="check", status="stable",
         summary="Claims about one subject and property have values that cannot all be true.",
         doc="""
## What it does
Groups the counted claims (not deprecated) by subject, property and key. For a property that changes
over time (`temporal = true`) only claims whose as-of dates overlap are compared. Dates and quantities
are intervals: `2019` and `January 2019` agree, `early 2020` and `2021` do not; `around 13,000` and
`12,992` agree, `more than 14,000` and `13,000` do not. Text compares after normalising case, accents,
punctuation and spaces; entity values compare through entity ids, aliases and `parent`/`located_in`
links; lists compare as sets; a property's `compare` setting chooses another comparison (codes
`exact`, times `numeric`, places `hierarchy`: see docs/format.md). A more specific value (a city of
its province, "L1-9/I-19AMS" of "L1-9") is the same answer at a finer precision, and a side names the
most specific value the evidence supports. Each conflict names its sides, each with its confidence
(its share of the sides' TruthFinder odds: the shares add up to 1), the more likely side, and a cause:
`precision` (the intervals nearly touch, or spellings are near-identical), `out-of-date` (a temporal
property dated more than a year apart) or `error`.

The finding points at a claim of the least likely side (its last in the file), the claim most likely
to be wrong: when a new claim contradicts established ones, that is the new claim, so a CI annotation
lands on the line a change touched. The message names the other claims with their lines (the first
three), and `related` points at all of them. An `accepted` entry on any claim of the conflict accepts it;
the natural place is the claim the finding points at.

## Why it matters
Two documents that disagree cannot both be quoted as fact; a curator must know which claims clash,
why, and which value the evidence favours.

## Example
```toml
[[claims]]
id = "a"
subject = "satnet"
property = "founded"
value = "early 2020"
source = "report-2023"

[[claims]]
id = "b"
subject = "satnet"
property = "founded"
value = "2021"
source = "news-2024"
```

## How to fix
Check the source documents. Correct a misread value, deprecate a claim that is wrong
(`rank = "deprecated"`), or, when the sources genuinely disagree, record it on a claim:
`accepted = [{ code = "SF301", reason = "..." }]`.
"""),
    Rule("SF302", "single-value", Severity.WARNING, stage="check", status="stable",
         summary="A single-valued property holds several keyed instances at once.",
         doc="""
## What it does
A property that is not `multi` has one value per subject at a time, so `key` (which tells apart
instances of a many-valued property) should not split it. This rule reports a subject whose claims
of a single-valued property carry two or more different keys at the same time (as-of dates overlap,
or the property is not temporal). Different *values* of a single-valued property are value
conflicts and are reported by SF301, not here.

## Why it matters
Keys on a single-valued property hide disagreements: SF301 compares claims only within one key.

## Example
```toml
[[claims]]
id = "f1"
subject = "spacesail"
property = "founded"
key = "registration"
value = "2018"
source = "a"

[[claims]]
id = "f2"
subject = "spacesail"
property = "founded"
key = "launch"
value = "2019"
source = "b"
```

## How to fix
Remove the keys, or declare the property `multi = true` if it really has several values at once.
"""),
    Rule("SF303", "out-of-range", Severity.ERROR, stage="check", status="stable",
         summary="A value lies outside the property's allowed range, or after its source was published.",
         doc="""
## What it does
Reports a quantity entirely below the property's `minimum` or above its `maximum`, a date entirely
before `minimum` or after `maximum`, and a date (the value, `when` or `as_of`) that begins after its
source was published, unless the property is a plan, the claim is hedged, or the quote speaks of the
future ("will", "plans", "expected", "scheduled", "aims", "target", "by 2027").

## Why it matters
A launch before 1957, a constellation of zero satellites or a report describing events after it was
written are typing or reading mistakes.

## Example
```toml
[[claims]]
id = "l1"
subject = "zhuque-2"
property = "first_launch"
value = "1923"
source = "news-2023"
```

## How to fix
Correct the value or its date. If the value is a plan, use a property declared `plan = true`; if the
source only reports it, set `hedged = true`.
"""),
    Rule("SF304", "ordering", Severity.ERROR, stage="check", status="stable",
         summary="Dates of one subject are in the wrong order (property `before`, or a program after its mission).",
         doc="""
## What it does
For a property declaring `before = ["other"]`, every date of that property for a subject must not be
after the dates of `other` for the same subject (e.g. `founded` before `dissolved`, IPO application
accepted before withdrawn). Also, a program's `started` or `founded` date must not be after the
launch of an entity linked to it with `program = "..."`. Only definite violations are reported: the
earlier property's interval starts after the later property's interval ends.

## Why it matters
Events in the wrong order mean one of the dates is wrong.

## Example
```toml
[[claims]]
id = "acc"
subject = "changguang"
property = "ipo_accepted"
value = "December 2024"
source = "a"

[[claims]]
id = "wd"
subject = "changguang"
property = "ipo_withdrawn"
value = "December 2022"
source = "a"
```

## How to fix
Check both dates in the sources and correct the wrong one.
"""),
    Rule("SF305", "lifetime", Severity.ERROR, stage="check", status="stable",
         summary="An event of a subject is dated before the subject (or its program) was founded.",
         doc="""
## What it does
Reports a date claim of a subject (a launch, a signing, an announcement...) whose interval ends before
the earliest founding date given for the subject, and a date claim of an entity linked with
`program = "..."` that ends before the program was founded or started.

## Why it matters
A company cannot launch before it exists; such a date, or the founding date, is wrong.

## Example
```toml
[[claims]]
id = "f"
subject = "landspace"
property = "founded"
value = "2015"
source = "a"

[[claims]]
id = "l"
subject = "landspace"
property = "first_launch"
value = "2012"
source = "b"
```

## How to fix
Check which date is wrong; the event may belong to another (predecessor) entity.
"""),
    Rule("SF306", "cumulative-decrease", Severity.ERROR, stage="check", status="stable",
         summary="A cumulative count decreases over time.",
         doc="""
## What it does
For a property declared `cumulative = true` (a running total such as satellites launched so far), a
value dated later (as-of) that is entirely below a value dated earlier is reported.

## Why it matters
A running total never goes down; the later figure may count something else (operational rather than
launched) or the earlier one may be wrong.

## Example
```toml
[[claims]]
id = "n1"
subject = "spacesail"
property = "satellites_in_orbit"
value = 90
as_of = "2025-03"
source = "a"

[[claims]]
id = "n2"
subject = "spacesail"
property = "satellites_in_orbit"
value = 72
as_of = "2025-06"
source = "b"
```

## How to fix
Check the dates and what each source counts; use another property if they count different things.
"""),
    Rule("SF307", "count-mismatch", Severity.ERROR, stage="check", status="stable",
         summary="A stated count differs from the number of listed members.",
         doc="""
## What it does
For a quantity property declaring `count_of = "list_property"`, a count claim whose interval does not
contain the number of items of a list claim of the same subject, for the same time (as-of dates
overlap or are missing), is reported.

## Why it matters
"Signed with 5 countries" next to a list of four names means a name is missing or the count is wrong.

## Example
```toml
[[claims]]
id = "n"
subject = "ilrs"
property = "member_count"
value = 5
source = "a"

[[claims]]
id = "m"
subject = "ilrs"
property = "members"
value = ["China", "Russia", "Belarus", "Pakistan"]
source = "a"
```

## How to fix
Complete the list or correct the count (an "about" or "more than" count is an interval and may match).
"""),
    Rule("SF308", "sum-mismatch", Severity.ERROR, stage="check", status="stable",
         summary="Keyed instance values do not add up to a stated total.",
         doc="""
## What it does
For a quantity property declaring `sum_of = "instance_property"`, the values of the subject's instances
(one per key, e.g. per launch batch) dated up to the total's as-of date are added up as an interval:
instances certainly before the date give the lower sum, instances possibly before it the upper sum.
The total's interval must meet that sum interval.

## Why it matters
"72 satellites after four batches of 18" is a check on both figures.

## Example
```toml
[properties.satellites_in_orbit]
type = "quantity"
sum_of = "satellites_launched"

[[claims]]
id = "total"
subject = "spacesail"
property = "satellites_in_orbit"
value = 80
as_of = "2025-01-23"
source = "a"
# ... four claims of satellites_launched with keys batch-1..batch-4, 18 each, dated before
```

## How to fix
Look for a missing or extra instance, or a total that counts something else.
"""),
    Rule("SF309", "plan-not-confirmed", Severity.INFO, stage="check", status="stable",
         summary="A plan's deadline has passed per a later source, and no claim confirms the outcome.",
         doc="""
## What it does
For a claim of a property declared `plan = true` whose `when` (its deadline) ends before the
publication of some source in the file, looks for an outcome: a claim of the same subject on one of
the properties the plan property names in `confirmed_by` (without it: on any non-plan property of the
same type), in the same unit, dated at or after the deadline, whose value meets the planned value.
Without one, the plan is reported at info level.

## Why it matters
Plans in this industry often slip; a timeline should not present a passed deadline as met.

## Example
```toml
[[claims]]
id = "target"
subject = "spacesail"
property = "deployment_target"   # declared plan = true
value = "over 1,000"
when = "2027"
source = "news-2024"
```
(reported once a source published after 2027 is in the file and no claim confirms 1,000 satellites)

## How to fix
Add the outcome claim from a later source, or a note that the plan slipped; accept the finding with a
reason if the outcome is unknown.
"""),
    Rule("SF310", "accepted-unused", Severity.WARNING, stage="check", status="stable",
         summary="A claim accepts a rule code that produced no finding on it.",
         doc="""
## What it does
After every other check has run, reports each `accepted` entry of a claim whose code produced no
finding naming that claim (like ruff's RUF100 for unused `noqa`). Only codes whose stage ran and that
are selected are judged, so a `lint` run never reports accepted SF3xx codes.

## Why it matters
An acceptance that no longer matches anything hides the next, different finding of that code and
keeps a stale reason in the file.

## Example
```toml
[[claims]]
id = "ok"
subject = "satnet"
property = "founded"
value = "2021"
source = "a"
accepted = [{ code = "SF301", reason = "sources disagree" }]   # but nothing disagrees
```

## How to fix
Remove the stale `accepted` entry.
"""),
    Rule("SF401", "possible-duplicate-entity", Severity.WARNING, stage="check", status="stable",
         summary="Two entities have near-identical names or aliases.",
         doc="""
## What it does
Compares every entity's name and aliases, after normalising case, accents, punctuation and spaces and
dropping legal-form words (co, ltd, inc, corp, corporation, company, limited, group, holdings...),
with rapidfuzz's token-aware scores (0-100): `token_sort_ratio`, and also `token_set_ratio` when both
entities have the same kind and both names have two words or more, the shorter at least 3/4 as many as
the longer (so "Chinese Academy of Sciences" and "National Astronomical Observatories, Chinese Academy
of Sciences" are not matched just because one name contains the other). Names whose numbered words
differ ("Long March 6" / "Long March 12A", "Chang'e 4" / "Chang'e 5") are members of a series, not
duplicates.
Two entities scoring at least `duplicate_threshold` (settings, default 90) are reported, unless either
lists the other in `distinct_from`. Names are blocked by shared words so the check stays fast on
10,000 entities: a name is compared only with names sharing one of its two rarest words or its first six
letters (spaces removed).

## Why it matters
The same company entered twice splits its claims: conflicts between them go unseen and timelines
show it twice.

## Example
```toml
[entities.satnet]
name = "China Satellite Network Group"
kind = "company"

[entities.csng]
name = "China Satellite Network Group Co."
kind = "company"
```

## How to fix
Merge the two entities (move the claims to one id and keep the other name as an alias), or declare them
distinct: `distinct_from = ["csng"]`.
"""),
    Rule("SF402", "alias-clash", Severity.WARNING, stage="check", status="stable",
         summary="The same name or alias (normalised) belongs to two entities.",
         doc="""
## What it does
Reports a name or alias that, after normalising case, accents, punctuation and spaces, is a name or
alias of another entity too, unless either entity lists the other in `distinct_from`.

## Why it matters
Lookups by name (`--entity`, entity-valued claims) become ambiguous.

## Example
```toml
[entities.cas-space]
name = "CAS Space"
kind = "company"
aliases = ["Zhongke Yuhang"]

[entities.zkyh]
name = "Zhongke Yuhang"
kind = "company"
```

## How to fix
Remove the alias from the entity it does not belong to, merge the entities, or declare them distinct.
"""),
)

RULES: dict[str, Rule] = {rule.code: rule for rule in TABLE}
