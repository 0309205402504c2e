#!/usr/bin/env python3
"""Re-solves an exported LiveLine model (CPLEX LP or free MPS) with HiGHS, independently of GLPK.

Usage: highs_resolve.py MODEL [TIME_LIMIT_SECONDS]
Prints a last line: RESULT STATUS OBJECTIVE BOUND (the model minimises; HiGHS may print a banner first).
Needs highspy (pip install highspy; make test installs it)."""
import sys

import highspy


def main() -> int:
    path = sys.argv[1]
    limit = float(sys.argv[2]) if len(sys.argv) > 2 else 300.0
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", limit)
    h.setOptionValue("mip_rel_gap", 0.0)
    h.setOptionValue("threads", 1)
    h.readModel(path)
    h.run()
    info = h.getInfo()
    status = h.modelStatusToString(h.getModelStatus()).replace(" ", "_")
    print("RESULT", status, repr(info.objective_function_value), repr(info.mip_dual_bound))
    return 0


if __name__ == "__main__":
    sys.exit(main())
