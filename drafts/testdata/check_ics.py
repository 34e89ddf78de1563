"""Reads an .ics invitation with Debian's python3-icalendar and python-dateutil, as an
independent calendar would.

Usage: check_ics.py FILE  Prints JSON: the calendar's method, its time zones (with every
observance checked against Python's own zone database), and each event with its first
occurrences expanded by dateutil's rrule.
"""
import json
import sys
from datetime import datetime, timedelta, date
from zoneinfo import ZoneInfo

import icalendar
from dateutil.rrule import rrulestr

raw = open(sys.argv[1], "rb").read()
cal = icalendar.Calendar.from_ical(raw)
out = {
    "method": str(cal.get("METHOD")),
    "version": str(cal.get("VERSION")),
    "prodid": str(cal.get("PRODID")),
    "longest_line": max(len(l) for l in raw.split(b"\r\n")),
    "timezones": [],
    "events": [],
}
for tz in cal.walk("VTIMEZONE"):
    tzid = str(tz["TZID"])
    zone = ZoneInfo(tzid)
    obs = []
    for o in tz.subcomponents:
        start = o["DTSTART"].dt  # local time in the offset before the change
        frm = o["TZOFFSETFROM"].td
        to = o["TZOFFSETTO"].td
        instant = start.replace(tzinfo=None) - frm  # UTC of the change
        after = (instant + timedelta(seconds=1)).replace(tzinfo=ZoneInfo("UTC")).astimezone(zone)
        obs.append({
            "kind": o.name,
            "start": start.isoformat(),
            "from": frm.total_seconds(),
            "to": to.total_seconds(),
            "name": str(o.get("TZNAME", "")),
            "python_offset_after": after.utcoffset().total_seconds(),
            "python_dst_after": bool(after.dst()),
        })
    out["timezones"].append({"tzid": tzid, "observances": obs})
for ev in cal.walk("VEVENT"):
    start = ev["DTSTART"]
    e = {
        "uid": str(ev["UID"]),
        "summary": str(ev["SUMMARY"]),
        "dtstamp": ev["DTSTAMP"].dt.isoformat(),
        "sequence": int(ev.get("SEQUENCE", 0)),
        "dtstart": start.dt.isoformat(),
        "dtstart_tzid": start.params.get("TZID"),
        "dtend": ev["DTEND"].dt.isoformat(),
        "all_day": isinstance(start.dt, date) and not isinstance(start.dt, datetime),
        "organizer": [str(ev["ORGANIZER"]), ev["ORGANIZER"].params.get("CN")],
        "attendees": [],
        "rrule": None,
        "occurrences": [],
    }
    att = ev.get("ATTENDEE", [])
    if not isinstance(att, list):
        att = [att]
    for a in att:
        e["attendees"].append([str(a), a.params.get("CN"), a.params.get("PARTSTAT"), a.params.get("RSVP")])
    if "RRULE" in ev:
        rule = ev["RRULE"]
        e["rrule"] = {k: [str(v) if not isinstance(v, datetime) else v.isoformat() for v in vs] for k, vs in rule.items()}
        text = rule.to_ical().decode()
        first = start.dt
        tzid = start.params.get("TZID")
        if tzid:  # expand in wall-clock time of the zone, as a calendar does
            first = first.replace(tzinfo=ZoneInfo(tzid))
        r = rrulestr(text, dtstart=first)
        e["occurrences"] = [d.isoformat() for d in r]
    out["events"].append(e)
json.dump(out, sys.stdout, ensure_ascii=False)
