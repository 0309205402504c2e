import GridModel
import Reports

extension PlanReport {
    /// Every file `plan --out` may write (an existing --out folder may hold only these).
    static let fileNames: Set<String> = [
        "schedule.json", "schedule.csv", "switching.txt", "switching.csv", "resources.csv", "plan.json", "solver.log", "notifications.csv", "notifications.json",
        "outages.ics", "work-packages.txt", "work-packages.csv", "work-packages.html",
    ]

    /// Writes schedule.json, schedule.csv, switching.txt, resources.csv, the notification lists
    /// (notifications.csv, notifications.json, outages.ics), the daily work packages
    /// (work-packages.txt, .csv, .html), plan.json and solver.log;
    /// a plan that leaves a mandatory job out writes plan.json and solver.log only (no schedule
    /// that `simulate` or `report` could take for a valid plan).
    func write(to directory: String, language: Language = .en) throws(CLIError) {
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
        try Console.write(switchingText(language), to: directory + "/switching.txt")
        try Console.write(result.switchingCSV(), to: directory + "/switching.csv")
        try Console.write(resourcesCSV(), to: directory + "/resources.csv")
        try Console.write(result.notificationsCSV(), to: directory + "/notifications.csv")
        try Console.write(result.notificationsJSON().rendered() + "\n", to: directory + "/notifications.json")
        try Console.write(result.outagesCalendar(), to: directory + "/outages.ics")
        try Console.write(result.workPackagesText(), to: directory + "/work-packages.txt")
        try Console.write(result.workPackagesCSV(), to: directory + "/work-packages.csv")
        try Console.write(WorkPackagePages.render(result), to: directory + "/work-packages.html")
    }
}
