#!/usr/bin/env python3
"""Write scenarios/audit-example/{history,outages,work}.csv for networks/rbts-bus2.json.

A seeded synthetic half year (2026-01-01 … 2026-06-30) of outage records and executed work for an
imaginary company running RBTS Bus 2, with five prior years of history. The half year holds one
storm day (a major event day), a live job logged while the same zone had a planned outage, and a
planned outage without a work order. claims.json is written by hand from `liveline audit` output
(see the README of the example). Not used by liveline or its tests at run time.

Usage: python3 tools/make_audit_example.py networks/rbts-bus2.json scenarios/audit-example
"""
import datetime as dt
import json
import random
import sys

net = json.load(open(sys.argv[1]))
out = sys.argv[2]
random.seed(836)

bus_feeder = {}
for s in net["sources"]:
    bus_feeder[s["bus"]] = s["id"]
# feeder of each load point: walk sections from sources
adj = {}
for sec in net["sections"]:
    adj.setdefault(sec["from"], []).append((sec["to"], sec["id"]))
    adj.setdefault(sec["to"], []).append((sec["from"], sec["id"]))
feeder_of_bus = {}
for s in net["sources"]:
    stack = [s["bus"]]
    feeder_of_bus[s["bus"]] = s["id"]
    while stack:
        b = stack.pop()
        for nb, _ in adj.get(b, []):
            if nb not in feeder_of_bus:
                feeder_of_bus[nb] = s["id"]
                stack.append(nb)
lps_by_feeder = {}
for lp in net["loadPoints"]:
    lps_by_feeder.setdefault(feeder_of_bus[lp["bus"]], []).append(lp["id"])
feeders = sorted(lps_by_feeder)
# laterals: section whose 'to' bus chain ends at a load point: S2 -> LP1 etc.
lateral_of_lp = {}
for sec in net["sections"]:
    to = sec["to"]
    if to.endswith("-MV"):
        lateral_of_lp[to[:-3]] = sec["id"]
    elif to.startswith("LP"):
        lateral_of_lp[to] = sec["id"]


def stamp(t):
    return t.strftime("%Y-%m-%dT%H:%M")


def fault_day(day, rows, prefix, storm=False, severity=3):
    n = random.randint(6, 12) * severity // 3 if storm else 1
    for _ in range(n):
        feeder = random.choice(feeders)
        lps = random.sample(lps_by_feeder[feeder], min(len(lps_by_feeder[feeder]), random.randint(1, 3)))
        start = dt.datetime.combine(day, dt.time(random.randint(0, 23), random.randint(0, 59)))
        r = random.random()
        if r < 0.15 and not storm:
            minutes = random.randint(1, 4)
            cause = "fault"
        else:
            minutes = int(random.lognormvariate(4.6, 0.8)) + 6
            if storm:
                minutes = int(minutes * severity)
            cause = "external" if random.random() < 0.04 else "fault"
            if day.month in (7, 8) and random.random() < 0.05:
                cause = "supplyShortage"
        end = start + dt.timedelta(minutes=minutes)
        steps = ""
        if len(lps) > 1 and minutes > 60 and random.random() < 0.5:
            t = start + dt.timedelta(minutes=random.randint(10, minutes - 10))
            steps = f"{stamp(t)}={lps[0]}"
        rows.append([f"{prefix}{len(rows) + 1:05d}", stamp(start), stamp(end), cause, feeder, ";".join(lps), "", steps])


def planned(day, rows, prefix, lp, hours):
    feeder = feeder_of_bus[[l for l in net["loadPoints"] if l["id"] == lp][0]["bus"]]
    start = dt.datetime.combine(day, dt.time(9, 0))
    end = start + dt.timedelta(hours=hours + 2)
    rows.append([f"{prefix}{len(rows) + 1:05d}", stamp(start), stamp(end), "planned", feeder, lp, "", ""])
    return feeder, start, end


header = ["event_id", "start", "end", "cause", "feeder", "load_points", "customers", "steps"]

# History: 2021-2025.
history = []
day = dt.date(2021, 1, 1)
storms = {dt.date(y, random.randint(5, 9), random.randint(1, 28)) for y in range(2021, 2026)}
while day <= dt.date(2025, 12, 31):
    if day in storms:
        fault_day(day, history, "H", storm=True, severity=1)
    elif random.random() < 0.05:
        fault_day(day, history, "H")
    if day.weekday() < 5 and random.random() < 0.03:
        planned(day, history, "H", random.choice(list(lateral_of_lp)), random.randint(2, 5))
    day += dt.timedelta(days=1)

# The audited half year.
outages = []
work = []
day = dt.date(2026, 1, 1)
storm = dt.date(2026, 5, 18)
while day <= dt.date(2026, 6, 30):
    if day == storm:
        fault_day(day, outages, "E", storm=True, severity=10)
    elif random.random() < 0.05:
        fault_day(day, outages, "E")
    day += dt.timedelta(days=1)

# Work: 24 live jobs and 8 jobs by outage (each with its planned outage record).
main_sections = [s["id"] for s in net["sections"] if s["kind"] != "transformer" and not s["to"].startswith("LP")]
workdays = [dt.date(2026, 1, 5) + dt.timedelta(days=i) for i in range(0, 175) if (dt.date(2026, 1, 5) + dt.timedelta(days=i)).weekday() < 5]
job = 0
outage_days = random.sample(workdays, 8)
for d in sorted(outage_days):
    lp = random.choice(list(lateral_of_lp))
    hours = random.randint(3, 5)
    feeder, start, end = planned(d, outages, "E", lp, hours)
    job += 1
    work.append([f"W-{job:03d}", d.isoformat(), "10:00", f"{10 + hours}:00", "outage", lateral_of_lp[lp], feeder])
for d in sorted(random.sample([w for w in workdays if w not in outage_days], 24)):
    section = random.choice(main_sections + list(lateral_of_lp.values()))
    feeder = feeder_of_bus[[s for s in net["sections"] if s["id"] == section][0]["to"]]
    job += 1
    method = "bypass" if random.random() < 0.2 else "liveLine"
    work.append([f"W-{job:03d}", d.isoformat(), "09:30", f"{random.randint(12, 15)}:00", method, section, feeder])
# The contradiction: a live job on the lateral of a planned outage, same day and time.
target = [o for o in outages if o[3] == "planned"][3]
lp = target[5]
job += 1
work.append([f"W-{job:03d}", target[1][:10], "10:00", "13:00", "liveLine", lateral_of_lp[lp], target[4]])
# A planned outage with no work order.
planned(dt.date(2026, 4, 7), outages, "E", "LP17", 3)

for name, rows, head in [("history.csv", history, header), ("outages.csv", outages, header),
                         ("work.csv", sorted(work, key=lambda r: (r[1], r[0])), ["job_id", "date", "start", "end", "method", "section", "feeder"])]:
    with open(f"{out}/{name}", "w") as f:
        f.write(",".join(head) + "\n")
        for r in rows:
            f.write(",".join(r) + "\n")
print(len(history), "history rows;", len(outages), "outage rows;", len(work), "jobs")
