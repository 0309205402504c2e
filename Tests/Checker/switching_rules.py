"""Switching-order rules for plan_checker.py, written from docs/switching-orders.md without the
planner's code: which devices can break load, the outage-mode sequence of a zone (to recount the
baseline and each job's cost alone), and the safety checks of every switching order.
"""
from collections import defaultdict

LOAD_BREAKING_KINDS = {"breaker", "recloser", "loadBreakSwitch"}
MAX_SHED_LOAD_POINTS = 5


def breaks_load(device):
    flag = device.get("loadBreak")
    return flag if flag is not None else device["kind"] in LOAD_BREAKING_KINDS


def zone_children(net, zone):
    """Zones whose parent is `zone`, in the file order of their first entry device."""
    children = [z for z, p in net.zone_parent.items() if p == zone and net.entry[z]]
    return sorted(children, key=lambda z: net.device_order[net.entry[z][0]])


def zone_or_below_has_tie(net, zone):
    buses = net.zone_subtree_buses(zone)
    return any(t["a"] in buses or t["b"] in buses for t in net.ties.values())


class Sequencer:
    """The outage-mode switching of one zone (no transfer), one switching team, every step timed
    as the docs say: a manual element takes its switching hours (travel, then `operate` on site),
    a remote one its remote hours; a step at a place the team already is takes `operate` only."""

    def __init__(self, net):
        self.net = net

    def hours(self, kind, name):
        net = self.net
        if kind == "device":
            return net.devices[name]["hours"]
        if kind == "tie":
            return net.ties[name]["hours"]
        if kind == "lowVoltage":
            return net.operate_hours
        return net.manual_hours  # feeder head

    def manual(self, kind, name):
        net = self.net
        if kind == "device":
            return net.devices[name]["control"] != "remote"
        if kind == "tie":
            return net.ties[name]["control"] != "remote"
        return True

    def travel(self, kind, name):
        if not self.manual(kind, name):
            return 0.0
        h = self.hours(kind, name)
        return max(0.0, h - min(h, self.net.operate_hours))

    def upstream_breaker(self, zone):
        net = self.net
        z = net.zone_parent.get(zone)
        root = zone
        while z is not None:
            for d in sorted(net.entry[z], key=lambda d: net.device_order[d]):
                if breaks_load(net.devices[d]):
                    return ("device", d)
            root = z
            z = net.zone_parent.get(z)
        return ("feederHead", root)

    def steps(self, zone, work_hours):
        """Steps as schedule.json writes them (at, action, element), and the work window."""
        net = self.net
        out = []
        clock = [0.0]

        def step(kind, name, action, there=False):
            h = self.hours(kind, name)
            clock[0] += h - self.travel(kind, name) if there else h
            out.append((clock[0], action, kind, name))

        entry = sorted(net.entry[zone], key=lambda d: net.device_order[d])
        isolation = [("device", d) for d in entry] or [("feederHead", zone)]
        breaker = next((e for e in isolation if e[0] == "feederHead" or breaks_load(net.devices[e[1]])), None)
        shed = []
        if breaker is None and not zone_children(net, zone):
            order = {lp: k for k, lp in enumerate(net.loads)}
            lps = sorted((lp for b in net.zone_buses[zone] for lp in net.loads_at[b]), key=order.get)
            if len(lps) <= MAX_SHED_LOAD_POINTS:
                shed = lps
        upstream = self.upstream_breaker(zone) if breaker is None and not shed else None
        below = [("device", sorted(net.entry[c], key=lambda d: net.device_order[d])[0])
                 for c in zone_children(net, zone) if zone_or_below_has_tie(net, c)]

        def entry_ops(action):
            if breaker is not None:
                others = [e for e in isolation if e != breaker]
                if action == "open":
                    step(*breaker, "open")
                    for e in others:
                        step(*e, "open", there=True)
                else:
                    for k, e in enumerate(reversed(others)):
                        step(*e, "close", there=k > 0)
                    step(*breaker, "close", there=bool(others))
            elif shed:
                clock[0] += self.travel(*isolation[0])
                if action == "open":
                    for lp in shed:
                        step("lowVoltage", lp, "open", there=True)
                    for e in isolation:
                        step(*e, "open", there=True)
                else:
                    for e in reversed(isolation):
                        step(*e, "close", there=True)
                    for lp in reversed(shed):
                        step("lowVoltage", lp, "close", there=True)
            else:
                remote_above = not self.manual(*upstream)
                if remote_above:
                    clock[0] += self.travel(*isolation[0])
                step(*upstream, "open")
                ordered = isolation if action == "open" else list(reversed(isolation))
                for k, e in enumerate(ordered):
                    step(*e, action, there=remote_above or k > 0)
                step(*upstream, "close")

        entry_ops("open")
        for e in below:
            step(*e, "open")
        start = clock[0]
        clock[0] += work_hours
        end = clock[0]
        for e in reversed(below):
            step(*e, "close")
        entry_ops("close")
        return out, start, end

    def as_schedule_steps(self, zone, work_hours):
        """The steps in schedule.json's form, for the replay."""
        net = self.net
        raw, start, end = self.steps(zone, work_hours)
        steps = []
        for at, action, kind, name in raw:
            if kind == "feederHead":
                section = sorted(net.zone_sections[name])[0] if net.zone_sections[name] else None
                source = net.feeder.get(net.zone_anchor(name))
                steps.append({"at": at, "action": action, "feederHead": source, "section": section})
            else:
                steps.append({"at": at, "action": action, kind: name})
        return steps, start, end


def check_orders(checker):
    """Safety of every switching order of plan.json: the order of its steps, and — replayed on
    the network — the work zone dead, isolated and earthed on every side while the permit is
    open. (Load breaking is checked step by step in the day replay.)"""
    net = checker.net
    outages = {o["id"]: o for o in checker.schedule["outages"]}
    seen = set()
    for order in checker.plan.get("switching", []):
        steps = order["steps"]
        kinds = [s["kind"] for s in steps]
        oid = order["order"]
        if oid not in outages:
            if "work" not in kinds:
                checker.find(f"switching order {oid}: no work step")
            continue
        seen.add(oid)
        need = ["issuePermit", "work", "cancelPermit"]
        if any(k not in kinds for k in need):
            checker.find(f"switching order {oid}: missing {[k for k in need if k not in kinds]}")
            continue
        permit, work, cancel = (kinds.index(k) for k in need)
        if not permit < work < cancel:
            checker.find(f"switching order {oid}: permit, work and cancellation out of order")
        earthed = {s.get("element") for s in steps[:permit] if s["kind"] == "applyEarth"}
        tested = set()
        for k, s in enumerate(steps):
            if s["kind"] == "testForDead":
                tested.add(s.get("element"))
            if s["kind"] == "applyEarth" and s.get("element") not in tested:
                checker.find(f"switching order {oid}: earth at {s.get('element')} before testing for dead there")
            if s["kind"] in ("open", "close") and permit < k < cancel and "bypass" not in order.get("title", ""):
                checker.find(f"switching order {oid}: step {k + 1} switches {s.get('element')} while the permit is open")
            if s["kind"] == "removeEarth" and k < cancel:
                checker.find(f"switching order {oid}: earth at {s.get('element')} removed before the permit is cancelled")
            if s["kind"] == "applyEarth" and k > permit:
                checker.find(f"switching order {oid}: earth at {s.get('element')} applied after the permit")
        removed = {s.get("element") for s in steps[cancel:] if s["kind"] == "removeEarth"}
        if earthed != removed:
            checker.find(f"switching order {oid}: earths applied {sorted(earthed)} but removed {sorted(removed)}")
        locked = {s.get("element") for s in steps[:permit] if s["kind"] == "lockOpen"}
        # The work zone while the permit is open: dead, and every element where its dead region
        # meets the rest earthed (ties also locked).
        o = outages[oid]
        zone = net.zone_of_section[o["section"]]
        state = checker.permit_states.get(oid)
        if state is None:
            checker.find(f"switching order {oid}: its outage was not replayed")
            continue
        open_switches, closed_ties, reached = state
        open_sections = {s for s, e in open_switches.items() if e}
        buses = net.zone_buses[zone]
        if any(b in reached for b in buses):
            checker.find(f"switching order {oid}: the work zone ({o['section']}) is live when the permit is issued")
        region = dead_region(net, buses, open_sections, closed_ties)
        for element, kind in boundary(net, region, open_switches, closed_ties):
            if element not in earthed:
                checker.find(f"switching order {oid}: the work zone's boundary at {element} is not earthed")
            if kind == "tie" and element not in locked:
                checker.find(f"switching order {oid}: tie {element} at the work zone is not locked open")
    for oid in outages:
        if oid not in seen:
            checker.find(f"outage {oid}: no switching order in plan.json")


def dead_region(net, buses, open_sections, closed_ties):
    """Buses joined to `buses` through closed sections and closed ties."""
    region = set(buses)
    stack = list(buses)
    tie_at = defaultdict(list)
    for tid in closed_ties:
        t = net.ties[tid]
        tie_at[t["a"]].append(t["b"])
        tie_at[t["b"]].append(t["a"])
    while stack:
        bus = stack.pop()
        nexts = [net.sections[s]["to"] if net.sections[s]["from"] == bus else net.sections[s]["from"]
                 for s in net.adjacent[bus] if s not in open_sections]
        for other in nexts + tie_at[bus]:
            if other not in region and other not in net.source_of_bus:
                region.add(other)
                stack.append(other)
    return region


def boundary(net, region, open_switches, closed_ties):
    """(element label, kind) where the region meets the rest of the network: open elements on a
    section with an end in the region (a source bus counts as the rest), and open ties at its buses."""
    result = []
    for sid in sorted(open_switches):
        s = net.sections[sid]
        if s["from"] in region or s["to"] in region:
            for element in sorted(open_switches[sid]):
                if element.startswith("head:"):
                    feeder = net.feeder[s["from"]]
                    result.append((f"{feeder} feeder head ({sid})", "device"))
                else:
                    result.append((element, "device"))
    for tid, t in sorted(net.ties.items()):
        if tid not in closed_ties and (t["a"] in region or t["b"] in region):
            other = t["b"] if t["a"] in region else t["a"]
            if other not in region:
                result.append((tid, "tie"))
    return result


def check_notifications(checker, path):
    """notifications.json against each outage's own switching, replayed alone: the same load
    points, each with as many dead spans at the same times; the notice date `notificationLeadDays`
    before the outage."""
    import datetime
    import json
    import os
    if not os.path.exists(path):
        checker.find("notifications.json is missing")
        return
    with open(path, encoding="utf-8") as f:
        notices = {n["outage"]: n for n in json.load(f)}
    lead = checker.lead_days
    for o in checker.schedule["outages"]:
        notice = notices.get(o["id"])
        if notice is None:
            checker.find(f"outage {o['id']}: not in notifications.json")
            continue
        saved = checker.findings
        checker.findings = []
        intervals, _, _ = checker.replay_day(datetime.date.fromisoformat(o["date"]), [o])
        checker.findings = saved
        expected = {lp: sorted(spans) for lp, spans in intervals.items() if spans}
        listed = {p["id"]: p for p in notice["loadPoints"]}
        if set(listed) != set(expected):
            checker.find(f"outage {o['id']}: notifications.json lists {sorted(listed)}, the switching interrupts {sorted(expected)}")
            continue
        for lp, spans in expected.items():
            got = [(s["off"], s["back"]) for s in listed[lp]["spans"]]
            want = [(clock(a), clock(b)) for a, b in spans]
            if got != want:
                checker.find(f"outage {o['id']}: load point {lp} is told {got}, the switching gives {want}")
        customers = sum(checker.net.loads[lp]["customers"] for lp in expected)
        if notice["customers"] != customers:
            checker.find(f"outage {o['id']}: notifications.json says {notice['customers']} customers, the switching interrupts {customers}")
        notify_by = datetime.date.fromisoformat(o["date"]) - datetime.timedelta(days=lead)
        if notice["notifyBy"] != notify_by.isoformat():
            checker.find(f"outage {o['id']}: notify by {notice['notifyBy']}, expected {notify_by} ({lead} days before)")
        if not notice["inTime"]:
            checker.find(f"outage {o['id']}: planned although customers cannot be told in time")


def clock(hours):
    if hours == float("inf"):
        return "never"
    minutes = int(round(hours * 60))
    day, rest = divmod(minutes, 1440)
    text = f"{rest // 60:02d}:{rest % 60:02d}"
    return f"+{day}d {text}" if day else text
