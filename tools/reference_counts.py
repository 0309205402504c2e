#!/usr/bin/env python3
"""Reference counts for the importer tests, read with the OpenDSS engine (dss-python).

Not part of LiveLine: run by hand to regenerate
Tests/ImportersTests/Fixtures/reference-counts.csv. It reads each circuit with the reference
engine (redirects, continuations, like=, open/close are resolved by OpenDSS itself) and counts,
by rules stated in docs/import.md but computed independently of the Swift importer:

  loads        every Load object of the circuit
  sourceLoads  loads on the feeder-head bus, and stand-ins for the rest of the substation: in a
               file of at least 10 loads, a load of at least 20 % of all load on a bus whose only
               neighbour is a feeder-head bus that has other neighbours too (both left out by the
               importer)
  loadPoints   distribution transformers with loads on their low-voltage side + loads at
               medium voltage (not on the feeder-head bus)
  switches     enabled, closed switch lines at medium voltage (Line.IsSwitch), one per pair of
               buses they join (phase-split switches count once; a switch bypassing a
               regulator joins nothing)
  ties         disabled or opened switch lines + switch lines to a bus named *_OPEN
               + independent loops of the closed medium-voltage bus graph
  transformers distribution/step transformers: all transformers minus substation ones minus
               regulators, phase banks (same two buses) counted once
  buses        buses reached from the sources over closed lines and transformers (low-voltage
               lines left out, regulator buses merged) + far buses of dangling open points
  lineSections pairs of buses joined by closed medium-voltage lines, reached, minus the loops

MATPOWER case files (.m) are read with a plain regular-expression parser instead.

usage: pip install dss-python; python3 tools/reference_counts.py DIR/FILE.dss|FILE.m ...
"""
import math
import os
import sys

from dss import DSS as d


def bus(name):
    return name.split(".")[0].lower()


def matpower(f):
    """MATPOWER case: buses, in-service branches (sections), out-of-service branches (ties),
    buses with Pd > 0 (loads = load points)."""
    import re
    text = open(f).read()

    def rows(name):
        block = re.search(r"mpc\." + name + r"\s*=\s*\[(.*?)\]", text, re.S).group(1)
        out = []
        for line in block.split("\n"):
            line = line.split("%")[0].strip().rstrip(";")
            if line:
                out.append([float(v) for v in line.split()])
        return out

    buses = rows("bus")
    branches = rows("branch")
    loads = sum(1 for b in buses if b[2] > 0)
    closed = sum(1 for b in branches if b[10] != 0)
    name = os.path.basename(os.path.dirname(f)) + "/" + os.path.basename(f)
    print(f"{name},{len(buses)},{closed},{loads},0,{loads},0,{len(branches) - closed},0", flush=True)


def main(files):
    print("network,buses,lineSections,loads,sourceLoads,loadPoints,switches,ties,transformers")
    for f in files:
        if f.endswith(".m"):
            matpower(f)
            continue
        d.Text.Command = "clear"
        d.Text.Command = f'compile "{f}"'
        c = d.ActiveCircuit
        kv = {}
        for b in c.AllBusNames:
            c.SetActiveBus(b)
            kv[b.lower()] = c.ActiveBus.kVBase * math.sqrt(3)

        regulated = set()
        i = c.RegControls.First
        while i:
            regulated.add(c.RegControls.Transformer.lower())
            i = c.RegControls.Next

        # Transformers: substation (sub=yes, else fed from the circuit bus or >= 25 kV primary),
        # regulators / same-voltage (connectors), the rest distribution or step transformers.
        circuit_bus = bus(c.Vsources.AllNames and (c.SetActiveElement("Vsource.source") or c.ActiveCktElement.BusNames[0]) or "sourcebus")
        trafos = []
        i = c.Transformers.First
        while i:
            el = c.ActiveCktElement
            name = c.Transformers.Name.lower()
            buses = [bus(b) for b in el.BusNames]
            kvs = []
            for w in (1, 2):
                c.Transformers.Wdg = w
                kvs.append(c.Transformers.kV)
            sub = el.Properties("sub").Val.lower()
            trafos.append(dict(name=name, buses=buses, kvs=kvs, sub=sub, enabled=el.Enabled))
            i = c.Transformers.Next
        any_sub = any(t["sub"].startswith("y") for t in trafos if t["enabled"])
        source_buses = set()
        merges = []
        dist = []
        for t in trafos:
            if not t["enabled"]:
                continue
            if t["sub"] in ("yes", "y", "true", "t"):
                is_sub = True
            elif any_sub:
                is_sub = False
            else:
                is_sub = (not any_sub) and (t["buses"][0] == circuit_bus or (t["kvs"][0] >= 25 and t["kvs"][1] >= 1))
            if is_sub:
                source_buses.add(t["buses"][1])
                continue
            ratio = abs(t["kvs"][0] - t["kvs"][1]) / max(t["kvs"])
            if t["name"] in regulated or (ratio < 0.1 and t["kvs"][1] >= 1):
                merges.append((t["buses"][0], t["buses"][1]))
            else:
                dist.append(t)
        if not source_buses:
            source_buses.add(circuit_bus)

        parent = {}

        def find(x):
            while parent.get(x, x) != x:
                x = parent[x]
            return x

        for a, b in merges:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[rb] = ra
        i = c.Reactors.First if hasattr(c, "Reactors") else 0
        while i:
            el = c.ActiveCktElement
            bs = [bus(b) for b in el.BusNames]
            if len(bs) == 2 and el.Enabled and bs[0] != bs[1] and c.Reactors.Bus2:
                ra, rb = find(bs[0]), find(bs[1])
                if ra != rb:
                    parent[rb] = ra
            i = c.Reactors.Next

        # Lines.
        c.SetActiveClass("Line")
        names = list(c.ActiveClass.AllNames)
        ties = 0
        switch_pairs = set()
        open_ends = []
        line_pairs = set()
        lv_lines = 0
        lv_adj = {}
        edges = set()
        for n in names:
            c.SetActiveElement("Line." + n)
            el = c.ActiveCktElement
            c.Lines.Name = n
            a, b = [bus(x) for x in el.BusNames]
            is_switch = c.Lines.IsSwitch
            opened = el.IsOpen(1, 0) or el.IsOpen(2, 0)
            if kv.get(a, 0) < 1 and kv.get(b, 0) < 1 and kv.get(a, 0) > 0:
                lv_lines += 1
                if el.Enabled and not opened:
                    lv_adj.setdefault(a, []).append(b)
                    lv_adj.setdefault(b, []).append(a)
                continue
            if is_switch and (not el.Enabled or opened or a.endswith("_open") or b.endswith("_open")):
                ties += 1
                open_ends.append((find(a), find(b)))
                continue
            if not el.Enabled:
                continue
            ra, rb = find(a), find(b)
            if is_switch and ra != rb:
                switch_pairs.add((min(ra, rb), max(ra, rb)))
            if ra != rb:
                line_pairs.add((min(ra, rb), max(ra, rb)))
            if ra != rb:
                edges.add((min(ra, rb), max(ra, rb)))
        for t in dist:
            ra, rb = find(t["buses"][0]), find(t["buses"][1])
            if ra != rb:
                edges.add((min(ra, rb), max(ra, rb)))
        # Independent loops of the closed graph reached from the sources: E - V + components.
        adj = {}
        for a, b in edges:
            adj.setdefault(a, []).append(b)
            adj.setdefault(b, []).append(a)
        seen = set()
        reached_edges = 0
        components = 0
        for s in sorted(find(x) for x in source_buses):
            if s in seen:
                continue
            components += 1
            stack = [s]
            seen.add(s)
            while stack:
                u = stack.pop()
                for v in adj.get(u, []):
                    if v not in seen:
                        seen.add(v)
                        stack.append(v)
        reached_edges = sum(1 for a, b in edges if a in seen)
        loops = reached_edges - len(seen) + components
        line_sections = sum(1 for a, b in line_pairs if a in seen) - loops
        dangling = {x for a, b in open_ends for x in (a, b) if x not in seen and (a in seen or b in seen)}
        buses = len(seen) + len(dangling)

        banks = {(min(find(t["buses"][0]), find(t["buses"][1])), max(find(t["buses"][0]), find(t["buses"][1]))) for t in dist}
        # Low-voltage buses belong to the distribution transformer whose secondary reaches them.
        owner = {}
        for t in dist:
            if t["kvs"][1] >= 1:
                continue
            key = (min(find(t["buses"][0]), find(t["buses"][1])), max(find(t["buses"][0]), find(t["buses"][1])))
            stack = [t["buses"][1]]
            while stack:
                u = stack.pop()
                if u in owner:
                    continue
                owner[u] = key
                stack.extend(lv_adj.get(u, []))
        loads = 0
        source_loads = 0
        mv_loads = 0
        owners = set()
        heads = {find(x) for x in source_buses}
        def load_kw():
            xfkva = c.Loads.xfkVA
            if xfkva > 0 and c.Loads.AllocationFactor:
                return c.Loads.AllocationFactor * xfkva * (c.Loads.PF or 1)
            return c.Loads.kW
        total_kw = 0.0
        i = c.Loads.First
        while i:
            total_kw += max(0.0, load_kw())
            i = c.Loads.Next
        i = c.Loads.First
        while i:
            loads += 1
            b = bus(c.ActiveCktElement.BusNames[0])
            around = set(adj.get(find(b), []))
            stand_in = (len(around) == 1 and next(iter(around)) in heads and len(adj.get(next(iter(around)), [])) >= 2
                        and c.Loads.Count >= 10 and total_kw > 0 and load_kw() >= 0.2 * total_kw)
            if find(b) in heads or stand_in:
                source_loads += 1
            elif b in owner:
                owners.add(owner[b])
            else:
                mv_loads += 1
            i = c.Loads.Next
        name = os.path.basename(os.path.dirname(f)) + "/" + os.path.basename(f)
        print(f"{name},{buses},{line_sections},{loads},{source_loads},{len(owners) + mv_loads},{len(switch_pairs)},{ties + loops},{len(banks)}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
