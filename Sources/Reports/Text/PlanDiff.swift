import GridModel

/// Two plans of one scenario compared (`liveline diff`): which jobs moved, changed method or
/// period, came in or went out, and every KPI and the objective side by side. Read from the
/// plan.json files `plan --out` writes; recomputes nothing.
public struct PlanDiff {
    public struct JobChange {
        public var job: String
        /// date, method, period in A and in B (nil: not scheduled there).
        public var from: (date: String, method: String, period: String)?
        public var to: (date: String, method: String, period: String)?
        /// Of "moved", "method", "period" (several may hold), or "added" / "removed".
        public var kinds: [String]
        /// The kinds as one text ("moved, method").
        public var kind: String { kinds.joined(separator: ", ") }
        /// Days between the two dates, when both are scheduled.
        public var days: Int?
    }

    public var changes: [JobChange] = []
    public var jobs = 0
    public var kpis: [(key: String, label: String, a: Double?, b: Double?, share: Bool, decimals: Int)] = []
    public var objective: (a: Double?, b: Double?)
    public var names: (a: String, b: String)

    public init(_ a: JSONNode, _ b: JSONNode, names: (String, String)) {
        self.names = names
        func rows(_ doc: JSONNode) -> [String: (date: String, method: String, period: String)?] {
            var result: [String: (date: String, method: String, period: String)?] = [:]
            for row in doc.array("jobs") {
                guard let id = row.string("job") else { continue }
                let method = row.string("method") ?? ""
                result[id] = method == "unscheduled" ? .some(nil) : (row.string("date") ?? "", method, row.string("period") ?? "")
            }
            return result
        }
        let left = rows(a), right = rows(b)
        let ids = Set(left.keys).union(right.keys).sorted { NaturalOrder.less($0, $1) }
        jobs = ids.count
        for id in ids {
            let from = left[id] ?? nil, to = right[id] ?? nil
            var kind: [String] = []
            var days: Int?
            switch (from, to) {
            case (nil, nil): continue
            case (nil, .some): kind = ["added"]
            case (.some, nil): kind = ["removed"]
            case (.some(let f), .some(let t)):
                if f.date != t.date {
                    kind.append("moved")
                    if let x = CivilDate(f.date), let y = CivilDate(t.date) { days = y.dayNumber - x.dayNumber }
                }
                if f.method != t.method { kind.append("method") }
                if f.period != t.period { kind.append("period") }
            }
            if !kind.isEmpty { changes.append(JobChange(job: id, from: from, to: to, kinds: kind, days: days)) }
        }
        kpis = PlanReport.kpiRows.map { row in
            (row.key, row.label.en.trimmingCharacters(in: .whitespaces), a.number("kpis.plan." + row.key), b.number("kpis.plan." + row.key), row.share, row.decimals)
        }
        objective = (a.number("objective"), b.number("objective"))
    }

    public func text() -> String {
        var lines = ["A: \(names.a)", "B: \(names.b)"]
        let counts = ["moved", "method", "period", "added", "removed"].map { word in (word, changes.filter { $0.kinds.contains(word) }.count) }
        lines.append("Jobs: \(jobs); " + counts.map { "\($0.1) \($0.0 == "method" ? "changed method" : $0.0 == "period" ? "changed period" : $0.0 == "added" ? "scheduled only in B" : $0.0 == "removed" ? "scheduled only in A" : "moved")" }.joined(separator: ", "))
        if !changes.isEmpty {
            var table = TextTable(["job", "A", "B", "change"], alignments: [.left, .left, .left, .left])
            func cell(_ v: (date: String, method: String, period: String)?) -> String { v.map { "\($0.date) \($0.method)\($0.period == "day" || $0.period.isEmpty ? "" : " (\($0.period))")" } ?? "not scheduled" }
            for change in changes {
                table.add([change.job, cell(change.from), cell(change.to), change.kind + (change.days.map { " (\($0 > 0 ? "+" : "")\($0) days)" } ?? "")])
            }
            lines.append(table.rendered(indent: 2))
        }
        var table = TextTable(["KPI", "A", "B", "change"], alignments: [.left, .right, .right, .right])
        for row in kpis {
            table.add([row.label, PlanReport.kpiText(row.a, share: row.share, decimals: row.decimals), PlanReport.kpiText(row.b, share: row.share, decimals: row.decimals),
                       PlanReport.kpiChange(from: row.a, to: row.b, share: row.share, decimals: row.decimals)])
        }
        table.add(["Objective (customer-minutes)", PlanReport.kpiText(objective.a, share: false, decimals: 2), PlanReport.kpiText(objective.b, share: false, decimals: 2),
                   PlanReport.kpiChange(from: objective.a, to: objective.b, share: false, decimals: 2)])
        lines.append(table.rendered(indent: 2))
        return lines.joined(separator: "\n")
    }

    public func json() -> JSONOutput {
        func side(_ v: (date: String, method: String, period: String)?) -> JSONOutput {
            v.map { .object([("date", .string($0.date)), ("method", .string($0.method)), ("period", .string($0.period))]) } ?? .null
        }
        return .object([
            ("a", .string(names.a)), ("b", .string(names.b)), ("jobs", .integer(jobs)),
            ("changes", .array(changes.map { change in
                .object([("job", .string(change.job)), ("kind", .string(change.kind)), ("from", side(change.from)), ("to", side(change.to)),
                         ("days", change.days.map { .integer($0) } ?? .null)])
            })),
            ("kpis", .array(kpis.map { row in
                .object([("key", .string(row.key)), ("a", .finite(row.a)), ("b", .finite(row.b)),
                         ("change", .finite(row.a.flatMap { a in row.b.map { $0 - a } }))])
            })),
            ("objective", .object([("a", .finite(objective.a)), ("b", .finite(objective.b)), ("change", .finite(objective.a.flatMap { a in objective.b.map { $0 - a } }))])),
        ])
    }
}
