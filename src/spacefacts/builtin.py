"""Properties every fact file has without declaring them. A file may redeclare any of them."""

from __future__ import annotations

from spacefacts.model import DATE, ENTITY, LIST, QUANTITY, TEXT, Property


def _p(id: str, type: str, label: str, description: str, **kw) -> Property:
    return Property(id=id, type=type, label=label, description=description, builtin=True,
                    cues=CUES.get(id, ()), **kw)


# Words that say a sentence states the property (spacefacts extract links statements with them).
CUES: dict[str, tuple[str, ...]] = {
    "founded": ("established", "founded", "set up", "created", "formed", "incorporated", "registered", "inception"),
    "dissolved": ("dissolved", "disbanded", "shut down", "closed", "liquidated"),
    "first_launch": ("first launch", "maiden flight", "maiden launch", "debut", "first flight", "inaugural"),
    "launch": ("launched", "launch", "lifted off", "blasted off", "sent into orbit"),
    "landing": ("landed", "landing", "touched down"),
    "announced": ("announced", "unveiled", "revealed"),
    "signed": ("signed", "signing", "agreement", "deal"),
    "published": ("published", "released", "issued", "white paper"),
    "started": ("began", "started", "start", "kicked off", "commenced", "launched", "inaugurated"),
    "ended": ("ended", "concluded", "finished", "completed"),
    "planned_size": ("planned", "consisting of", "constellation of", "comprising", "megaconstellation",
                     "constellation"),
    "satellites_in_orbit": ("in orbit", "operational", "deployed"),
    "satellites_launched": ("launched", "sent up", "put into orbit", "batch"),
    "funding_raised": ("raised", "funding", "financing", "round", "investors"),
    "valuation": ("valued", "valuation", "worth"),
    "production_capacity": ("produce", "production", "per year", "annually", "yearly", "capacity"),
    "member_count": ("members", "member states", "countries"),
}


BUILTIN_PROPERTIES: dict[str, Property] = {
    p.id: p
    for p in (
        _p("founded", DATE, "founded", "When the subject was established or founded.", before=("dissolved",)),
        _p("dissolved", DATE, "dissolved", "When the subject ceased to exist."),
        _p("first_launch", DATE, "first launch", "Date of the subject's first launch.", minimum="1957"),
        _p("launch", DATE, "launch", "A launch date; use `key` to tell launches apart.", multi=True, minimum="1957"),
        _p("landing", DATE, "landing", "When a mission landed."),
        _p("announced", DATE, "announced", "When the subject was announced.", multi=True),
        _p("signed", DATE, "signed", "When an agreement was signed.", multi=True),
        _p("published", DATE, "published", "When a document or policy was published.", multi=True),
        _p("started", DATE, "started", "When a programme or activity began.", before=("ended",)),
        _p("ended", DATE, "ended", "When a programme or activity ended."),
        _p("planned_size", QUANTITY, "planned size", "Planned number of satellites.", unit="satellites",
           temporal=True, minimum=1),
        _p("satellites_in_orbit", QUANTITY, "satellites in orbit", "Satellites in orbit or operational.",
           unit="satellites", temporal=True, cumulative=True, minimum=0),
        _p("satellites_launched", QUANTITY, "satellites launched", "Satellites put up by one launch or batch.",
           unit="satellites", multi=True, minimum=1),
        _p("funding_raised", QUANTITY, "funding raised", "Money raised in one round; `key` names the round.",
           multi=True, minimum=0),
        _p("valuation", QUANTITY, "valuation", "Valuation of the subject.", temporal=True, minimum=0),
        _p("production_capacity", QUANTITY, "production capacity", "Units produced per year.",
           unit="satellites/year", temporal=True, minimum=0),
        _p("location", TEXT, "located in", "Where the subject is based."),
        _p("operator", ENTITY, "operated by", "The entity that operates the subject."),
        _p("members", LIST, "members", "Members or participants, as a list of names."),
        _p("member_count", QUANTITY, "number of members", "How many members.", count_of="members", minimum=0),
    )
}
