#!/usr/bin/env python3
"""Reads an iCalendar file with the icalendar package (an independent
parser, Debian's python3-icalendar) and prints one JSON object per event:
uid, start date, summary, description and the alarm triggers in days."""
import json
import sys

from icalendar import Calendar


def days(trigger):
    delta = trigger.dt
    return delta.days + delta.seconds / 86400


def main(path):
    with open(path, "rb") as file:
        calendar = Calendar.from_ical(file.read())
    print(json.dumps({"version": str(calendar.get("VERSION")),
                      "name": str(calendar.get("X-WR-CALNAME"))}))
    for event in calendar.walk("VEVENT"):
        print(json.dumps({
            "uid": str(event.get("UID")),
            "start": event.get("DTSTART").dt.isoformat(),
            "end": event.get("DTEND").dt.isoformat(),
            "stamp": event.get("DTSTAMP").dt.isoformat(),
            "summary": str(event.get("SUMMARY")),
            "description": str(event.get("DESCRIPTION")),
            "alarms": [days(alarm.get("TRIGGER"))
                       for alarm in event.walk("VALARM")],
        }, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1])
