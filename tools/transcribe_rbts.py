#!/usr/bin/env python3
"""Transcribe the RBTS Bus 2 reference data into LiveLine network format v1.

Provenance and modelling rules: ../shared/reference/rbts/rbts_bus2.json (see its "modelling_rules").
This script was run once to write networks/rbts-bus2*.json; it is kept to show how the files relate
to the reference and is not used by liveline or its tests.

Usage: python3 tools/transcribe_rbts.py REFERENCE.json OUTDIR
"""
import json
import sys

CASES = {
    # case: (lateral fuses, disconnectors, ties, transformer replacement hours or None)
    "a": (True, True, True, None),
    "b": (False, False, False, None),
    "c": (True, False, False, None),
    "d": (False, True, True, None),
    "e": (True, True, True, 10.0),
    "f": (False, True, False, None),
}
CLASS = {
    "residential": "residential",
    "government/institutional": "public",
    "commercial": "commercial",
    "small user (industrial)": "industrial",
}


def build(ref, case):
    fuses, disconnectors, ties, replacement = CASES[case]
    params = ref["reliability_parameters"]
    feeder_of_section = {}
    for feeder in ref["feeders"]:
        for s in feeder["sections"]:
            feeder_of_section[s] = feeder["id"]

    def bus_name(node, section):
        return f"B2-{feeder_of_section[section]}" if node == "B2" else node

    buses, sections, devices = [], [], []
    seen = set()

    def add_bus(name):
        if name not in seen:
            seen.add(name)
            buses.append({"id": name})

    sources = []
    for feeder in ref["feeders"]:
        add_bus(f"B2-{feeder['id']}")
        sources.append({"id": feeder["id"], "name": f"RBTS Bus 2 feeder {feeder['id']}", "bus": f"B2-{feeder['id']}"})
    for sec in ref["sections"]:
        frm = bus_name(sec["from"], sec["id"])
        to = sec["to"]
        has_tx = sec["transformer"] is not None
        line_to = f"{to}-MV" if has_tx else to
        add_bus(frm)
        add_bus(line_to)
        sections.append({"id": sec["id"], "from": frm, "to": line_to, "kind": "overheadBare", "lengthKm": sec["length_km"]})
        if has_tx:
            add_bus(to)
            sections.append({"id": f"T-{to}", "name": f"11/0.415 kV transformer of {to}", "from": line_to, "to": to, "kind": "transformer"})
        prot = sec["protection"]
        if prot and prot["device"] == "breaker":
            devices.append({"id": f"CB-{feeder_of_section[sec['id']]}", "kind": "breaker", "section": sec["id"], "end": "from", "control": "manual"})
        if prot and prot["device"] == "fuse" and fuses:
            devices.append({"id": f"FU-{sec['id']}", "kind": "fuse", "section": sec["id"], "end": "from", "control": "manual"})
        if "upstream_end" in sec["disconnectors"] and disconnectors:
            devices.append({"id": f"DS-{sec['id']}", "kind": "disconnector", "section": sec["id"], "end": "from", "control": "manual"})
    tie_list = []
    if ties:
        for tie in ref["ties"]:
            tie_list.append({"id": tie["id"], "busA": tie["ends"][0], "busB": tie["ends"][1], "control": "manual", "switchingHours": tie["switching_time_h"]})
    load_points = []
    for lp in ref["load_points"]:
        load_points.append({
            "id": lp["id"], "bus": lp["node"], "customers": lp["customers"], "averageMW": lp["avg_MW"],
            "peakMW": lp["peak_MW"], "class": CLASS[lp["type"]],
        })
    transformer = {"failuresPerYear": params["transformer_11_0415kV"]["failure_rate_per_yr"],
                   "repairHours": params["transformer_11_0415kV"]["repair_time_h"]}
    if replacement is not None:
        transformer["replacementHours"] = replacement
    line = {"failuresPerKmYear": params["line_11kV"]["failure_rate_per_km_yr"], "repairHours": params["line_11kV"]["repair_time_h"]}
    description = {
        "a": "Base case A: lateral fuses, disconnectors at the upstream end of every main section but the first, two normally-open ties (unlimited capacity), transformers repaired in 200 h.",
        "b": "Case B: no lateral fuses, no disconnectors, no ties.",
        "c": "Case C: lateral fuses; no disconnectors; no ties.",
        "d": "Case D: no lateral fuses; disconnectors and ties as in case A.",
        "e": "Case E: as case A, but a failed transformer is replaced in 10 h.",
        "f": "Case F: no lateral fuses; disconnectors kept; no ties.",
    }[case]
    return {
        "formatVersion": 1,
        "name": f"RBTS Bus 2 case {case.upper()}",
        "description": description + " Transcribed from the RBTS Bus 2 reference data (Allan et al. 1991 system, data as verified by RELRAD-software); the 11 kV busbar B2 is split into one source bus per feeder breaker, and each 11/0.415 kV transformer is a transformer section at the load-point end of its lateral (bus LPn-MV to LPn).",
        "nominalKV": 11,
        "defaults": {
            "sections": {"overheadBare": line, "overheadInsulated": line, "cable": line, "transformer": transformer},
            "switching": {"manualHours": params["switching_time_h"]["value"], "remoteHours": 0.05},
        },
        "buses": buses,
        "sources": sources,
        "sections": sections,
        "devices": devices,
        "ties": tie_list,
        "loadPoints": load_points,
    }


def render(doc):
    """Top level and defaults indented; one element per line in the element arrays."""
    lines = ["{"]
    keys = list(doc)
    for index, key in enumerate(keys):
        value = doc[key]
        comma = "," if index < len(keys) - 1 else ""
        if isinstance(value, list):
            if not value:
                lines.append(f'  "{key}": []{comma}')
                continue
            lines.append(f'  "{key}": [')
            for i, item in enumerate(value):
                lines.append("    " + json.dumps(item) + ("," if i < len(value) - 1 else ""))
            lines.append(f"  ]{comma}")
        else:
            text = json.dumps(value, indent=2).replace("\n", "\n  ")
            lines.append(f'  "{key}": {text}{comma}')
    lines.append("}")
    return "\n".join(lines) + "\n"


def main():
    ref = json.load(open(sys.argv[1]))
    out = sys.argv[2]
    for case in CASES:
        name = "rbts-bus2.json" if case == "a" else f"rbts-bus2-case-{case}.json"
        with open(f"{out}/{name}", "w") as handle:
            handle.write(render(build(ref, case)))


if __name__ == "__main__":
    main()
