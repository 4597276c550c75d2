"""SF209 unit-mismatch: a quantity's unit agrees with its property's unit (or the claim's `unit`).

Units agree when they are the same after quantities.py's normalising (`satellite(s)` -> `satellites`,
`yuan`/`RMB`/`¥` -> `CNY`, ...) and after singular and plural forms are made one (`rocket`/`rockets`,
`mission`/`missions`, `satellite/year`/`satellites/year`). A value written without a unit takes the
expected one and always agrees; a property without a unit (money, counts of mixed things) accepts any.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacefacts.builtin import BUILTIN_PROPERTIES
from spacefacts.checks.context import Context
from spacefacts.diagnostics import Diagnostic, diagnostic
from spacefacts.model import QUANTITY, FactBase
from spacefacts.quantities import Quantity, _norm_unit


def unit_key(unit: str) -> str:
    """The unit with each word made singular: 'satellites/year' and 'satellite/year' give one key."""
    out, word = [], ""
    for ch in _norm_unit(unit) + " ":
        if ch.isalpha():
            word += ch
            continue
        if word:
            out.append(_singular(word))
            word = ""
        out.append(ch)
    return "".join(out).strip()


def _singular(word: str) -> str:
    if len(word) > 3 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("ses"):
        return word[:-2]
    if len(word) > 2 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def check_units(base: FactBase, ctx: Context) -> Iterator[Diagnostic]:
    """SF209 for every quantity claim whose value names a unit other than the expected one."""
    props = {**BUILTIN_PROPERTIES, **base.properties}
    keys: dict[str, str] = {}
    for claim in base.claims:
        value = claim.value
        if type(value) is not Quantity or value.unit is None:
            continue
        prop = props.get(claim.property)
        expected = claim.unit or (prop.unit if prop is not None and prop.type == QUANTITY else None)
        if not expected:
            continue
        got, want = (keys.get(u) or keys.setdefault(u, unit_key(u)) for u in (value.unit, expected))
        if got != want:
            where = "the claim's unit" if claim.unit else f"property '{claim.property}'"
            yield diagnostic("SF209", f"value '{claim.raw}' is in {value.unit}, but {where} is in "
                             f"{_norm_unit(expected)}", claim.location, (claim.id,),
                             data={"unit": value.unit, "expected": _norm_unit(expected)})
