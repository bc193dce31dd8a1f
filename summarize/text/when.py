"""Dates: an article's date checked, and a sentence's day expressions resolved against it.

French news dates its facts relative to the article: "jeudi", "hier soir", "ce week-end",
"mardi 18 février", "le 3 août". :func:`find_times` finds the expressions that name one day
and resolves each against the article's date; the tense of the clause decides the direction
of a bare weekday (past by default: "a déclaré jeudi"; future: "se rendra jeudi").

Written here rather than with ``dateparser``: its ``search_dates`` (tried on French news)
misses "ce week-end", "lundi soir", "mercredi dernier", "dimanche prochain" and "ce matin",
returns spans with punctuation ("lundi, a"), and ignores tense (a future "le 3 septembre"
in an August article resolves to the year before). Measured on 300 hand-annotated validation
sentences (100 of them held out) by ``benchmarks/dates.py`` (numbers in the README).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre")
_MONTH_NUMBER = {m: i for i, m in enumerate(MONTHS, 1)} | {"fevrier": 2, "aout": 8,
                                                              "decembre": 12}
_WD = "|".join(WEEKDAYS)
_MO = "|".join(sorted(_MONTH_NUMBER, key=len, reverse=True))
_PART = r"(?:\s+(?:matin|soir|midi|après-midi|en fin de journée|en début de soirée|en soirée))?"
#: One pattern, alternatives tried left to right at each position (longest forms first).
_DAY = r"(?:1er|[12]\d|3[01]|0?[1-9])"
_YEAR = r"(?:1[5-9]|20)\d\d"
_TIME = re.compile(
    rf"(?P<explicit>(?:ce\s+)?(?:(?P<xwd>{_WD})\s+(?:(?:matin|soir|midi|après-midi)\s+)?)?(?P<day>{_DAY})\s+(?P<month>{_MO})"
    rf"(?:\s+(?P<year>{_YEAR}))?(?:\s+(?P<xmod>dernier|prochain))?\b)"
    rf"|(?P<first>(?:(?P<rwd>{_WD})\s+)?(?P<rday>{_DAY}))(?=\s+(?:au|à|et|et\s+le|et\s+du)\s+"
    rf"(?:(?:{_WD})\s+)?{_DAY}\s+(?P<rmonth>{_MO})(?:\s+(?P<ryear>{_YEAR}))?\b)"
    rf"|(?P<weekend>(?:(?:ce|le|du)\s+)?(?:week-end|week end|weekend)(?:\s+(?P<wkmod>dernier|prochain|précédent|suivant))?)"
    rf"|(?P<rel>avant-hier|après-demain|aujourd['’]hui|hier|demain)(?P<relpart>{_PART})"
    rf"|(?P<this>ce\s+(?:matin|soir|midi)|cet\s+après-midi|cette\s+nuit)(?!-là)"
    rf"|(?:ce\s+)?(?P<wd>{_WD})(?P<wdmod>\s+(?:dernier|prochain))?(?P<wdpart>{_PART})",
    re.IGNORECASE)
#: Between two day expressions: the second follows the first ("lundi 14 et mardi").
_NEXT = re.compile(r"^\s*(?:,\s*)?(?:et|puis|à|au|jusqu['’]à|ou)\s+(?:le\s+)?$", re.IGNORECASE)
_QUOTES = re.compile(r"«[^»]*»|\"[^\"]*\"|“[^”]*”")
_REL_DAYS = {"avant-hier": -2, "hier": -1, "aujourd'hui": 0, "demain": 1, "après-demain": 2}
#: A weekday after these words names every such day, or an unknown one ("le lundi", "un jeudi").
_GENERIC = re.compile(r"(?:\b(?:les|chaque|tous\s+les|un|le|du|au)\s+)$", re.IGNORECASE)
#: Future in the clause: simple future, "va/vont + infinitive", "doit/devrait…", "prévu".
_FUTURE = re.compile(
    r"\b(?:\w{2,}(?:era|ira|dra|ura|tra|vra|ora)s?|\w{2,}r(?:ont|ez|ai)|sera|aura|fera"
    r"|ira|pourra|devra|(?:va|vont|allons|allez)\s+\w+(?:er|ir|re)|doi(?:t|vent)|devrai(?:t|ent)"
    r"|prévue?s?|programmée?s?|attendue?s?|prochaine?|jusqu['’](?:à|au)|d['’]ici|reporté\w*\s+à"
    r"|reportait\s+à)\b", re.IGNORECASE)
_NOT_FUTURE = {"opéra", "caméra", "extra", "ultra", "contra", "sahara", "tora", "environs"}
#: Past in the clause: an auxiliary and a participle ("a annoncé", "s'est rendu", "ont été").
_PAST = re.compile(
    r"\b(?:a|ont|avait|avaient|eut|est|sont|était|étaient)\s+(?:(?:été|déjà|aussi|bien|pas|"
    r"encore|notamment|également)\s+)*\w+(?:é|ée|és|ées|i|is|ie|ies|u|us|ue|ues|it|ert|ort|ait)\b",
    re.IGNORECASE)
#: Where a clause ends: punctuation, or a subordinator/coordinator before a new verb.
_CLAUSE = re.compile(r"[,;:.!?«»()]|\b(?:qu['’]|que\b|qui\b|dont\b|où\b|et\b|mais\b|puis\b|"
                     r"lorsqu['’]|lorsque\b|quand\b|avant\s+de\b|après\s+avoir\b)", re.IGNORECASE)


@dataclass(frozen=True)
class TimeRef:
    """A day expression of a sentence: where it is, the day it names (None: generic or not
    resolvable) and whether it only makes sense against the article's date (``relative``)."""

    text: str
    start: int
    end: int
    date: date | None
    relative: bool


def parse_date(value: object, today: date | None = None) -> tuple[str | None, str | None]:
    """An article's date, normalised: ``("YYYY-MM-DD", None)`` from ISO text (a timestamp
    too) or French ("6 août 2020"), ``("YYYY-MM", None)`` for a month; ``(None, why)`` for a
    malformed, impossible (year 99999, 31 février) or future one."""
    text = str(value).strip()[:40]
    found = None
    iso = re.match(r"(\d{4,})-(\d{1,2})(?:-(\d{1,2}))?(?:[T ][\d:.+\-Z]*)?$", text)
    fr = _TIME.fullmatch(text.lower())
    try:
        if iso:
            found = date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3) or 1))
        elif fr and fr.group("explicit") and fr.group("year"):
            found = date(int(fr.group("year")), _MONTH_NUMBER[fr.group("month").lower()],
                         _day_number(fr.group("day")))
    except ValueError:
        return None, f"impossible date {text!r}"
    if found is None:
        return None, f"unreadable date {text!r} (YYYY-MM-DD expected)"
    if found > (today or date.today()):
        return None, f"date {text!r} is in the future"
    return (found.isoformat()[:7] if iso and not iso.group(3) else found.isoformat()), None


def day_of(value: str | None) -> date | None:
    """The day of a normalised article date (None for a month or no date)."""
    try:
        return date.fromisoformat(value) if value and len(value) == 10 else None
    except ValueError:
        return None


def _day_number(text: str) -> int:
    return 1 if text.lower() == "1er" else int(text)


def _tense(sentence: str, start: int, end: int) -> str | None:
    """``"future"``, ``"past"`` or None (neither marked) for the clause holding
    ``sentence[start:end]``: the nearer of a future and a past marker wins; "depuis" before
    the expression is past; a fronted expression ("Le 3 mars, il a…") takes the sentence's."""
    if re.search(r"\bdepuis\s+(?:le\s+|ce\s+)?$", sentence[max(0, start - 12):start], re.IGNORECASE):
        return "past"
    left = max((m.end() for m in _CLAUSE.finditer(sentence, 0, start)), default=0)
    right = next((m.start() for m in _CLAUSE.finditer(sentence, end)), len(sentence))
    if left == 0 and not (_FUTURE.search(sentence, left, right) or _PAST.search(sentence, left, right)):
        right = len(sentence)

    def distance(m: re.Match) -> int:
        return min(abs(m.start() - end), abs(m.end() - start))

    future = [distance(m) for m in _FUTURE.finditer(sentence, left, right)
              if m.group(0).lower() not in _NOT_FUTURE and not m.group(0)[0].isupper()]
    past = [distance(m) for m in _PAST.finditer(sentence, left, right)]
    if not future and not past:
        return None
    return "future" if future and (not past or min(future) < min(past)) else "past"


def _nearest_year(month: int, day: int, base: date, tense: str | None, mod: str = "",
                  weekday: str | None = None) -> date | None:
    """The day/month in the year that a written weekday matches (None when no year around
    ``base`` does: the text contradicts itself, "mardi 31 août" in 2018), else the one nearest
    ``base``: after it with ``prochain``, before it with ``dernier``, else on the tense's side
    (within a year) when the clause has one."""
    options = []
    for year in range(base.year - 1, base.year + 2):
        try:
            options.append(date(year, month, day))
        except ValueError:
            continue
    if weekday:
        named = [d for d in options if WEEKDAYS[d.weekday()] == weekday.lower()]
        return min(named, key=lambda d: abs((d - base).days)) if named else None
    if not options:
        return None
    if mod:
        options = [d for d in options if (d > base) == (mod == "prochain")] or options
    side = [d for d in options if abs((d - base).days) <= 366
            and (tense is None or (d >= base if tense == "future" else d <= base))]
    return min(side or options, key=lambda d: abs((d - base).days))


def _weekday(name: str, base: date, tense: str | None, mod: str) -> date:
    target = WEEKDAYS.index(name.lower())
    back = (base.weekday() - target) % 7
    if mod == "prochain" or (tense == "future" and mod != "dernier"):
        ahead = (target - base.weekday()) % 7
        return base + timedelta(days=ahead or (7 if mod == "prochain" else 0))
    return base - timedelta(days=back or (7 if mod == "dernier" else 0))


def _weekend(base: date, tense: str | None, mod: str) -> date:
    saturday = base + timedelta(days=5 - base.weekday())  # this week's
    if base.weekday() == 6:
        saturday -= timedelta(days=7) if mod != "prochain" else timedelta(days=-6)
    mod = {"précédent": "dernier", "suivant": "prochain"}.get(mod, mod)
    if mod == "dernier" or (tense != "future" and mod != "prochain" and base.weekday() < 4):
        return saturday - timedelta(days=7) if saturday >= base else saturday
    return saturday


def find_times(sentence: str, base: date | None) -> list[TimeRef]:
    """The day expressions of ``sentence``, resolved against ``base`` (the article's date;
    None leaves relative ones unresolved)."""
    out = []
    for m in _TIME.finditer(sentence):
        if not _bounded(sentence, m.start(), m.end()):
            continue
        tense = _tense(sentence, m.start(), m.end())
        when, relative = None, True
        if m.group("explicit") or m.group("first"):
            month = _MONTH_NUMBER[(m.group("month") or m.group("rmonth")).lower()]
            day = _day_number(m.group("day") or m.group("rday"))
            year = m.group("year") or m.group("ryear")
            if year:
                relative = False
                try:
                    when = date(int(year), month, day)
                except ValueError:
                    when = None
            elif base is not None:
                when = _nearest_year(month, day, base, tense, (m.group("xmod") or "").lower(),
                                     m.group("xwd") or m.group("rwd"))
        elif base is None:
            pass
        elif m.group("weekend"):
            mod = (m.group("wkmod") or "").lower()
            if mod or re.match(r"ce\b", m.group("weekend"), re.IGNORECASE):
                when = _weekend(base, tense, mod)  # "le week-end" alone: every week-end
        elif m.group("rel"):
            word = m.group("rel").lower().replace("’", "'")
            if word != "aujourd'hui" or tense is not None or m.group("relpart"):
                when = base + timedelta(days=_REL_DAYS[word])  # a present "aujourd'hui": nowadays
        elif m.group("this"):
            when = base
        elif _GENERIC.search(sentence[: m.start()]) and not m.group("wdmod"):
            when = None  # "le lundi", "chaque jeudi": every such day, or an unknown one
        elif out and out[-1].date and _NEXT.search(sentence[out[-1].end:m.start()]):
            # "lundi 14 septembre et mardi": the first such day after the one just named
            ahead = (WEEKDAYS.index(m.group("wd").lower()) - out[-1].date.weekday()) % 7 or 7
            when = out[-1].date + timedelta(days=ahead)
        else:
            when = _weekday(m.group("wd"), base, tense, (m.group("wdmod") or "").strip().lower())
        out.append(TimeRef(m.group(0), m.start(), m.end(), when, relative))
    return out


def contradicts(sentence: str, base: date | None) -> bool:
    """Does the sentence date something with a weekday no nearby year has on that day
    ("ce mardi 31 août" in 2018: a slip for 31 juillet)? Such a date cannot be trusted."""
    if base is None:
        return False
    for m in _TIME.finditer(sentence):
        if m.group("explicit") and m.group("xwd") and not m.group("year"):
            month, day = _MONTH_NUMBER[m.group("month").lower()], _day_number(m.group("day"))
            if _nearest_year(month, day, base, None, "", m.group("xwd")) is None:
                return True
    return False


#: What may come: a conditional of prospect ("les mesures qui pourraient être annoncées").
_PROSPECT = re.compile(r"\b(?:pourrai(?:t|ent)|devrai(?:t|ent)|envisag\w+|puissent)\b", re.IGNORECASE)


def is_future(sentence: str) -> bool:
    """Does the sentence announce what is to come, even as reported speech ("Le préfet a
    indiqué que des mesures devraient être mises en oeuvre", "les mesures qui pourraient être
    annoncées")? Any future, planned or prospective form outside quotes says so."""
    plain = _QUOTES.sub(" ", sentence)
    return bool(_PROSPECT.search(plain)) or any(
        m.group(0).lower() not in _NOT_FUTURE and not m.group(0)[0].isupper()
        for m in _FUTURE.finditer(plain))


def _bounded(text: str, start: int, end: int) -> bool:
    """A whole-word match (no letter or digit glued on either side)."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or before == "-") and not (after.isalnum() or after == "-")


#: Before a day expression, words that make it a bound, a comparison, a deadline or the date
#: of a noun, not the day of the fact ("depuis lundi", "jusqu'au 4 juillet", "contre 300
#: samedi", "que lundi", "l'explosion du 4 août").
_NOT_EVENT = re.compile(r"(?:\b(?:depuis|jusqu['’](?:au|à|a)|jusqu['’]|d['’]ici|contre|que|qu['’]|avant|"
                        r"après|dès|à\s+partir\s+d[eu']?|entre|ni|comme|du|des|de)\s*(?:le\s+|la\s+|ce\s+|l['’])?"
                        r"|\bcontre\s+[\d.,  ]+(?:%\s*)?(?:\w+\s+)?)$", re.IGNORECASE)


def event_ref(sentence: str, base: date | None, *, upcoming: bool = False) -> TimeRef | None:
    """The expression that dates the fact a sentence reports: its first resolved day
    expression that is not a bound, comparison or deadline, nor after ``base`` unless
    ``upcoming`` (what is announced for later has not happened); None when there is none."""
    for t in find_times(sentence, base):
        if t.date is None or (base is not None and t.date > base and not upcoming):
            continue
        if sentence[:t.start].count("(") > sentence[:t.start].count(")"):
            continue  # "(3,5 % samedi 22 août)", "(actualisé le 24 août)": an aside
        if not _NOT_EVENT.search(sentence[max(0, t.start - 32):t.start]):
            return t
    return None


def event_date(sentence: str, base: date | None, *, upcoming: bool = False) -> date | None:
    """The day the sentence reports (:func:`event_ref`), else ``base``."""
    ref = event_ref(sentence, base, upcoming=upcoming)
    return ref.date if ref is not None else base


def named_days(text: str, base: date | None) -> str:
    """The article's day and every day its expressions name, written out ("vendredi 7 août
    2020 …"): what a summary may date a fact with (the faithfulness metrics' sources)."""
    if base is None:
        return ""
    days = {base} | {t.date for t in find_times(text, base) if t.date is not None}
    return " ".join(french_date(d, year=True) for d in sorted(days))


def french_date(day: date, *, weekday: bool = True, year: bool = False) -> str:
    """``jeudi 6 août`` (``1er`` for the first; the year when asked)."""
    number = "1er" if day.day == 1 else str(day.day)
    text = f"{number} {MONTHS[day.month - 1]}" + (f" {day.year}" if year else "")
    return f"{WEEKDAYS[day.weekday()]} {text}" if weekday else text
