"""`new Date(text)` for the date-like text basic-toml masks, as V8 reads it.

basic-toml turns every run matching `\\d{2,}([:-]\\d{2}){2}([ T:-][\\dZ:-]+)?` into a
JavaScript `Date`, and PyScript later hands the config to Python through
`JSON.stringify`, so a date becomes its ISO text in UTC and an invalid one `null`.
V8's date parser is large; we reproduce it for the shapes a valid TOML date, time or
date-time leaves after that regex (verified in Node with several time zones):

* `1979-05-27` (date only): midnight UTC;
* `1979-05-27T07:32:00`, `1979-05-27 07:32:00`: local time of the browser;
* the same with `Z` or `-07:00`: that instant;
* `07:32:00` (a time alone): Invalid Date.

Anything else is marked "unknown" rather than guessed.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

__all__ = ["JsDate", "js_date"]

_DATE = r"(\d{4})-(\d{2})-(\d{2})"
_TIME = r"(\d{2}):(\d{2})(?::(\d{2}))?"
_FULL = re.compile(f"{_DATE}(?:[T ]{_TIME}(Z|[-+]\\d{{2}}:?\\d{{2}})?)?")
_TIME_ONLY = re.compile(r"\d{2,}:\d{2}:\d{2}")

UTC = "utc"  # a fixed instant
LOCAL = "local"  # wall-clock time in the browser's time zone
INVALID = "invalid"  # Invalid Date: null in pyscript.config
UNKNOWN = "unknown"  # a shape we do not model


@dataclass(frozen=True, slots=True)
class JsDate:
    """A JavaScript Date built from `text`."""

    text: str
    kind: str
    value: _dt.datetime | None = None  # aware for UTC, naive for LOCAL

    def iso(self) -> str | None:
        """`toISOString()`; a local time is shown as if the browser ran in UTC."""
        if self.value is None:
            return None
        value = self.value
        if value.tzinfo is not None:
            value = value.astimezone(_dt.timezone.utc).replace(tzinfo=None)
        return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


def js_date(text: str) -> JsDate:
    """The Date V8 makes of `text` (one of basic-toml's masked date runs)."""
    m = _FULL.fullmatch(text)
    if m is None:
        if _TIME_ONLY.fullmatch(text):
            return JsDate(text, INVALID)
        return JsDate(text, UNKNOWN)
    year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    try:
        date = _dt.date(year, month, day)
    except ValueError:
        return JsDate(text, UNKNOWN)
    if m.group(4) is None:
        if len(text) > 10:  # "1979-05-27 " and other leftovers
            return JsDate(text, UNKNOWN)
        return JsDate(text, UTC, _dt.datetime.combine(date, _dt.time(), _dt.timezone.utc))
    hour, minute, second = int(m.group(4)), int(m.group(5)), int(m.group(6) or 0)
    if hour > 23 or minute > 59 or second > 59:
        return JsDate(text, INVALID)
    moment = _dt.datetime.combine(date, _dt.time(hour, minute, second))
    zone = m.group(7)
    if zone is None:
        return JsDate(text, LOCAL, moment)
    if zone == "Z":
        return JsDate(text, UTC, moment.replace(tzinfo=_dt.timezone.utc))
    digits = zone[1:].replace(":", "")
    offset = _dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    if offset >= _dt.timedelta(hours=24):
        return JsDate(text, INVALID)
    sign = -1 if zone[0] == "-" else 1
    return JsDate(text, UTC, moment.replace(tzinfo=_dt.timezone(sign * offset)))
