"""SF209 unit-mismatch: a quantity's unit agrees with its property's unit (or the claim's `unit`).

Units agree when they are one unit for units.py: the same after quantities.py's normalising
(`satellite(s)` -> `satellites`, `yuan`/`RMB`/`¥` -> `CNY`, ...) and after singular and plural forms
are made one (`rocket`/`rockets`, `satellite/year`/`satellites/year`), or when they convert (a
conversion the fact file declares in `[units]`, or a scale word: `billion yuan`). The loader has
already put a value in a converting unit into its property's unit (units.claim_quantity). A value
written without a unit takes the expected one and always agrees; a property without a unit (money,
counts of mixed things) accepts any.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacefacts.builtin import BUILTIN_PROPERTIES
from spacefacts.checks.context import Context
from spacefacts.diagnostics import Diagnostic, diagnostic
from spacefacts.model import QUANTITY, FactBase
from spacefacts.quantities import Quantity, _norm_unit
from spacefacts.units import unit_key

__all__ = ["check_units", "unit_key"]


def check_units(base: FactBase, ctx: Context) -> Iterator[Diagnostic]:
    """SF209 for every quantity claim whose value names a unit that does not convert to the expected one."""
    props = {**BUILTIN_PROPERTIES, **base.properties}
    units = base.units
    agree: dict[tuple[str, str], bool] = {}  # (unit, expected unit) -> whether they agree: a few pairs in a file
    for claim in base.claims:
        value = claim.value
        if type(value) is not Quantity or value.unit is None:
            continue
        prop = props.get(claim.property)
        expected = claim.unit or (prop.unit if prop is not None and prop.type == QUANTITY else None)
        if not expected:
            continue
        pair = (value.unit, expected)
        ok = agree.get(pair)
        if ok is None:
            ok = unit_key(value.unit) == unit_key(expected) or units.factor(value.unit, expected) is not None
            agree[pair] = ok
        if ok:
            continue
        written = (value.written or value).unit
        where = "the claim's unit" if claim.unit else f"property '{claim.property}'"
        message = f"value '{claim.raw}' is in {written}, but {where} is in {_norm_unit(expected)}"
        data = {"unit": written, "expected": _norm_unit(expected)}
        others = units.alternatives(expected)
        if others:
            message += f" (or, as [units] declares, in {', '.join(others)})"
            data["alternatives"] = list(others)
        yield diagnostic("SF209", message, claim.location, (claim.id,), data=data)
