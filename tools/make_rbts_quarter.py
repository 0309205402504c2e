#!/usr/bin/env python3
"""Write scenarios/rbts-bus2-quarter.json: a quarter of work orders on networks/rbts-bus2.json.

Run once to create the scenario (python3 tools/make_rbts_quarter.py > scenarios/rbts-bus2-quarter.json);
kept to show how the job list was put together. Not used by liveline or its tests.
"""
import json
import random

random.seed(2027)
MAIN = ["S1", "S4", "S7", "S10", "S12", "S14", "S16", "S18", "S21", "S24", "S26", "S29", "S32", "S34"]
LATERAL = ["S2", "S3", "S5", "S6", "S8", "S9", "S11", "S13", "S15", "S17", "S19", "S20", "S22", "S23", "S25",
           "S27", "S28", "S30", "S31", "S33", "S35", "S36"]
TRANSFORMERS = ["T-LP1", "T-LP3", "T-LP6", "T-LP10", "T-LP12", "T-LP15", "T-LP17", "T-LP19", "T-LP22"]
DISCONNECTORS = ["DS-S4", "DS-S7", "DS-S10", "DS-S14", "DS-S18", "DS-S21", "DS-S24", "DS-S29", "DS-S32", "DS-S34"]

WEEKS = ["2027-01-11", "2027-01-18", "2027-01-25", "2027-02-01", "2027-02-15", "2027-02-22", "2027-03-01",
         "2027-03-08", "2027-03-15", "2027-03-22", "2027-03-29"]


def window():
    start = random.randrange(0, len(WEEKS) - 1)
    length = random.choice([1, 2, 3, 4, 6, 10])
    end = min(len(WEEKS) - 1, start + length)
    earliest = WEEKS[start]
    y, m, d = map(int, WEEKS[end].split("-"))
    latest = f"{y:04d}-{m:02d}-{min(d + 4, 31 if m != 2 else 28):02d}"
    return earliest, latest


jobs = []


def add(kind, description, hours, target, mandatory=True, **extra):
    jid = f"WO-{len(jobs) + 1:03d}"
    earliest, latest = window()
    job = {"id": jid, "description": description, "workType": kind}
    job.update(target)
    job.update({"durationHours": hours, "earliest": earliest, "latest": latest, "requested": earliest, "mandatory": mandatory})
    if not mandatory:
        job["deferralPenaltyCustomerMinutes"] = extra.pop("penalty", 20000)
    job.update(extra)
    jobs.append(job)
    return jid


for s in random.sample(MAIN, 9):
    add("insulatorReplacement", f"Replace damaged pin insulators on main section {s}", random.choice([3, 4, 5]), {"section": s})
for s in random.sample(LATERAL, 7):
    add("arresterReplacement", f"Replace surge arresters on lateral {s}", random.choice([2, 3]), {"section": s})
conductor = {}
for s in random.sample(MAIN, 5):
    conductor[s] = add("conductorRepair", f"Re-conductor a span of {s} (de-energised work)", random.choice([4, 5, 6]), {"section": s},
                       methods=["transfer", "outage"])
for s in random.sample(MAIN, 5):
    after = [conductor[s]] if s in conductor else []
    extra = {"after": after} if after else {}
    if random.random() < 0.5:
        extra["methods"] = ["transfer", "outage"]
        description = f"Replace an angle pole with heavy equipment on {s} (de-energised work)"
    else:
        description = f"Replace a cracked concrete pole on {s}"
    add("poleReplacement", description, random.choice([5, 6, 7]), {"section": s}, **extra)
for s in random.sample(LATERAL, 4):
    add("cableJointRepair", f"Re-make the cable termination at the riser of {s}", random.choice([4, 6]), {"section": s})
for d in random.sample(DISCONNECTORS, 3):
    add("ringMainUnitReplacement", f"Replace switchgear at {d} with a ring main unit", 6, {"device": d})
for d in random.sample(DISCONNECTORS, 4):
    add("switchReplacement", f"Replace disconnector {d}", random.choice([3, 4]), {"device": d})
for t in TRANSFORMERS[:6]:
    add("transformerReplacement", f"Replace ageing distribution transformer {t[2:]}", random.choice([5, 6]), {"section": t})
for s in random.sample(MAIN + LATERAL, 10):
    add("treeTrimming", f"Trim trees along {s}", random.choice([2, 3, 4]), {"section": s}, mandatory=random.random() < 0.5, penalty=5000)
for s in random.sample(LATERAL, 4):
    add("newConnection", f"Connect a new customer to lateral {s}", 2, {"section": s}, mandatory=False, penalty=30000)
for s in random.sample(MAIN, 3):
    add("inspection", f"Infrared inspection and clamp tightening on {s}", 2, {"section": s}, mandatory=False, penalty=3000)

scenario = {
    "formatVersion": 1,
    "name": "RBTS Bus 2, first quarter 2027",
    "description": "About 60 work orders on networks/rbts-bus2.json; Spring Festival week blocked; some days too wet for live work; planning ratings for the feeder heads make the ties short of headroom in January.",
    "horizon": {"start": "2027-01-04", "end": "2027-03-31"},
    "calendar": {
        "workingWeekdays": [1, 2, 3, 4, 5],
        "blockedDays": ["2027-02-05", "2027-02-08", "2027-02-09", "2027-02-10", "2027-02-11", "2027-02-12"],
        "noLiveWorkDays": ["2027-01-19", "2027-01-20", "2027-02-23", "2027-03-10", "2027-03-22"],
    },
    "policy": {"maxPlannedInterruptionsPerCustomer": 2, "closedLoopTransfer": False, "notificationLeadDays": 7,
               "workStartHour": 9, "bypassConnectionMinutes": 0},
    "resources": {"liveTeams": {"1": 1, "2": 1, "3": 1, "4": 1}, "bucketTrucks": 2, "bypassCableSets": 1,
                  "mobileGenerators": [{"kW": 630, "count": 1}], "outageCrews": 2},
    "resourceOverrides": [
        {"date": "2027-01-27", "liveTeams": {"2": 0, "3": 0}},
        {"date": "2027-03-17", "liveTeams": {"4": 0}, "bypassCableSets": 0},
    ],
    "loadForecast": {"monthlyFactors": [1.0, 0.85, 0.75, 0.7, 0.72, 0.85, 0.95, 0.95, 0.8, 0.72, 0.8, 0.95]},
    "feederRatingsMW": {"F1": 7.0, "F2": 6.0, "F3": 6.5, "F4": 7.0},
    "jobs": jobs,
}
lines = ["{"]
keys = list(scenario)
for i, key in enumerate(keys):
    comma = "," if i < len(keys) - 1 else ""
    value = scenario[key]
    if key == "jobs":
        lines.append('  "jobs": [')
        for k, job in enumerate(value):
            lines.append("    " + json.dumps(job, ensure_ascii=False) + ("," if k < len(value) - 1 else ""))
        lines.append("  ]" + comma)
    else:
        lines.append(f'  "{key}": ' + json.dumps(value, ensure_ascii=False) + comma)
lines.append("}")
print("\n".join(lines))
