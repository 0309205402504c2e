#!/usr/bin/env python3
"""Independent checker of a LiveLine plan, written without the planner's code.

Usage: plan_checker.py NETWORK.json SCENARIO.json PLAN_DIR [--quiet]

Reads the network and scenario files as documented (docs/network-format.md,
docs/scenario-format.md) and the plan's schedule.json and plan.json (docs/schedule-format.md).
It derives the feeders, the isolation zones and the normal supply tree from the network file
itself, replays every switching step of every day bus by bus (which buses have supply after each
step), and from that recomputes every KPI the plan reports and checks every hard rule:
windows, working days, notice, weather, methods, precedence, crews and vehicles per day, the
isolation of each work zone for its whole work, back-feed conflicts, headroom of every rated
section, tie and feeder head in every hour with every transfer of the day in place, the repeat
cap and the normal state at the end of each day; the work periods (each job in a period open
to it and long enough, its outage at one of the period's start hours), weekend work, jobs of
several days (all days, one method, consecutive working days) and switching teams per area.

Prints one finding per line and exits 1 when there is any; prints "OK …" and exits 0 otherwise.
Standard library only.
"""
import csv
import datetime
import json
import math
import os
import sys
from collections import defaultdict

import switching_rules

TOL = 1e-9

LIVE_CATEGORY = {
    "treeTrimming": 1, "newConnection": 1, "inspection": 1,
    "insulatorReplacement": 2, "arresterReplacement": 2,
    "poleReplacement": 3, "conductorRepair": 3, "switchReplacement": 3,
    "cableJointRepair": None, "ringMainUnitReplacement": None, "transformerReplacement": None,
    "other": 2,
}
NO_BYPASS = {"treeTrimming", "newConnection", "inspection"}
OVERHEAD = {"overheadBare", "overheadInsulated"}


def day(text):
    return datetime.date.fromisoformat(text)


def close(a, b, rel=TOL):
    return abs(a - b) <= rel * max(1.0, abs(a), abs(b))


class Network:
    def __init__(self, data, rating_overrides=None, monthly_override=None):
        self.data = data
        defaults = data.get("defaults", {})
        kinds = defaults.get("sections", {})
        switching = defaults.get("switching", {})
        self.manual_hours = switching.get("manualHours", 1.0)
        self.remote_hours = switching.get("remoteHours", 0.05)
        self.operate_hours = switching.get("operateHours", 5 / 60)
        profile = data.get("loadProfile", {})
        self.monthly = monthly_override or profile.get("monthlyFactors", [1.0] * 12)
        self.hourly = profile.get("hourlyFactors", [1.0] * 24)
        self.buses = [b["id"] for b in data["buses"]]
        self.sources = {}
        for s in data["sources"]:
            rating = s.get("ratingMW", math.inf)
            if rating_overrides and s["id"] in rating_overrides:
                rating = rating_overrides[s["id"]]
            self.sources[s["id"]] = {"bus": s["bus"], "rating": rating}
        self.source_of_bus = {v["bus"]: k for k, v in self.sources.items()}
        self.sections = {}
        for s in data["sections"]:
            rating = s.get("ratingMW", kinds.get(s["kind"], {}).get("ratingMW", math.inf))
            self.sections[s["id"]] = {"from": s["from"], "to": s["to"], "kind": s["kind"], "rating": rating}
        self.devices = {}
        self.devices_on = defaultdict(list)
        self.device_order = {}
        for d in data.get("devices", []):
            hours = d.get("switchingHours", self.remote_hours if d.get("control") == "remote" else self.manual_hours)
            self.device_order[d["id"]] = len(self.device_order)
            self.devices[d["id"]] = {"section": d["section"], "end": d["end"], "hours": hours, "kind": d["kind"],
                                     "control": d.get("control", "manual"), "loadBreak": d.get("loadBreak")}
            self.devices_on[d["section"]].append(d["id"])
        self.ties = {}
        for t in data.get("ties", []):
            hours = t.get("switchingHours", self.remote_hours if t.get("control") == "remote" else self.manual_hours)
            self.ties[t["id"]] = {"a": t["busA"], "b": t["busB"], "capacity": t.get("capacityMW", math.inf), "hours": hours,
                                  "control": t.get("control", "manual")}
        self.loads = {}
        self.loads_at = defaultdict(list)
        for lp in data["loadPoints"]:
            self.loads[lp["id"]] = {"bus": lp["bus"], "customers": lp["customers"], "average": lp["averageMW"],
                                    "peak": lp.get("peakMW", lp["averageMW"]), "class": lp.get("customerClass", "residential")}
            self.loads_at[lp["bus"]].append(lp["id"])
        self.adjacent = defaultdict(list)
        for sid, s in self.sections.items():
            self.adjacent[s["from"]].append(sid)
            self.adjacent[s["to"]].append(sid)
        self._normal_tree()
        self._zones()

    def factor(self, month, hour):
        return self.monthly[month - 1] * self.hourly[hour % 24]

    def bus_at(self, section, end):
        return self.sections[section][end]

    def _normal_tree(self):
        """Feeder, parent section and depth order of every bus in the normal state."""
        self.feeder = {}
        self.parent_section = {}
        self.order = []
        for fid, src in self.sources.items():
            stack = [src["bus"]]
            self.feeder[src["bus"]] = fid
            self.parent_section[src["bus"]] = None
            while stack:
                bus = stack.pop()
                self.order.append(bus)
                for sid in self.adjacent[bus]:
                    s = self.sections[sid]
                    other = s["to"] if s["from"] == bus else s["from"]
                    if other in self.feeder:
                        continue
                    self.feeder[other] = fid
                    self.parent_section[other] = sid
                    stack.append(other)
        self.upstream = {}
        for bus in self.order:
            sid = self.parent_section[bus]
            if sid is not None:
                s = self.sections[sid]
                self.upstream[sid] = s["to"] if s["to"] != bus else s["from"]
        self.children = defaultdict(list)
        for bus in self.order:
            sid = self.parent_section[bus]
            if sid is not None:
                self.children[self.upstream[sid]].append(bus)
        self.normal_flow = {}
        below = defaultdict(float)
        for bus in self.order:
            below[bus] = sum(self.loads[lp]["peak"] for lp in self.loads_at[bus])
        for bus in reversed(self.order):
            sid = self.parent_section[bus]
            if sid is not None:
                self.normal_flow[sid] = below[bus]
                below[self.upstream[sid]] += below[bus]
        self.feeder_peak = {fid: below[src["bus"]] for fid, src in self.sources.items()}

    def _zones(self):
        """Isolation zones: sections and buses not separated by a device (source buses excluded)."""
        parent = {}

        def find(x):
            while parent.setdefault(x, x) != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        def union(a, b):
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[rb] = ra

        for sid, s in self.sections.items():
            ends = {self.devices[d]["end"] for d in self.devices_on[sid]}
            find(("s", sid))
            for end in ("from", "to"):
                bus = s[end]
                if end not in ends and bus not in self.source_of_bus:
                    union(("s", sid), ("b", bus))
        for bus in self.buses:
            if bus not in self.source_of_bus:
                find(("b", bus))
        self.zone_of_section = {sid: find(("s", sid)) for sid in self.sections}
        self.zone_of_bus = {b: find(("b", b)) for b in self.buses if b not in self.source_of_bus}
        self.zone_buses = defaultdict(set)
        for b, z in self.zone_of_bus.items():
            self.zone_buses[z].add(b)
        self.zone_sections = defaultdict(list)
        for sid, z in self.zone_of_section.items():
            self.zone_sections[z].append(sid)
        # Entry devices: devices whose downstream side lies in the zone.
        self.entry = defaultdict(list)
        self.zone_parent = {}
        for did, d in self.devices.items():
            sid = d["section"]
            bus = self.sections[sid][d["end"]]
            if sid not in self.upstream:
                continue
            section_zone = self.zone_of_section[sid]
            if self.upstream[sid] == bus:
                downstream, upstream_zone = section_zone, self.zone_of_bus.get(bus)
            else:
                downstream, upstream_zone = self.zone_of_bus[bus], section_zone
            self.entry[downstream].append(did)
            self.zone_parent[downstream] = upstream_zone
        for sid in self.sections:
            z = self.zone_of_section[sid]
            if sid in self.upstream and self.upstream[sid] in self.source_of_bus and not self.entry[z]:
                self.zone_parent.setdefault(z, None)

    def zone_subtree_buses(self, zone):
        """Buses of the zone and everything below it in the normal tree (cached)."""
        cache = self.__dict__.setdefault("_subtree", {})
        if zone in cache:
            return cache[zone]
        stack = list(self.zone_buses[zone])
        for sid in self.zone_sections[zone]:
            if sid in self.upstream:
                s = self.sections[sid]
                stack.append(s["to"] if self.upstream[sid] == s["from"] else s["from"])
        result = set()
        while stack:
            bus = stack.pop()
            if bus in result:
                continue
            result.add(bus)
            stack.extend(self.children[bus])
        cache[zone] = result
        return result

    def zone_anchor(self, zone):
        """A bus that lies in the zone's subtree and below any zone the zone is below."""
        if self.zone_buses[zone]:
            return min(self.zone_buses[zone])
        for sid in self.zone_sections[zone]:
            if sid in self.upstream:
                s = self.sections[sid]
                return s["to"] if self.upstream[sid] == s["from"] else s["from"]
        return None

    def is_below(self, zone, other):
        """Whether `zone` is `other` or lies below it."""
        if zone == other:
            return True
        anchor = self.zone_anchor(zone)
        return anchor is not None and anchor in self.zone_subtree_buses(other)

    def isolation_hours(self, zone):
        devices = self.entry[zone]
        if not devices:
            return self.manual_hours
        return max(self.devices[d]["hours"] for d in devices)

    def customers_of(self, buses):
        return sum(self.loads[lp]["customers"] for b in buses for lp in self.loads_at[b])

    def supplied(self, open_sections, closed_ties, feeders):
        """Buses of `feeders` with supply, the supply tree (bus → (edge, parent bus, feeder)) and
        whether it is meshed. Feeders not listed are in their normal state."""
        reached = {}
        queue = []
        for fid in sorted(feeders):
            src = self.sources[fid]
            reached[src["bus"]] = (None, None, fid)
            queue.append(src["bus"])
        tie_at = defaultdict(list)
        for tid in closed_ties:
            t = self.ties[tid]
            tie_at[t["a"]].append((tid, t["b"]))
            tie_at[t["b"]].append((tid, t["a"]))
        meshed = False
        head = 0
        used = set()
        while head < len(queue):
            bus = queue[head]
            head += 1
            edges = [(("s", sid), self.sections[sid]["to"] if self.sections[sid]["from"] == bus else self.sections[sid]["from"])
                     for sid in self.adjacent[bus] if sid not in open_sections]
            edges += [(("t", tid), other) for tid, other in tie_at[bus]]
            for edge, other in edges:
                if edge in used:
                    continue
                used.add(edge)
                if other in reached:
                    meshed = True
                    continue
                reached[other] = (edge, bus, reached[bus][2])
                queue.append(other)
        return reached, meshed


def longest_dead(times, states, buses):
    """Longest time every one of `buses` is without supply, over the day's states."""
    start = None
    longest = 0.0
    for t, (reached, _, _) in zip(times, states):
        dead = not any(b in reached for b in buses)
        if dead and start is None:
            start = t
        if not dead and start is not None:
            longest = max(longest, t - start)
            start = None
    return longest


def live_during(times, states, buses, start, end):
    """The first time in [start, end) at which any of `buses` has supply (state k holds from
    times[k] to times[k + 1]; before the first step the network is normal), or None."""
    if not times or start < times[0] - 1e-9:
        return start
    for k, (t, (reached, _, _)) in enumerate(zip(times, states)):
        following = times[k + 1] if k + 1 < len(times) else math.inf
        if following > start + 1e-9 and t < end - 1e-9 and any(b in reached for b in buses):
            return max(t, start)
    return None


def load_scenario(path, net):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    jobs = data.get("jobs")
    if jobs is None and "jobsCSV" in data:
        with open(os.path.join(os.path.dirname(path), data["jobsCSV"]), encoding="utf-8-sig") as f:
            jobs = []
            for row in csv.DictReader(f):
                job = {"id": row["id"], "workType": row["workType"], "durationHours": float(row["durationHours"]),
                       "earliest": row["earliest"], "latest": row["latest"]}
                if row.get("section"):
                    job["section"] = row["section"]
                if row.get("device"):
                    job["device"] = row["device"]
                if row.get("requested"):
                    job["requested"] = row["requested"]
                if row.get("mandatory"):
                    job["mandatory"] = row["mandatory"].strip().lower() in ("yes", "true", "1")
                if row.get("methods"):
                    job["methods"] = [m for m in row["methods"].split(";") if m]
                if row.get("liveCategory"):
                    job["liveCategory"] = int(row["liveCategory"])
                if row.get("after"):
                    job["after"] = [m for m in row["after"].split(";") if m]
                jobs.append(job)
    for job in jobs:
        if "section" not in job:
            job["section"] = net.devices[job["device"]]["section"]
        # A pin (docs/scenario-format.md "Pins and locks"): the window becomes the pinned day, the
        # methods the pinned one, the job mandatory.
        pin = job.get("pin")
        if pin:
            job["mandatory"] = True
            if "date" in pin:
                job["earliest"] = job["latest"] = pin["date"]
            if "method" in pin:
                job["methods"] = [pin["method"]] if pin["method"] in job.get("methods", [pin["method"]]) else []
    data["jobs"] = jobs
    return data


class Checker:
    def __init__(self, network_path, scenario_path, plan_dir):
        with open(network_path, encoding="utf-8") as f:
            raw = json.load(f)
        with open(scenario_path, encoding="utf-8") as f:
            scenario_raw = json.load(f)
        monthly = (scenario_raw.get("loadForecast") or {}).get("monthlyFactors")
        hourly = (scenario_raw.get("loadForecast") or {}).get("hourlyFactors")
        if hourly is not None:
            raw.setdefault("loadProfile", {})["hourlyFactors"] = hourly
        travel = (scenario_raw.get("switching") or {}).get("travelHours")
        if travel is not None:
            # The scenario's travel time: a manual step is travel + operating time.
            switching = raw.setdefault("defaults", {}).setdefault("switching", {})
            switching["manualHours"] = travel + switching.get("operateHours", 5 / 60)
        self.net = Network(raw, scenario_raw.get("feederRatingsMW"), monthly)
        self.scenario = load_scenario(scenario_path, self.net)
        # A job of n days is n jobs ID#1 … ID#n, one a day (docs/scenario-format.md).
        self.parts = {}
        expanded = []
        last_part = {}
        for job in self.scenario["jobs"]:
            n = job.get("durationDays", 1)
            if n <= 1:
                expanded.append(job)
                continue
            last_part[job["id"]] = f"{job['id']}#{n}"
            for k in range(1, n + 1):
                part = dict(job, id=f"{job['id']}#{k}")
                part.pop("durationDays", None)
                if k > 1:
                    part["after"] = []
                self.parts[part["id"]] = (job["id"], k, n)
                expanded.append(part)
        for job in expanded:
            job["after"] = [last_part.get(a, a) for a in job.get("after", [])]
        self.scenario["jobs"] = expanded
        with open(os.path.join(plan_dir, "schedule.json"), encoding="utf-8") as f:
            self.schedule = json.load(f)
        with open(os.path.join(plan_dir, "plan.json"), encoding="utf-8") as f:
            self.plan = json.load(f)
        self.findings = []
        self.permit_states = {}
        self.plan_dir = plan_dir
        p = self.scenario.get("policy", {})
        self.cap = p.get("maxPlannedInterruptionsPerCustomer", 2)
        self.closed_loop = p.get("closedLoopTransfer", False)
        self.lead_days = p.get("notificationLeadDays", 7)
        self.start_hour = p.get("workStartHour", 9)
        self.bypass_minutes = p.get("bypassConnectionMinutes", 0)
        cal = self.scenario.get("calendar", {})
        self.weekdays = set(cal.get("workingWeekdays", [1, 2, 3, 4, 5]))
        self.blocked = {day(d) for d in cal.get("blockedDays", [])}
        self.no_live = {day(d) for d in cal.get("noLiveWorkDays", [])}
        self.feeder_blocks = {}
        for block in cal.get("feederBlocks", []):
            self.feeder_blocks.setdefault(block["feeder"], set()).update(day(d) for d in block["dates"])
        self.horizon = (day(self.scenario["horizon"]["start"]), day(self.scenario["horizon"]["end"]))
        self.jobs = {j["id"]: j for j in self.scenario["jobs"]}
        tod = self.scenario.get("timeOfDay") or {}
        self.periods = tod.get("periods") or [{"name": "day", "startHours": [self.start_hour]}]
        for period in self.periods:
            period.setdefault("longestJobHours", p.get("shiftHours", 10))
        self.weekend = tod.get("weekendWork")
        self.first_start = self.periods[0]["startHours"][0]

    def allows(self, permission, job):
        """Whether a period's or the weekend's permission lets `job` work (None: everyone)."""
        if permission is None:
            return True
        net = self.net
        base = self.parts.get(job["id"], (job["id"],))[0]
        if base in permission.get("jobs", []):
            return True
        if net.feeder.get(net.sections[job["section"]]["from"]) in permission.get("feeders", []):
            return True
        zone = net.zone_of_section[job["section"]]
        if any(net.zone_of_section.get(s) == zone for s in permission.get("sections", [])):
            return True
        classes = permission.get("customerClasses", [])
        loads = [lp for b in net.zone_subtree_buses(zone) for lp in net.loads_at[b]]
        return bool(classes) and bool(loads) and all(net.loads[lp]["class"] in classes for lp in loads)

    def open_day(self, d, job):
        """A day the job may be worked: in the horizon, not blocked, a working weekday or a weekend
        day open to it."""
        if not (self.horizon[0] <= d <= self.horizon[1]) or d in self.blocked:
            return False
        return d.isoweekday() in self.weekdays or (self.weekend is not None and self.allows(self.weekend, job))

    def find(self, text):
        self.findings.append(text)

    # ----- rules per job -----

    def working(self, d):
        return self.horizon[0] <= d <= self.horizon[1] and d.isoweekday() in self.weekdays and d not in self.blocked

    def resources(self, d):
        base = dict(self.scenario["resources"])
        for o in self.scenario.get("resourceOverrides", []):
            if day(o["date"]) == d:
                base.update({k: v for k, v in o.items() if k != "date"})
        teams = [0, 0, 0, 0]
        for k, v in (self.scenario["resources"].get("liveTeams") or {}).items():
            teams[int(k) - 1] = v
        for o in self.scenario.get("resourceOverrides", []):
            if day(o["date"]) == d:
                # Categories an override does not list keep the normal number of teams.
                for k, v in (o.get("liveTeams") or {}).items():
                    teams[int(k) - 1] = v
        gens = sorted((g["kW"], g["count"]) for g in base.get("mobileGenerators", []))
        return {"teams": teams, "buckets": base.get("bucketTrucks", 0), "cables": base.get("bypassCableSets", 0),
                "generators": gens, "crews": base.get("outageCrews", 0)}

    def generator_kw(self, job):
        net = self.net
        zone = net.zone_of_section[job["section"]]
        peak = sum(net.loads[lp]["peak"] for b in net.zone_subtree_buses(zone) for lp in net.loads_at[b])
        first, last = day(job["earliest"]), day(job["latest"])
        months = set()
        d = first
        while d <= last:
            months.add(d.month)
            d += datetime.timedelta(days=1)
        starts = [h for period in self.periods if job["durationHours"] <= period["longestJobHours"] + 1e-9
                  and self.allows(period.get("allow"), job) for h in period["startHours"]] or [h for x in self.periods for h in x["startHours"]]
        factor = 0.0
        for start in starts:
            end = start + job["durationHours"] + self.bypass_minutes / 60
            hours = range(int(math.floor(start)), max(int(math.floor(start)) + 1, int(math.ceil(end))))
            factor = max(factor, max(net.factor(m, h % 24) for m in months for h in hours))
        return peak * factor * 1000

    def allowed_methods(self, job):
        kind = self.net.sections[job["section"]]["kind"]
        overhead = kind in OVERHEAD
        if job.get("methods"):
            methods = set(job["methods"])
        else:
            methods = {"transfer", "outage"}
            if overhead and (job.get("liveCategory") or LIVE_CATEGORY[job["workType"]]):
                methods.add("liveLine")
            if job["workType"] not in NO_BYPASS:
                methods.add("bypass")
        if not overhead:
            methods.discard("liveLine")
        return methods - set(job.get("forbiddenMethods", []))

    def check_jobs(self, entries):
        scheduled = {}
        for e in entries:
            if e["job"] in scheduled:
                self.find(f"job {e['job']}: scheduled twice")
            scheduled[e["job"]] = e
        for jid, e in scheduled.items():
            job = self.jobs.get(jid)
            if job is None:
                self.find(f"job {jid}: not in the scenario")
                continue
            d = day(e["date"])
            if not (day(job["earliest"]) <= d <= day(job["latest"])):
                self.find(f"job {jid}: {d} is outside its window {job['earliest']}…{job['latest']}")
            if not self.open_day(d, job):
                self.find(f"job {jid}: {d} is not a working day of the horizon open to it")
            feeder = self.net.feeder.get(self.net.sections[job["section"]]["to"])
            if feeder is not None and d in self.feeder_blocks.get(feeder, set()):
                self.find(f"job {jid}: {d} is blocked for its feeder {feeder}")
            method = e["method"]
            if method not in self.allowed_methods(job):
                self.find(f"job {jid}: method {method} is not allowed")
            kind = self.net.sections[job["section"]]["kind"]
            if method in ("transfer", "outage") and d < self.horizon[0] + datetime.timedelta(days=self.lead_days):
                self.find(f"job {jid}: {method} on {d} is inside the {self.lead_days}-day notice period")
            if d in self.no_live and (method == "liveLine" or (method == "bypass" and kind in OVERHEAD)):
                self.find(f"job {jid}: live work on {d}, a no-live-work day")
            if abs(e["durationHours"] - job["durationHours"]) > 1e-9:
                self.find(f"job {jid}: duration {e['durationHours']} h differs from the scenario's {job['durationHours']} h")
            for before in job.get("after", []):
                b = scheduled.get(before)
                if b is None or day(b["date"]) >= d:
                    self.find(f"job {jid}: not after {before}")
        self.check_parts(scheduled)
        self.check_periods(scheduled)
        for jid, job in self.jobs.items():
            if jid not in scheduled and job.get("mandatory", True) and self.plan.get("status") not in (
                    "infeasible", "mandatory jobs left out (not proved impossible)"):
                self.find(f"job {jid}: mandatory but not scheduled, and the plan does not say so")
        return scheduled

    def check_parts(self, scheduled):
        """The days of a job of several days: all or none, by one method, on consecutive days open
        to the job."""
        bases = defaultdict(list)
        for pid, (base, k, n) in self.parts.items():
            bases[base].append((k, pid, n))
        for base, parts in sorted(bases.items()):
            parts.sort()
            done = [pid for _, pid, _ in parts if pid in scheduled]
            if not done:
                continue
            if len(done) != len(parts):
                self.find(f"job {base}: {len(done)} of its {len(parts)} days are scheduled")
                continue
            job = self.jobs[parts[0][1]]
            methods = {scheduled[pid]["method"] for _, pid, _ in parts}
            if len(methods) > 1:
                self.find(f"job {base}: its days are by different methods {sorted(methods)}")
            days = []
            d = max(day(job["earliest"]), self.horizon[0])
            while d <= min(day(job["latest"]), self.horizon[1]):
                if self.open_day(d, job):
                    days.append(d)
                d += datetime.timedelta(days=1)
            got = [day(scheduled[pid]["date"]) for _, pid, _ in parts]
            if got[0] not in days or days[days.index(got[0]):days.index(got[0]) + len(got)] != got:
                self.find(f"job {base}: days {[str(x) for x in got]} are not consecutive working days of its window")

    def check_periods(self, scheduled):
        """Each job in a period open to it and long enough for it; its outage starting at one of
        the period's start hours."""
        rows = {r["job"]: r for r in self.plan.get("jobs", [])}
        outages = {o["id"]: o for o in self.schedule["outages"]}
        for jid, e in scheduled.items():
            row = rows.get(jid)
            if row is None:
                self.find(f"job {jid}: not in plan.json jobs")
                continue
            name = row["period"].replace(" (weekend)", "")
            period = next((x for x in self.periods if x["name"] == name), None)
            job = self.jobs[jid]
            if period is None:
                self.find(f"job {jid}: period '{name}' is not in the scenario")
                continue
            if not self.allows(period.get("allow"), job):
                self.find(f"job {jid}: the {name} period is not open to it")
            pinned = (job.get("pin") or {}).get("period")
            if pinned and name != pinned:
                self.find(f"job {jid}: pinned to the {pinned} period, done in the {name} period")
            if job["durationHours"] > period["longestJobHours"] + 1e-9:
                self.find(f"job {jid}: {job['durationHours']} h is longer than the {name} period's {period['longestJobHours']} h")
            outage = outages.get(e.get("outage"))
            if outage is not None and outage["startHour"] not in period["startHours"]:
                self.find(f"job {jid}: its outage starts at {outage['startHour']}:00, not a start hour of the {name} period")

    def check_teams(self):
        """Switching teams per area and day: an outage needs one when a step is on a manual element
        or a tie touches its work zone (locked on site)."""
        cfg = self.scenario.get("switching") or {}
        if cfg.get("teams") is None and not cfg.get("areas"):
            return
        net = self.net
        area_of = {}
        teams = {}
        for area in cfg.get("areas", []):
            for f in area["feeders"]:
                area_of[f] = area["name"]
            teams[area["name"]] = area["teams"]
        if cfg.get("teams") is not None:
            teams["other feeders"] = cfg["teams"]
        used = defaultdict(int)
        for o in self.schedule["outages"]:
            feeder = net.feeder.get(net.sections[o["section"]]["from"])
            area = area_of.get(feeder, "other feeders" if cfg.get("teams") is not None else None)
            if area is None:
                continue
            zone = net.zone_of_section[o["section"]]
            manual = False
            for step in o.get("switching") or []:
                if "device" in step:
                    manual |= net.devices[step["device"]]["control"] != "remote"
                elif "tie" in step:
                    manual |= net.ties[step["tie"]]["control"] != "remote"
                else:
                    manual = True
            touches = any(t["a"] in net.zone_buses[zone] or t["b"] in net.zone_buses[zone] for t in net.ties.values())
            if manual or touches:
                used[(o["date"], area)] += 1
        for (d, area), n in sorted(used.items()):
            if n > teams[area]:
                self.find(f"{d}: {n} outages need a switching team in {area}, {teams[area]} available")

    def check_crews(self, scheduled):
        by_day = defaultdict(list)
        for jid, e in scheduled.items():
            by_day[day(e["date"])].append((self.jobs[jid], e["method"]))
        for d, items in sorted(by_day.items()):
            pool = self.resources(d)
            need_cat = [0, 0, 0, 0]
            buckets = cables = crews = 0
            gen_needs = []
            for job, method in items:
                overhead = self.net.sections[job["section"]]["kind"] in OVERHEAD
                if method == "liveLine":
                    cat = job.get("liveCategory") or LIVE_CATEGORY[job["workType"]] or 2
                    need_cat[cat - 1] += 1
                    buckets += overhead
                elif method == "bypass":
                    need_cat[3] += 1
                    buckets += overhead
                    if self.net.sections[job["section"]]["kind"] == "transformer":
                        gen_needs.append(self.generator_kw(job))
                    else:
                        cables += 1
                else:
                    crews += 1
            for k in range(4):
                if sum(need_cat[k:]) > sum(pool["teams"][k:]):
                    self.find(f"{d}: {sum(need_cat[k:])} jobs need live teams of category ≥ {k + 1}, {sum(pool['teams'][k:])} available")
            if buckets > pool["buckets"]:
                self.find(f"{d}: {buckets} bucket trucks needed, {pool['buckets']} available")
            if cables > pool["cables"]:
                self.find(f"{d}: {cables} bypass cable sets needed, {pool['cables']} available")
            if crews > pool["crews"]:
                self.find(f"{d}: {crews} outage crews needed, {pool['crews']} available")
            ratings = [kw for kw, _ in pool["generators"]]
            for i, rating in enumerate(ratings):
                below = ratings[i - 1] if i > 0 else 0
                needing = sum(1 for n in gen_needs if n > below + 1e-9)
                units = sum(c for kw, c in pool["generators"] if kw >= rating - 1e-9)
                if needing > units:
                    self.find(f"{d}: {needing} jobs need mobile generators over {below:g} kW, {units} of ≥ {rating:g} kW available")
            for n in gen_needs:
                if not ratings or n > ratings[-1] + 1e-6:
                    self.find(f"{d}: a temporary supply needs {n:.1f} kW, more than any mobile generator")

    # ----- replay -----

    def step_edge(self, step):
        """What a step changes: ('s', section) opened or closed, ('t', tie), or ('l', load point)
        switched at its low-voltage side."""
        if "lowVoltage" in step:
            return ("l", step["lowVoltage"]), step["lowVoltage"]
        if "device" in step:
            return ("s", self.net.devices[step["device"]]["section"]), step["device"]
        if "tie" in step:
            return ("t", step["tie"]), step["tie"]
        section = step["section"]
        s = self.net.sections[section]
        src_bus = self.net.sources[step["feederHead"]]["bus"]
        if src_bus not in (s["from"], s["to"]):
            self.find(f"feeder head step on {section}: the section does not leave feeder {step['feederHead']}'s source bus")
        return ("s", section), "head:" + section

    def replay_day(self, d, outages, permits=None):
        """Replays the day's steps. `permits` maps outage id → hours after midnight its permit is
        issued: the state then is kept in `self.permit_states`."""
        net = self.net
        permits = permits or {}
        events = []
        for outage in outages:
            steps = outage.get("switching")
            if not steps:
                self.find(f"outage {outage['id']}: no switching steps")
                continue
            for k, step in enumerate(steps):
                events.append((outage["startHour"] + step["at"], len(events), step, outage["id"]))
        events.sort(key=lambda e: (e[0], e[1]))
        feeders = set()
        for _, _, step, _ in events:
            if "tie" in step:
                t = net.ties[step["tie"]]
                feeders |= {net.feeder[t["a"]], net.feeder[t["b"]]}
            elif "device" in step:
                feeders.add(net.feeder[net.sections[net.devices[step["device"]]["section"]]["from"]])
            elif "lowVoltage" in step:
                feeders.add(net.feeder[net.loads[step["lowVoltage"]]["bus"]])
            else:
                feeders.add(step["feederHead"])
        open_switches = defaultdict(set)   # section -> open elements on it
        closed_ties = set()
        lv_open = set()
        lv_intervals = defaultdict(list)
        lv_since = {}
        state_times = []
        states = []
        i = 0
        reached0, _ = net.supplied(set(), set(), feeders)
        normal = set(reached0)
        previous = reached0
        open_switches_before = {}
        closed_before = set()
        pending = sorted(permits.items(), key=lambda kv: kv[1])
        while i < len(events):
            t = events[i][0]
            operated = []
            while i < len(events) and events[i][0] == t:
                step = events[i][2]
                (kind, name), element = self.step_edge(step)
                if kind == "l":
                    if step["action"] == "open" and name not in lv_open:
                        lv_open.add(name)
                        lv_since[name] = t
                    elif step["action"] == "close" and name in lv_open:
                        lv_open.discard(name)
                        if t > lv_since[name]:
                            lv_intervals[name].append((lv_since[name], t))
                elif kind == "t":
                    if step["action"] == "close":
                        closed_ties.add(name)
                    else:
                        closed_ties.discard(name)
                else:
                    if step["action"] == "open":
                        open_switches[name].add(element)
                    else:
                        open_switches[name].discard(element)
                    if "device" in step and not switching_rules.breaks_load(net.devices[step["device"]]):
                        operated.append((step, name, events[i][3]))
                i += 1
            while pending and pending[0][1] < t - 1e-9:
                oid, _ = pending.pop(0)
                self.permit_states[oid] = (open_switches_before, closed_before, previous)
            open_sections = {s for s, e in open_switches.items() if e}
            reached, meshed = net.supplied(open_sections, set(closed_ties), feeders)
            for step, section, oid in operated:
                self.check_no_load(d, oid, step, section, previous, reached, lv_open)
            open_switches_before = {s: set(e) for s, e in open_switches.items() if e}
            closed_before = set(closed_ties)
            previous = reached
            state_times.append(t)
            states.append((reached, meshed, set(closed_ties)))
        for oid, _ in pending:
            self.permit_states[oid] = (open_switches_before, closed_before, previous)
        if any(open_switches.values()) or closed_ties or lv_open:
            self.find(f"{d}: the day's switching leaves {sorted([e for v in open_switches.values() for e in v] + list(closed_ties) + list(lv_open))} off normal")
        # Dead intervals per load point.
        intervals = defaultdict(list)
        dead_since = {}
        for t, (reached, _, _) in zip(state_times, states):
            for bus in normal:
                alive = bus in reached
                if not alive and bus not in dead_since:
                    dead_since[bus] = t
                elif alive and bus in dead_since:
                    start = dead_since.pop(bus)
                    if t > start:
                        for lp in net.loads_at[bus]:
                            intervals[lp].append((start, t))
        for bus, start in dead_since.items():
            for lp in net.loads_at[bus]:
                intervals[lp].append((start, math.inf))
        # A load point whose low-voltage side was opened is dead while either holds.
        for lp, spans in lv_intervals.items():
            merged = []
            for a, b in sorted(spans + intervals.get(lp, [])):
                if merged and a <= merged[-1][1]:
                    merged[-1] = (merged[-1][0], max(merged[-1][1], b))
                else:
                    merged.append((a, b))
            intervals[lp] = merged
        self.check_headroom(d, state_times, states)
        return intervals, state_times, states

    def check_no_load(self, d, oid, step, section, before, after, lv_open):
        """A device that cannot break load is operated with no current through it: in the state
        before (opening) or after (closing), nothing with load is fed through its section, and it
        does not close or open a loop."""
        net = self.net
        s = net.sections[section]
        state = before if step["action"] == "open" else after
        ends = [s["from"], s["to"]]
        if not all(b in state for b in ends):
            return
        verb = "opened" if step["action"] == "open" else "closed"
        kind = net.devices[step["device"]]["kind"]
        fed = None
        for k in range(2):
            entry = state.get(ends[k])
            if entry and entry[0] == ("s", section):
                fed = ends[k]
        if fed is None:
            self.find(f"{d}: outage {oid}: {step['device']} ({kind}) is {verb} with both sides live in a loop; it cannot break load")
            return
        children = defaultdict(list)
        for bus, (_, parent, _) in state.items():
            if parent is not None:
                children[parent].append(bus)
        stack = [fed]
        while stack:
            bus = stack.pop()
            loaded = [lp for lp in net.loads_at[bus] if lp not in lv_open]
            if loaded:
                self.find(f"{d}: outage {oid}: {step['device']} ({kind}) is {verb} with load through it ({loaded[0]}); it cannot break load")
                return
            stack.extend(children[bus])

    def check_headroom(self, d, times, states):
        net = self.net
        for k, (reached, meshed, ties) in enumerate(states):
            if not ties or meshed:
                continue
            t0 = times[k]
            t1 = times[k + 1] if k + 1 < len(times) else t0
            if t1 <= t0:
                continue
            # Flows in the supply tree: peak below each edge.
            below = defaultdict(float)
            order = list(reached.keys())
            for bus in order:
                below[bus] += sum(net.loads[lp]["peak"] for lp in net.loads_at[bus])
            for bus in reversed(order):
                edge, parent, _ = reached[bus]
                if parent is not None:
                    below[parent] += below[bus]
            hours = range(int(math.floor(t0)), max(int(math.floor(t0)) + 1, int(math.ceil(t1))))
            for bus in order:
                edge, parent, feeder = reached[bus]
                if edge is None:
                    # A source: its feeder head carries everything it supplies.
                    rating, normal = net.sources[feeder]["rating"], net.feeder_peak[feeder]
                    name = f"feeder head {feeder}"
                elif edge[0] == "t":
                    rating, normal, name = net.ties[edge[1]]["capacity"], 0.0, f"tie {edge[1]}"
                else:
                    rating, normal, name = net.sections[edge[1]]["rating"], net.normal_flow.get(edge[1], 0.0), f"section {edge[1]}"
                flow = below[bus]
                if flow <= normal + 1e-9 or not math.isfinite(rating):
                    continue
                for h in hours:
                    f = net.factor(d.month, h)
                    if flow * f > rating + 1e-6:
                        self.find(f"{d} hour {h}: {name} carries {flow * f:.4f} MW, rated {rating:.4f} MW")
                        break

    # ----- the whole plan -----

    def run(self):
        net = self.net
        entries = self.schedule["jobs"]
        scheduled = self.check_jobs(entries)
        self.check_crews(scheduled)
        self.check_teams()
        outages = self.schedule["outages"]
        outage_by_id = {o["id"]: o for o in outages}
        counts = defaultdict(int)
        hours = defaultdict(float)
        by_day = defaultdict(list)
        for o in outages:
            by_day[day(o["date"])].append(o)
        zone_outages_by_day = defaultdict(list)
        moved_any = {}
        transfer_suppliers = {}
        permit_at = {}
        cancel_at = {}
        for order in self.plan.get("switching", []):
            for s in order["steps"]:
                if s["kind"] == "issuePermit":
                    permit_at[order["order"]] = order["startHour"] + s["atHours"]
                if s["kind"] == "cancelPermit":
                    cancel_at[order["order"]] = order["startHour"] + s["atHours"]
        sequencer = switching_rules.Sequencer(net)
        for o in outages:
            if o["transfer"] or not o.get("switching"):
                continue
            expected, _, _ = sequencer.as_schedule_steps(net.zone_of_section[o["section"]], o["workHours"])
            got = [{k: v for k, v in s.items() if k != "purpose"} for s in o["switching"]]
            if len(got) != len(expected) or any(
                    {k: v for k, v in a.items() if k != "at"} != {k: v for k, v in b.items() if k != "at"} or not close(a["at"], b["at"])
                    for a, b in zip(got, expected)):
                self.find(f"outage {o['id']}: its switching {got} is not the documented outage-mode sequence {expected}")
        for d, list_ in sorted(by_day.items()):
            intervals, times, states = self.replay_day(d, list_, {o["id"]: permit_at[o["id"]] for o in list_ if o["id"] in permit_at})
            for lp, spans in intervals.items():
                for a, b in spans:
                    counts[lp] += 1
                    hours[lp] += b - a
                    if math.isinf(b):
                        self.find(f"{d}: load point {lp} is left without supply at the end of the day")
            # Each outage: its work zone dead long enough; back-feed; moved load.
            for o in list_:
                zone = net.zone_of_section[o["section"]]
                buses = net.zone_buses[zone]
                longest = longest_dead(times, states, buses)
                needed = o["workHours"]
                if buses and longest + 1e-9 < needed:
                    self.find(f"outage {o['id']}: its work zone ({o['section']}) is dead {longest:.4f} h, less than its work = {needed:.4f} h")
                if buses and o["id"] in permit_at and o["id"] in cancel_at:
                    live = live_during(times, states, buses, permit_at[o["id"]], cancel_at[o["id"]])
                    if live is not None:
                        self.find(f"outage {o['id']}: its work zone ({o['section']}) is live at {live:.4f} h while the permit is open")
                for jid in o["jobs"]:
                    job = self.jobs.get(jid)
                    if job is None:
                        self.find(f"outage {o['id']}: job {jid} is not in the scenario")
                        continue
                    e = scheduled.get(jid)
                    if e is None or e.get("outage") != o["id"]:
                        self.find(f"outage {o['id']}: job {jid} is listed but not scheduled in it")
                    if job["durationHours"] > o["workHours"] + 1e-9:
                        self.find(f"outage {o['id']}: job {jid} needs {job['durationHours']} h, the outage gives {o['workHours']} h")
                    jzone = net.zone_of_section[job["section"]]
                    if not net.is_below(jzone, zone):
                        self.find(f"outage {o['id']}: job {jid} is not below the zone switched out")
                    if e is not None and e["method"] == "transfer" and (not o["transfer"] or jzone != zone):
                        self.find(f"outage {o['id']}: job {jid} is by transfer but the outage does not transfer its own zone")
                    # The job's zone must stay dead through the work.
                    jbuses = net.zone_buses[jzone]
                    if not jbuses:
                        continue
                    run = longest_dead(times, states, jbuses)
                    if run + 1e-9 < job["durationHours"]:
                        self.find(f"outage {o['id']}: job {jid}'s zone is dead only {run:.4f} h of its {job['durationHours']} h")
                # Moved customers: below the zone, supplied while the zone is dead.
                subtree = net.zone_subtree_buses(zone) - buses
                moved = set()
                supplying = set()
                for t, (reached, _, _) in zip(times, states):
                    if not any(b in reached for b in buses):
                        # Supplied below a dead work zone: only over a tie.
                        now = {b for b in subtree if b in reached}
                        moved |= now
                        supplying |= {reached[b][2] for b in now}
                transfer_suppliers[o["id"]] = supplying
                moved_any[o["id"]] = net.customers_of(moved) > 0
                if o["transfer"] and not moved_any[o["id"]]:
                    self.find(f"outage {o['id']}: a transfer that moves no customers")
                zone_outages_by_day[d].append((o, zone))
            # Back-feed conflicts: a feeder supplying moved load has no other outage that day.
            for t, _ in zone_outages_by_day[d]:
                for o, zone in zone_outages_by_day[d]:
                    if o["id"] == t["id"]:
                        continue
                    anchor = net.zone_anchor(zone)
                    feeder = net.feeder.get(anchor) if anchor is not None else None
                    if feeder in transfer_suppliers.get(t["id"], set()):
                        self.find(f"{d}: feeder {feeder} supplies the transfer of outage {t['id']} and has outage {o['id']} the same day")
        for jid, e in scheduled.items():
            if e["method"] in ("transfer", "outage"):
                if e.get("outage") not in outage_by_id:
                    self.find(f"job {jid}: by {e['method']} but in no outage of the schedule")
                elif jid not in outage_by_id[e["outage"]]["jobs"]:
                    self.find(f"job {jid}: outage {e['outage']} does not list it")
                elif outage_by_id[e["outage"]]["date"] != e["date"]:
                    self.find(f"job {jid}: its outage {e['outage']} is on another day")
        # Bypass connection interruptions.
        if self.bypass_minutes > 0:
            for jid, e in scheduled.items():
                if e["method"] == "bypass":
                    zone = net.zone_of_section[self.jobs[jid]["section"]]
                    for b in net.zone_buses[zone]:
                        for lp in net.loads_at[b]:
                            counts[lp] += 1
                            hours[lp] += self.bypass_minutes / 60
        self.compare_kpis(scheduled, counts, hours, moved_any)
        switching_rules.check_orders(self)
        switching_rules.check_notifications(self, os.path.join(self.plan_dir, "notifications.json"))
        return self.findings

    def outage_cost_alone(self, job, d):
        """Customer-hours of doing the job alone by outage: the documented outage-mode sequence of
        its zone replayed."""
        return self.zone_outage_customer_hours(self.net.zone_of_section[job["section"]], job["durationHours"])

    def zone_outage_customer_hours(self, zone, work_hours):
        cache = self.__dict__.setdefault("_zone_cost", {})
        key = (zone, work_hours)
        if key not in cache:
            steps, _, _ = switching_rules.Sequencer(self.net).as_schedule_steps(zone, work_hours)
            saved = self.findings
            self.findings = []
            intervals, _, _ = self.replay_day("cost", [{"id": "cost", "startHour": 0, "switching": steps}])
            self.findings = saved
            cache[key] = sum(self.net.loads[lp]["customers"] * (b - a) for lp, spans in intervals.items() for a, b in spans)
        return cache[key]

    def compare_kpis(self, scheduled, counts, hours, moved_any):
        net = self.net
        kpis = self.plan["kpis"]["plan"]
        ch = sum(net.loads[lp]["customers"] * h for lp, h in hours.items())
        ci = sum(net.loads[lp]["customers"] * c for lp, c in counts.items())
        ens = sum(net.loads[lp]["average"] * h for lp, h in hours.items())
        over = sum(net.loads[lp]["customers"] for lp, c in counts.items() if c > self.cap)
        most = max(counts.values(), default=0)
        # Job counts are of the scenario's jobs: a job of several days once, by its first day.
        methods = defaultdict(int)
        for jid, e in scheduled.items():
            if self.parts.get(jid, (jid, 1))[1] == 1:
                methods[e["method"]] += 1
        live = methods["liveLine"] + methods["bypass"]
        scenario_jobs = sum(1 for jid in self.jobs if self.parts.get(jid, (jid, 1))[1] == 1)
        counted = sum(methods.values())
        all_ch = live_ch = 0.0
        for jid, e in scheduled.items():
            c = self.outage_cost_alone(self.jobs[jid], day(e["date"]))
            all_ch += c
            if e["method"] in ("liveLine", "bypass"):
                live_ch += c
        with_below = moved = 0
        for o in self.schedule["outages"]:
            zone = net.zone_of_section[o["section"]]
            below = net.zone_subtree_buses(zone) - net.zone_buses[zone]
            if net.customers_of(below) > 0:
                with_below += 1
                if o["transfer"] and moved_any.get(o["id"]):
                    moved += 1
        expected = {
            "customerHours": ch, "customerInterruptions": ci, "energyNotSuppliedMWh": ens,
            "customersOverCap": over, "maxInterruptionsPerCustomer": most,
            "scheduledJobs": counted, "liveLineJobs": methods["liveLine"], "bypassJobs": methods["bypass"],
            "transferJobs": methods["transfer"], "outageJobs": methods["outage"],
            "unscheduledJobs": scenario_jobs - counted, "zoneOutages": len(self.schedule["outages"]),
            "liveWorkRatioByCount": live / counted if counted else 0.0,
            "liveWorkRatioByCustomerHours": live_ch / all_ch if all_ch > 0 else 0.0,
            "loopSupplyCoverage": moved / with_below if with_below else None,
        }
        for key, value in expected.items():
            got = kpis.get(key)
            if value is None or got is None:
                if value is not got:
                    self.find(f"KPI {key}: plan says {got}, recomputed {value}")
                continue
            if not close(float(got), float(value)):
                self.find(f"KPI {key}: plan says {got}, recomputed {value}")
        baseline = self.plan["kpis"]["baseline"]["customerHours"]
        if not close(self.plan["avoidedCustomerHours"], baseline - ch):
            self.find(f"avoided customer-hours: plan says {self.plan['avoidedCustomerHours']}, baseline − plan is {baseline - ch}")
        base_ch = self.baseline_customer_hours()
        if not close(base_ch, baseline):
            self.find(f"baseline customer-hours: plan says {baseline}, recomputed {base_ch}")

    def baseline_customer_hours(self):
        """The same jobs by outage on their requested dates (or the next working day), jobs of one
        day under a zone switched out riding on the highest such zone."""
        net = self.net
        days = []
        d = self.horizon[0]
        while d <= self.horizon[1]:
            # The planning days: working days, and with weekend work every day not blocked.
            if self.working(d) or (self.weekend is not None and d not in self.blocked):
                days.append(d)
            d += datetime.timedelta(days=1)
        groups = defaultdict(lambda: defaultdict(list))
        for job in self.scenario["jobs"]:
            requested = day(job["requested"]) if job.get("requested") else next(
                (x for x in days if day(job["earliest"]) <= x <= day(job["latest"])), day(job["earliest"]))
            first = next((k for k, x in enumerate(days) if x >= requested), len(days) - 1)
            if not days:
                continue
            # Day k of a job of several days: k − 1 planning days later.
            on = days[min(len(days) - 1, first + self.parts.get(job["id"], (None, 1))[1] - 1)]
            groups[on][net.zone_of_section[job["section"]]].append(job)
        total = 0.0
        sequencer = switching_rules.Sequencer(net)
        for on, zones in groups.items():
            tops = defaultdict(list)
            for z in zones:
                above = [other for other in zones if net.is_below(z, other)]
                top = max(above, key=lambda other: (len(net.zone_subtree_buses(other)), str(other)))
                tops[top] += zones[z]
            # The day's outages replayed together: a load point dead in two at once is out once.
            day_outages = []
            for k, (top, jobs) in enumerate(sorted(tops.items(), key=lambda kv: str(kv[0]))):
                work = max(j["durationHours"] for j in jobs)
                steps, _, _ = sequencer.as_schedule_steps(top, work)
                day_outages.append({"id": f"baseline-{k}", "startHour": self.first_start, "switching": steps})
            saved = self.findings
            self.findings = []
            intervals, _, _ = self.replay_day(on, day_outages)
            self.findings = saved
            total += sum(net.loads[lp]["customers"] * (b - a) for lp, spans in intervals.items() for a, b in spans)
        return total


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) != 3:
        print(__doc__)
        return 2
    checker = Checker(*args)
    findings = checker.run()
    for f in findings:
        print(f)
    if findings:
        return 1
    if "--quiet" not in sys.argv:
        print(f"OK: {len(checker.schedule['jobs'])} jobs, {len(checker.schedule['outages'])} outages, "
              f"{checker.plan['kpis']['plan']['customerHours']:.3f} customer-hours recomputed from the switching")
    return 0


if __name__ == "__main__":
    sys.exit(main())
