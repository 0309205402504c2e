import Reports

extension PlanReport {
    /// Writes schedule.json, schedule.csv, switching.txt, resources.csv, plan.json and solver.log.
    func write(to directory: String) throws(CLIError) {
        try Console.write(result.schedule(networkPath: networkPath).jsonOutput(network: result.problem.network).rendered() + "\n", to: directory + "/schedule.json")
        try Console.write(result.scheduleCSV(), to: directory + "/schedule.csv")
        try Console.write(switchingText(), to: directory + "/switching.txt")
        try Console.write(resourcesCSV(), to: directory + "/resources.csv")
        try Console.write(json().rendered() + "\n", to: directory + "/plan.json")
        try Console.write("--- search\n" + result.searchLog.joined(separator: "\n") + "\n" + result.groups.map { "--- tie group \($0.feeders.joined(separator: "+"))\n\($0.log)" }.joined(separator: "\n"), to: directory + "/solver.log")
    }
}
