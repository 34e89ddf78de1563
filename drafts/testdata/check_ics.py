"""Reads an .ics invitation with Debian's python3-icalendar and python-dateutil, as an
independent calendar would.

Usage: check_ics.py FILE...  Prints a JSON list, one object per file: the calendar's method, its time zones (with every
observance checked against Python's own zone database), and each event with its first
occurrences expanded by dateutil's rrule.
"""
import json
from itertools import takewhile
import sys
from datetime import datetime, timedelta, date
from zoneinfo import ZoneInfo

import icalendar
from dateutil.rrule import rrulestr

def check(path):
    raw = open(path, "rb").read()
    cal = icalendar.Calendar.from_ical(raw)
    out = {
        "method": str(cal.get("METHOD")),
        "version": str(cal.get("VERSION")),
        "prodid": str(cal.get("PRODID")),
        "longest_line": max(len(l) for l in raw.split(b"\r\n")),
        "timezones": [],
        "events": [],
    }
    # The last year an event needs its zone: onsets of yearly zone rules are checked up to it.
    last_year = 0
    for ev in cal.walk("VEVENT"):
        last_year = max(last_year, ev["DTSTART"].dt.year)
        for until in (ev["RRULE"].get("UNTIL", []) if "RRULE" in ev else []):
            last_year = max(last_year, until.year)
    for tz in cal.walk("VTIMEZONE"):
        tzid = str(tz["TZID"])
        zone = ZoneInfo(tzid)
        obs = []
        for o in tz.subcomponents:
            start = o["DTSTART"].dt.replace(tzinfo=None)  # local time in the offset before the change
            frm = o["TZOFFSETFROM"].td
            to = o["TZOFFSETTO"].td
            onsets = [start]
            rule = None
            if "RRULE" in o:
                rule = o["RRULE"].to_ical().decode()
                onsets = list(takewhile(lambda d: d.year <= last_year, rrulestr(rule, dtstart=start)))
            for onset in onsets:
                instant = onset - frm  # UTC of the change
                before = (instant - timedelta(seconds=1)).replace(tzinfo=ZoneInfo("UTC")).astimezone(zone)
                after = (instant + timedelta(seconds=1)).replace(tzinfo=ZoneInfo("UTC")).astimezone(zone)
                obs.append({
                    "kind": o.name,
                    "start": onset.isoformat(),
                    "rrule": rule,
                    "from": frm.total_seconds(),
                    "to": to.total_seconds(),
                    "name": str(o.get("TZNAME", "")),
                    "python_offset_before": before.utcoffset().total_seconds(),
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
    return out


json.dump([check(p) for p in sys.argv[1:]], sys.stdout, ensure_ascii=False)
