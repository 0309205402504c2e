import Reports

extension PlanReport {
    /// Every file `plan --out` may write (an existing --out folder may hold only these).
    static let fileNames: Set<String> = ["schedule.json", "schedule.csv", "switching.txt", "resources.csv", "plan.json", "solver.log"]

    /// Writes schedule.json, schedule.csv, switching.txt, resources.csv, plan.json and solver.log;
    /// a plan that leaves a mandatory job out writes plan.json and solver.log only (no schedule
    /// that `simulate` or `report` could take for a valid plan).
    func write(to directory: String) throws(CLIError) {
        let failed: Bool
        switch result.status {
        case .infeasible, .mandatoryJobsLeftOut: failed = true
        default: failed = false
        }
        try Console.write(json().rendered() + "\n", to: directory + "/plan.json")
        try Console.write("--- search\n" + result.searchLog.joined(separator: "\n") + "\n" + result.groups.map { "--- tie group \($0.feeders.joined(separator: "+"))\n\($0.log)" }.joined(separator: "\n"), to: directory + "/solver.log")
        if failed { return }
        try Console.write(result.schedule(networkPath: networkPath).jsonOutput(network: result.problem.network).rendered() + "\n", to: directory + "/schedule.json")
        try Console.write(result.scheduleCSV(), to: directory + "/schedule.csv")
        try Console.write(switchingText(), to: directory + "/switching.txt")
        try Console.write(resourcesCSV(), to: directory + "/resources.csv")
    }
}
