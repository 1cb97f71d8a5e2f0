#!/usr/bin/python3
"""Reads the feed that schedule_write_sample_feed writes with Python's icalendar (Debian
python3-icalendar), an iCalendar parser independent of libical, and checks every event.

Usage: parse_feed.py PATH_TO_schedule_write_sample_feed
Exit status 0 only if the feed parses and every check holds; a missing icalendar module is a
failure with a clear message, never a skip.
"""
import os
import subprocess
import sys
import tempfile
from datetime import datetime, timezone

try:
    import icalendar
except ImportError:
    print("parse_feed.py: the Python module 'icalendar' is missing; install the Debian package "
          "python3-icalendar (scripts/setup.sh test) and run it with /usr/bin/python3.",
          file=sys.stderr)
    sys.exit(1)


class CheckFailed(Exception):
    pass


def expect(condition, message):
    # Explicit checks rather than `assert`, which python -O or PYTHONOPTIMIZE would strip.
    if not condition:
        raise CheckFailed(message)


def utc(text):
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


EXPECTED = {
    "occ-1@hearth.test": {
        "summary": "Skills group: distress tolerance, part 2; bring notes",
        "start": utc("2026-11-30T15:00"), "end": utc("2026-11-30T16:30"),
        "status": "CONFIRMED", "sequence": 0, "last_modified": utc("2026-11-01T12:00"),
        "url": "https://hearth.test/sessions/occ-1?view=join&lang=en,fr",
    },
    "occ-2@hearth.test": {
        "summary": "Familiengruppe für Angehörige — Café ☕ 日本語のグループ",
        "start": utc("2026-12-02T15:00"), "end": utc("2026-12-02T16:00"),
        "status": "CANCELLED", "sequence": 2, "last_modified": utc("2026-11-25T09:30"),
        "url": None,
    },
    "occ-3@hearth.test": {
        "summary": "Line one\nLine two with a \\ backslash, and a title long enough that the "
                   "content line has to be folded — más de setenta y cinco octetos, ñandú",
        "start": utc("2026-12-07T15:00"), "end": utc("2026-12-07T16:00"),
        "status": "CONFIRMED", "sequence": 1, "last_modified": utc("2026-11-25T09:30"),
        "url": "https://hearth.test/sessions/occ-3",
    },
}


def check_lines(raw):
    expect(raw.endswith(b"\r\n"), "the feed must end with CRLF")
    lines = raw[:-2].split(b"\r\n")
    for line in lines:
        expect(b"\n" not in line and b"\r" not in line, f"bare line break in {line!r}")
        expect(len(line) <= 75, f"line of {len(line)} octets: {line!r}")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            expect(False, f"a fold splits a UTF-8 character: {line!r}")
    expect(any(line.startswith(b" ") for line in lines), "expected at least one folded line")


def check_calendar(calendar):
    expect(calendar.name == "VCALENDAR", f"top component {calendar.name!r}")
    for name, want in (("VERSION", "2.0"), ("PRODID", "-//Hearth//Schedule//EN"),
                       ("CALSCALE", "GREGORIAN"), ("METHOD", "PUBLISH"),
                       ("X-WR-CALNAME", "Evening IOP, Group A; Überblick")):
        got = str(calendar.get(name))
        expect(got == want, f"calendar {name}: {got!r} != {want!r}")


def check_event(event):
    uid = str(event["UID"])
    expect(uid in EXPECTED, f"unexpected UID {uid!r}")
    want = EXPECTED[uid]
    summary = str(event["SUMMARY"])
    expect(summary == want["summary"], f"{uid} SUMMARY {summary!r} != {want['summary']!r}")
    for name, key in (("DTSTART", "start"), ("DTEND", "end"), ("LAST-MODIFIED", "last_modified")):
        value = event.decoded(name)
        offset = value.utcoffset()
        expect(offset is not None and offset.total_seconds() == 0,
               f"{uid} {name} is not in UTC: {value!r}")
        expect(value == want[key], f"{uid} {name}: {value!r} != {want[key]!r}")
    stamp = event.decoded("DTSTAMP")
    expect(stamp == utc("2026-11-20T08:00"), f"{uid} DTSTAMP {stamp!r}")
    expect(str(event["STATUS"]) == want["status"], f"{uid} STATUS {event['STATUS']!r}")
    sequence = int(event["SEQUENCE"])
    expect(sequence == want["sequence"], f"{uid} SEQUENCE {sequence} != {want['sequence']}")
    if want["url"] is None:
        expect("URL" not in event, f"{uid} has a URL")
    else:
        expect(str(event["URL"]) == want["url"], f"{uid} URL {str(event['URL'])!r}")
    return uid


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as scratch:
        path = os.path.join(scratch, "sample.ics")
        subprocess.run([sys.argv[1], path], check=True)
        with open(path, "rb") as feed:
            raw = feed.read()
    try:
        check_lines(raw)
        calendar = icalendar.Calendar.from_ical(raw)
        check_calendar(calendar)
        seen = [check_event(event) for event in calendar.walk("VEVENT")]
        expect(sorted(seen) == sorted(EXPECTED), f"events {seen} != {sorted(EXPECTED)}")
    except CheckFailed as failure:
        print(f"parse_feed.py: FAILED: {failure}", file=sys.stderr)
        return 1
    print(f"schedule feed: icalendar {icalendar.__version__} read {len(seen)} events; "
          "all checks hold")
    return 0


if __name__ == "__main__":
    sys.exit(main())
