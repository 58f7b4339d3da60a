#!/usr/bin/env python3
"""Regenerates the rows of Diwali, Holi and Dussehra in holiday_dates.tsv.

Run from the repository root:  python3 assets/timex/generate_festivals.py
Needs:  pip install holidays   (0.109; MIT licence)

The dates are the Government of India's gazetted ones as the package lists them, for
2001-2035 (the years it covers); the package has no Holi in 2002 and 2011. Where it
names two holidays on one day ("Dussehra; Mahatma Gandhi's Birthday") each counts.
The other rows of the file (Islamic, Hebrew, Persian, Chinese calendars, Orthodox
Easter) are kept as they are; their sources are named in the file's header.
"""
import os
import warnings

import holidays

HERE = os.path.dirname(os.path.abspath(__file__))
NAMES = {"Diwali": "diwali", "Holi": "holi", "Dussehra": "dussehra"}


def main():
    warnings.simplefilter("ignore")
    rows = set()
    for year in range(2001, 2036):
        for day, names in holidays.India(years=year).items():
            for name in names.split("; "):
                if name in NAMES:
                    rows.add((NAMES[name], day.isoformat()))
    path = os.path.join(HERE, "holiday_dates.tsv")
    with open(path, encoding="utf-8") as f:
        lines = f.read().rstrip("\n").split("\n")
    header = [l for l in lines if l.startswith("#")]
    body = [l for l in lines if not l.startswith("#") and l.split("\t")[0] not in NAMES.values()]
    body += [f"{name}\t{day}" for name, day in rows]
    body.sort(key=lambda l: tuple(l.split("\t")[:2]))
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(header + body) + "\n")


if __name__ == "__main__":
    main()
