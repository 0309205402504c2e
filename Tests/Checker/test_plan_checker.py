#!/usr/bin/env python3
"""The plan checker catches violations planted into a correct plan.

Plans the RBTS quarter with the built `liveline` (LIVELINE_BIN, else .build/debug/liveline),
checks that the checker finds nothing, then plants one violation at a time into copies of the
plan (or of its inputs) and checks that the checker names it. Run: python3 -m unittest from the
package root, or `make test` (the Swift end-to-end suite runs this file).
"""
import copy
import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import plan_checker  # noqa: E402

NETWORK = os.path.join(ROOT, "networks", "rbts-bus2.json")
SCENARIO = os.path.join(ROOT, "scenarios", "rbts-bus2-quarter.json")


def binary():
    return os.environ.get("LIVELINE_BIN") or os.path.join(ROOT, ".build", "debug", "liveline")


class PlantedViolations(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = tempfile.mkdtemp(prefix="liveline-checker-")
        cls.plan_dir = os.path.join(cls.work, "plan")
        done = subprocess.run([binary(), "plan", NETWORK, SCENARIO, "--time-limit", "20", "--out", cls.plan_dir],
                              capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        with open(os.path.join(cls.plan_dir, "schedule.json"), encoding="utf-8") as f:
            cls.schedule = json.load(f)
        with open(os.path.join(cls.plan_dir, "plan.json"), encoding="utf-8") as f:
            cls.plan = json.load(f)
        with open(SCENARIO, encoding="utf-8") as f:
            cls.scenario = json.load(f)
        with open(NETWORK, encoding="utf-8") as f:
            cls.network = json.load(f)
        # A second plan that surely transfers: WO-017 (S4, feeder F1) by transfer only, and
        # WO-018 (S12, on F2, the feeder that takes F1's load over BS1) by outage.
        transfer = copy.deepcopy(cls.scenario)
        transfer["jobs"] = [dict(j, methods=["transfer"] if j["id"] == "WO-017" else ["outage"])
                            for j in cls.scenario["jobs"] if j["id"] in ("WO-017", "WO-018")]
        cls.transfer_scenario = transfer
        path = os.path.join(cls.work, "transfer.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(transfer, f)
        transfer_dir = os.path.join(cls.work, "transfer-plan")
        done = subprocess.run([binary(), "plan", NETWORK, path, "--out", transfer_dir], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        with open(os.path.join(transfer_dir, "schedule.json"), encoding="utf-8") as f:
            cls.transfer_schedule = json.load(f)
        with open(os.path.join(transfer_dir, "plan.json"), encoding="utf-8") as f:
            cls.transfer_plan = json.load(f)

        # A third plan with a job of two days: WO-003 (S34) by outage on two consecutive days.
        multi = copy.deepcopy(cls.scenario)
        multi["jobs"] = [dict(j, durationDays=2, methods=["outage"]) for j in cls.scenario["jobs"] if j["id"] == "WO-003"]
        cls.multi_scenario = multi
        path = os.path.join(cls.work, "multi.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(multi, f)
        cls.multi_dir = os.path.join(cls.work, "multi-plan")
        done = subprocess.run([binary(), "plan", NETWORK, path, "--out", cls.multi_dir], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        with open(os.path.join(cls.multi_dir, "schedule.json"), encoding="utf-8") as f:
            cls.multi_schedule = json.load(f)
        with open(os.path.join(cls.multi_dir, "plan.json"), encoding="utf-8") as f:
            cls.multi_plan = json.load(f)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.work, ignore_errors=True)

    def check_transfer(self, schedule=None, plan=None, scenario=None, network=None):
        """Checker findings for the transfer plan with the given parts replaced."""
        return self.check(schedule or self.transfer_schedule, plan or self.transfer_plan, scenario or self.transfer_scenario, network,
                          source=os.path.join(self.work, "transfer-plan"))

    def check(self, schedule=None, plan=None, scenario=None, network=None, notifications=None, source=None):
        """Checker findings for the plan with the given parts replaced."""
        case = tempfile.mkdtemp(dir=self.work)
        plan_dir = os.path.join(case, "plan")
        os.makedirs(plan_dir)
        if notifications is None:
            with open(os.path.join(source or self.plan_dir, "notifications.json"), encoding="utf-8") as f:
                notifications = json.load(f)
        with open(os.path.join(plan_dir, "notifications.json"), "w", encoding="utf-8") as f:
            json.dump(notifications, f)
        with open(os.path.join(plan_dir, "schedule.json"), "w", encoding="utf-8") as f:
            json.dump(schedule or self.schedule, f)
        with open(os.path.join(plan_dir, "plan.json"), "w", encoding="utf-8") as f:
            json.dump(plan or self.plan, f)
        scenario_path = os.path.join(case, "scenario.json")
        with open(scenario_path, "w", encoding="utf-8") as f:
            json.dump(scenario or self.scenario, f)
        network_path = os.path.join(case, "network.json")
        with open(network_path, "w", encoding="utf-8") as f:
            json.dump(network or self.network, f)
        return plan_checker.Checker(network_path, scenario_path, plan_dir).run()

    def assertFinds(self, findings, text):
        self.assertTrue(any(text in f for f in findings), f"expected a finding with {text!r}, got {findings}")

    def entry(self, schedule, predicate):
        return next(j for j in schedule["jobs"] if predicate(j))

    def job(self, jid):
        return next(j for j in self.scenario["jobs"] if j["id"] == jid)

    def transfer_outage(self, schedule):
        return next(o for o in schedule["outages"] if o["transfer"])

    # ----- the correct plan -----

    def test_the_correct_plans_are_clean(self):
        self.assertEqual(self.check(), [])
        self.assertEqual(self.check_transfer(), [])
        self.assertEqual(self.check(self.multi_schedule, self.multi_plan, self.multi_scenario, source=self.multi_dir), [])
        self.assertEqual(sorted(j["job"] for j in self.multi_schedule["jobs"]), ["WO-003#1", "WO-003#2"])
        self.assertTrue(any(o["transfer"] for o in self.transfer_schedule["outages"]))

    # ----- planted violations -----

    def test_job_outside_its_window(self):
        s = copy.deepcopy(self.schedule)
        e = self.entry(s, lambda j: j["method"] == "liveLine")
        latest = datetime.date.fromisoformat(self.job(e["job"])["latest"])
        later = latest + datetime.timedelta(days=1)
        while later.isoweekday() > 5:
            later += datetime.timedelta(days=1)
        e["date"] = later.isoformat()
        self.assertFinds(self.check(schedule=s), f"job {e['job']}: {later} is outside its window")

    def test_job_on_a_weekend(self):
        s = copy.deepcopy(self.schedule)
        e = self.entry(s, lambda j: j["method"] == "liveLine")
        d = datetime.date.fromisoformat(e["date"])
        e["date"] = (d + datetime.timedelta(days=6 - d.isoweekday())).isoformat()
        self.assertFinds(self.check(schedule=s), "is not a working day")

    def test_crews_over_capacity(self):
        s = copy.deepcopy(self.schedule)
        live = [j for j in s["jobs"] if j["method"] == "liveLine"]
        target = live[0]["date"]
        moved = 0
        for e in live:
            job = self.job(e["job"])
            if job["earliest"] <= target <= job["latest"]:
                e["date"] = target
                moved += 1
        self.assertGreater(moved, 2)
        findings = self.check(schedule=s)
        self.assertTrue(any("live teams" in f or "bucket trucks" in f for f in findings), findings)

    def test_transfer_over_headroom(self):
        s = self.transfer_outage(self.transfer_schedule)
        tie = next(step["tie"] for step in s["switching"] if "tie" in step)
        n = copy.deepcopy(self.network)
        for t in n["ties"]:
            if t["id"] == tie:
                t["capacityMW"] = 0.01
        self.assertFinds(self.check_transfer(network=n), f"tie {tie} carries")

    def test_feeder_head_over_its_rating(self):
        sc = copy.deepcopy(self.transfer_scenario)
        checker = plan_checker.Network(self.network)
        sc["feederRatingsMW"] = {f: checker.feeder_peak[f] * 0.5 for f in checker.sources}
        self.assertFinds(self.check_transfer(scenario=sc), "feeder head")

    def test_moved_zone_not_restored_in_time(self):
        s = copy.deepcopy(self.transfer_schedule)
        o = self.transfer_outage(s)
        close = next(step for step in o["switching"] if "tie" in step and step["action"] == "close")
        close["at"] += 0.5
        self.assertFinds(self.check_transfer(schedule=s), "KPI customerHours")

    def test_customer_interrupted_twice(self):
        s = copy.deepcopy(self.schedule)
        o = copy.deepcopy(s["outages"][0])
        d = datetime.date.fromisoformat(o["date"]) + datetime.timedelta(days=7)
        o["id"] = "O-PLANTED"
        o["date"] = d.isoformat()
        s["outages"].append(o)
        findings = self.check(schedule=s)
        self.assertFinds(findings, "KPI customerInterruptions")
        self.assertFinds(findings, "KPI customerHours")

    def test_kpi_off_by_one_customer_hour(self):
        p = copy.deepcopy(self.plan)
        p["kpis"]["plan"]["customerHours"] += 1
        self.assertFinds(self.check(plan=p), "KPI customerHours")

    def test_energy_kpi_off(self):
        p = copy.deepcopy(self.plan)
        p["kpis"]["plan"]["energyNotSuppliedMWh"] *= 0.99
        self.assertFinds(self.check(plan=p), "KPI energyNotSuppliedMWh")

    def test_work_zone_restored_too_early(self):
        s = copy.deepcopy(self.schedule)
        o = self.outage_with(s, "shedLoad")  # its entry alone re-energises the work zone
        restore = next(step for step in o["switching"] if step["purpose"] == "restoreWorkZone")
        restore["at"] -= 2  # inside the work
        self.assertFinds(self.check(schedule=s), f"outage {o['id']}: its work zone ({o['section']}) is live")

    def test_switching_left_off_normal(self):
        s = copy.deepcopy(self.schedule)
        o = s["outages"][0]
        o["switching"] = [step for step in o["switching"] if step["purpose"] != "restoreWorkZone"]
        self.assertFinds(self.check(schedule=s), "off normal")

    def test_method_not_allowed(self):
        s = copy.deepcopy(self.schedule)
        checker = plan_checker.Network(self.network)
        e = self.entry(s, lambda j: j["method"] == "outage" and checker.sections[j["section"]]["kind"] in ("cable", "transformer"))
        e["method"] = "liveLine"
        self.assertFinds(self.check(schedule=s), f"job {e['job']}: method liveLine is not allowed")

    def test_outage_inside_the_notice_period(self):
        s = copy.deepcopy(self.schedule)
        start = datetime.date.fromisoformat(self.scenario["horizon"]["start"])
        while start.isoweekday() > 5:
            start += datetime.timedelta(days=1)
        o = s["outages"][0]
        o["date"] = start.isoformat()
        for e in s["jobs"]:
            if e.get("outage") == o["id"]:
                e["date"] = start.isoformat()
        self.assertFinds(self.check(schedule=s), "notice period")

    def test_live_work_on_a_no_live_work_day(self):
        s = copy.deepcopy(self.schedule)
        banned = self.scenario["calendar"]["noLiveWorkDays"]
        for e in s["jobs"]:
            if e["method"] != "liveLine":
                continue
            job = self.job(e["job"])
            day = next((d for d in banned if job["earliest"] <= d <= job["latest"]), None)
            if day:
                e["date"] = day
                self.assertFinds(self.check(schedule=s), "no-live-work day")
                return
        self.fail("no live job whose window holds a no-live-work day")

    def test_job_before_its_predecessor(self):
        sc = copy.deepcopy(self.scenario)
        dated = sorted(self.schedule["jobs"], key=lambda e: e["date"])
        first, last = dated[0], dated[-1]
        for job in sc["jobs"]:
            if job["id"] == first["job"]:
                job["after"] = [last["job"]]
        self.assertFinds(self.check(scenario=sc), f"job {first['job']}: not after {last['job']}")

    def test_mandatory_job_dropped(self):
        s = copy.deepcopy(self.schedule)
        dropped = s["jobs"].pop(0)
        for o in s["outages"]:
            if dropped["job"] in o["jobs"]:
                o["jobs"].remove(dropped["job"])
        self.assertFinds(self.check(schedule=s), f"job {dropped['job']}: mandatory but not scheduled")

    def test_feeder_supplying_a_transfer_is_switched_out(self):
        s = copy.deepcopy(self.transfer_schedule)
        t = self.transfer_outage(s)
        other = next(o for o in s["outages"] if not o["transfer"])
        copied = copy.deepcopy(other)
        copied["id"] = "O-PLANTED"
        copied["date"] = t["date"]
        s["outages"].append(copied)
        self.assertFinds(self.check_transfer(schedule=s), "supplies the transfer of outage")

    def test_outage_shorter_than_its_job(self):
        s = copy.deepcopy(self.schedule)
        o = s["outages"][0]
        o["workHours"] -= 1
        self.assertFinds(self.check(schedule=s), f"outage {o['id']}: job")

    def test_job_in_an_outage_of_another_zone(self):
        s = copy.deepcopy(self.schedule)
        a, b = s["outages"][0], s["outages"][1]
        e = self.entry(s, lambda j: j.get("outage") == a["id"])
        e["outage"] = b["id"]
        b["jobs"].append(e["job"])
        a["jobs"].remove(e["job"])
        findings = self.check(schedule=s)
        self.assertTrue(any(f"job {e['job']}" in f for f in findings), findings)

    # ----- switching orders (docs/switching-orders.md) -----

    def outage_with(self, schedule, purpose):
        return next(o for o in schedule["outages"] if any(step.get("purpose") == purpose for step in o["switching"]))

    def test_disconnector_opened_under_load(self):
        # Drop the breaker opening that lets a disconnector be opened dead.
        s = copy.deepcopy(self.schedule)
        o = self.outage_with(s, "breakLoadUpstream")
        o["switching"] = [step for step in o["switching"] if step["purpose"] not in ("breakLoadUpstream", "restoreUpstream")]
        findings = self.check(schedule=s)
        self.assertFinds(findings, "cannot break load")
        self.assertFinds(findings, f"outage {o['id']}: its switching")

    def test_cut_out_opened_before_the_load_is_shed(self):
        s = copy.deepcopy(self.schedule)
        o = self.outage_with(s, "shedLoad")
        shed = next(k for k, step in enumerate(o["switching"]) if step["purpose"] == "shedLoad")
        fuse = next(k for k, step in enumerate(o["switching"]) if step.get("purpose") == "isolateWorkZone")
        o["switching"][shed]["at"], o["switching"][fuse]["at"] = o["switching"][fuse]["at"] + 1e-3, o["switching"][shed]["at"]
        self.assertFinds(self.check(schedule=s), "cannot break load")

    def test_permit_issued_before_earthing(self):
        p = copy.deepcopy(self.plan)
        order = next(o for o in p["switching"] if o["order"].startswith("O"))
        steps = order["steps"]
        permit = next(k for k, step in enumerate(steps) if step["kind"] == "issuePermit")
        earth = next(k for k, step in enumerate(steps) if step["kind"] == "applyEarth")
        steps.insert(earth, steps.pop(permit))
        self.assertFinds(self.check(plan=p), "applied after the permit")

    def test_boundary_not_earthed(self):
        p = copy.deepcopy(self.plan)
        order = next(o for o in p["switching"] if o["order"].startswith("O"))
        earth = next(step for step in order["steps"] if step["kind"] == "applyEarth")
        order["steps"] = [step for step in order["steps"] if not (step["kind"] in ("applyEarth", "removeEarth") and step.get("element") == earth["element"])]
        self.assertFinds(self.check(plan=p), "is not earthed")

    def test_work_zone_live_when_the_permit_is_issued(self):
        # The permit moved before the isolation: the work zone is live then.
        p = copy.deepcopy(self.plan)
        order = next(o for o in p["switching"] if o["order"].startswith("O"))
        permit = next(step for step in order["steps"] if step["kind"] == "issuePermit")
        permit["atHours"] = 0
        self.assertFinds(self.check(plan=p), "is live when the permit is issued")

    def test_switching_while_the_permit_is_open(self):
        p = copy.deepcopy(self.plan)
        order = next(o for o in p["switching"] if o["order"].startswith("O"))
        steps = order["steps"]
        first = next(k for k, step in enumerate(steps) if step["kind"] in ("open", "close"))
        work = next(k for k, step in enumerate(steps) if step["kind"] == "work")
        steps.insert(work, steps.pop(first))
        self.assertFinds(self.check(plan=p), "while the permit is open")

    def test_notification_misses_a_load_point(self):
        with open(os.path.join(self.plan_dir, "notifications.json"), encoding="utf-8") as f:
            notices = json.load(f)
        notices[0]["loadPoints"] = notices[0]["loadPoints"][1:]
        self.assertFinds(self.check(notifications=notices), "notifications.json lists")

    def test_notification_with_the_wrong_time(self):
        with open(os.path.join(self.plan_dir, "notifications.json"), encoding="utf-8") as f:
            notices = json.load(f)
        notices[0]["loadPoints"][0]["spans"][0]["back"] = "23:59"
        self.assertFinds(self.check(notifications=notices), "is told")


    # ----- time of day, switching teams, jobs of several days -----

    def test_outage_at_an_hour_no_period_allows(self):
        s = copy.deepcopy(self.schedule)
        s["outages"][0]["startHour"] = 13
        self.assertFinds(self.check(schedule=s), "starts at 13:00, not a start hour of the day period")

    def test_job_in_a_period_not_open_to_it(self):
        scenario = copy.deepcopy(self.scenario)
        scenario["timeOfDay"] = {"periods": [{"name": "day", "startHours": [9], "allow": {"jobs": ["WO-001"]}}]}
        e = self.entry(self.schedule, lambda j: j["job"] != "WO-001")
        self.assertFinds(self.check(scenario=scenario), f"job {e['job']}: the day period is not open to it")

    def test_more_outages_than_switching_teams(self):
        scenario = copy.deepcopy(self.scenario)
        scenario["switching"] = {"teams": 0}
        self.assertFinds(self.check(scenario=scenario), "need a switching team in other feeders, 0 available")

    def test_days_of_a_job_not_consecutive(self):
        s = copy.deepcopy(self.multi_schedule)
        second = self.entry(s, lambda j: j["job"] == "WO-003#2")
        d = datetime.date.fromisoformat(second["date"]) + datetime.timedelta(days=1)
        while d.isoweekday() > 5:
            d += datetime.timedelta(days=1)
        second["date"] = d.isoformat()
        for o in s["outages"]:
            if o["id"] == second["outage"]:
                o["date"] = d.isoformat()
        self.assertFinds(self.check(s, self.multi_plan, self.multi_scenario, source=self.multi_dir),
                         "job WO-003: days")

    # ----- pins and locks (issue 16) -----

    def test_a_pinned_job_elsewhere(self):
        e = self.entry(self.schedule, lambda j: j["method"] == "liveLine")
        scenario = copy.deepcopy(self.scenario)
        other = (datetime.date.fromisoformat(e["date"]) + datetime.timedelta(days=7)).isoformat()
        for j in scenario["jobs"]:
            if j["id"] == e["job"]:
                j["pin"] = {"date": other}
        self.assertFinds(self.check(scenario=scenario), f"job {e['job']}: {e['date']} is outside its window {other}")

    def test_a_forbidden_method(self):
        e = self.entry(self.schedule, lambda j: j["method"] == "liveLine")
        scenario = copy.deepcopy(self.scenario)
        for j in scenario["jobs"]:
            if j["id"] == e["job"]:
                j["forbiddenMethods"] = ["liveLine"]
        self.assertFinds(self.check(scenario=scenario), f"job {e['job']}: method liveLine is not allowed")

    def test_a_job_on_a_day_blocked_for_its_feeder(self):
        e = self.entry(self.schedule, lambda j: True)
        row = next(r for r in self.plan["jobs"] if r["job"] == e["job"])
        scenario = copy.deepcopy(self.scenario)
        scenario.setdefault("calendar", {})["feederBlocks"] = [{"feeder": row["feeder"], "dates": [e["date"]]}]
        self.assertFinds(self.check(scenario=scenario), f"job {e['job']}: {e['date']} is blocked for its feeder {row['feeder']}")

    def test_one_day_of_a_job_missing(self):
        s = copy.deepcopy(self.multi_schedule)
        s["jobs"] = [j for j in s["jobs"] if j["job"] != "WO-003#2"]
        self.assertFinds(self.check(s, self.multi_plan, self.multi_scenario, source=self.multi_dir),
                         "job WO-003: 1 of its 2 days are scheduled")


if __name__ == "__main__":
    unittest.main(verbosity=2)
