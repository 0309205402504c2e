import GridModel
import Reliability

/// Text, JSON and CSV renderings of a Monte Carlo simulation.
public struct SimulationReport {
    public var file: String
    public var network: Network
    public var result: MonteCarloResult
    public var schedule: String?
    public var scheduleName: String?
    public var options: MonteCarloOptions

    public init(file: String, network: Network, result: MonteCarloResult, schedule: String?, scheduleName: String?, options: MonteCarloOptions) {
        self.file = file
        self.network = network
        self.result = result
        self.schedule = schedule
        self.scheduleName = scheduleName
        self.options = options
    }

    /// The system CAIDI: mean SAIDI / mean SAIFI.
    public var caidiOfMeans: Double { result.saifi.mean > 0 ? result.saidi.mean / result.saifi.mean : 0 }

    public var indexRows: [(name: String, unit: String, decimals: Int, distribution: Distribution)] {
        [
            ("SAIFI", "interruptions/customer·yr", 4, result.saifi),
            ("SAIDI", "h/customer·yr", 3, result.saidi),
            ("CAIDI per year", "h/interruption (each year's SAIDI/SAIFI)", 3, result.caidi),
            ("ENS", "MWh/yr", 3, result.ens),
        ]
    }

    public func text(byLoadPoint: Bool) -> String {
        var lines: [String] = []
        lines.append("Monte Carlo simulation of \(network.model.name.isEmpty ? file : network.model.name)  [\(file)]")
        lines.append("Seed \(result.seed), \(result.years) years, \(options.threads) threads, repair \(options.repair.text), switching \(options.switching.text); \(String(format: "%.2f", result.seconds)) s")
        if let schedule {
            lines.append("Planned outages from \(schedule) (\(scheduleName ?? "")) every year: \(fixed(result.plannedCustomerHoursPerYear, 1)) customer-hours, \(result.plannedCustomerInterruptionsPerYear) customer interruptions, \(fixed(result.plannedEnergyNotSuppliedMWhPerYear, 3)) MWh not supplied")
        }
        var table = TextTable(["index", "mean", "std dev", "std error", "P5", "P50", "P95", "unit"], alignments: [.left, .right, .right, .right, .right, .right, .right, .left])
        for row in indexRows {
            let d = row.distribution
            table.add([row.name, fixed(d.mean, row.decimals), fixed(d.standardDeviation, row.decimals), fixed(d.standardError, row.decimals + 1),
                       fixed(d.p5, row.decimals), fixed(d.p50, row.decimals), fixed(d.p95, row.decimals), row.unit])
        }
        lines.append(table.rendered(indent: 2))
        lines.append("  CAIDI = mean SAIDI / mean SAIFI = \(fixed(caidiOfMeans, 3)) h/interruption (comparable to the analytical CAIDI; the row above is the distribution of the yearly ratios, whose mean weighs quiet years as much as busy ones)")
        lines.append("  by cause: fault SAIFI \(fixed(result.faultSAIFI, 4)), SAIDI \(fixed(result.faultSAIDI, 3)) h; planned SAIFI \(fixed(result.plannedSAIFI, 4)), SAIDI \(fixed(result.plannedSAIDI, 3)) h")
        lines.append("  convergence: standard error / mean = \(percent(result.relativeErrorSAIFI)) (SAIFI), \(percent(result.relativeErrorSAIDI)) (SAIDI)")
        var customers = TextTable(["customers (share, mean year)", "all causes", "fault", "planned"])
        for row in result.cemi { customers.add(["CEMI\(row.n): more than \(row.n) interruption\(row.n == 1 ? "" : "s")", percent(row.total), percent(row.fault), percent(row.planned)]) }
        for row in result.frequent { customers.add(["frequent (频繁停电): at least \(row.k) interruptions", percent(row.total), percent(row.fault), percent(row.planned)]) }
        for row in result.celid { customers.add(["CELID: more than \(fixed(row.hours, 1)) h in the year", percent(row.total), percent(row.fault), percent(row.planned)]) }
        lines.append(customers.rendered(indent: 2))
        let repeated = result.repeatedOutageCustomers
        lines.append("  repeated outages (频繁停电: \(options.repeatThreshold) or more interruptions of a load point within \(options.repeatWindowDays) days, longer than 3 min): "
            + "\(fixed(repeated.total, 1)) customers in a mean year (faults alone \(fixed(repeated.fault, 1)); the planned work alone \(fixed(repeated.planned, 0)))")
        if byLoadPoint {
            var table = TextTable(["load point", "customers", "λ /yr", "± s.e.", "U h/yr", "± s.e."])
            for lp in network.model.loadPoints.indices {
                table.add([network.model.loadPoints[lp].id.rawValue, "\(network.model.loadPoints[lp].customers)", fixed(result.loadPointLambda[lp], 4),
                           fixed(result.loadPointLambdaError[lp], 4), fixed(result.loadPointHours[lp], 4), fixed(result.loadPointHoursError[lp], 4)])
            }
            lines.append("Load points")
            lines.append(table.rendered(indent: 2))
        }
        return lines.joined(separator: "\n")
    }

    public static func distributionJSON(_ d: Distribution) -> JSONOutput {
        .object([
            ("mean", .finite(d.mean)), ("standardDeviation", .finite(d.standardDeviation)), ("standardError", .finite(d.standardError)),
            ("p5", .finite(d.p5)), ("p50", .finite(d.p50)), ("p95", .finite(d.p95)),
        ])
    }

    public func json() -> JSONOutput {
        .object([
            ("network", .string(network.model.name)), ("file", .string(file)), ("seed", .string(String(result.seed))),
            ("years", .integer(result.years)), ("threads", .integer(options.threads)),
            ("repair", .string(options.repair.text)), ("switching", .string(options.switching.text)),
            ("schedule", schedule.map { .string($0) } ?? .null), ("seconds", .number(result.seconds)),
            ("SAIFI", Self.distributionJSON(result.saifi)), ("SAIDI", Self.distributionJSON(result.saidi)),
            ("CAIDI", Self.distributionJSON(result.caidi)), ("CAIDIOfMeans", .number(caidiOfMeans)), ("ENS_MWh", Self.distributionJSON(result.ens)),
            ("byCause", .object([
                ("faultSAIFI", .number(result.faultSAIFI)), ("faultSAIDI", .number(result.faultSAIDI)),
                ("plannedSAIFI", .number(result.plannedSAIFI)), ("plannedSAIDI", .number(result.plannedSAIDI)),
                ("plannedCustomerHoursPerYear", .number(result.plannedCustomerHoursPerYear)),
                ("plannedCustomerInterruptionsPerYear", .integer(result.plannedCustomerInterruptionsPerYear)),
                ("plannedEnergyNotSuppliedMWhPerYear", .number(result.plannedEnergyNotSuppliedMWhPerYear)),
            ])),
            ("relativeErrorSAIFI", .number(result.relativeErrorSAIFI)), ("relativeErrorSAIDI", .number(result.relativeErrorSAIDI)),
            ("CEMI", .array(result.cemi.map { .object([("n", .integer($0.n)), ("total", .number($0.total)), ("fault", .number($0.fault)), ("planned", .number($0.planned))]) })),
            ("frequent", .array(result.frequent.map { .object([("k", .integer($0.k)), ("total", .number($0.total)), ("fault", .number($0.fault)), ("planned", .number($0.planned))]) })),
            ("repeatedOutages", .object([
                ("windowDays", .integer(options.repeatWindowDays)), ("threshold", .integer(options.repeatThreshold)),
                ("customers", .number(result.repeatedOutageCustomers.total)), ("faultCustomers", .number(result.repeatedOutageCustomers.fault)),
                ("plannedCustomers", .number(result.repeatedOutageCustomers.planned)),
            ])),
            ("CELID", .array(result.celid.map { .object([("hours", .number($0.hours)), ("total", .number($0.total)), ("fault", .number($0.fault)), ("planned", .number($0.planned))]) })),
            ("loadPoints", .array(network.model.loadPoints.indices.map { lp in
                .object([
                    ("id", .string(network.model.loadPoints[lp].id.rawValue)), ("lambdaPerYear", .number(result.loadPointLambda[lp])),
                    ("lambdaStandardError", .number(result.loadPointLambdaError[lp])), ("hoursPerYear", .number(result.loadPointHours[lp])),
                    ("hoursStandardError", .number(result.loadPointHoursError[lp])),
                ])
            })),
            ("histogramSAIDI", .object([
                ("edges", .array(result.histogramSAIDI.edges.map { .number($0) })),
                ("counts", .array(result.histogramSAIDI.counts.map { .integer($0) })),
                ("aboveCount", .integer(result.histogramSAIDI.aboveCount)), ("largest", .number(result.histogramSAIDI.largest)),
            ])),
        ])
    }

    /// Bins of yearly SAIDI for charts: edges and counts.
    public func csv(byLoadPoint: Bool) -> String {
        var lines: [String] = []
        if byLoadPoint {
            lines.append("load_point,customers,lambda_per_yr,lambda_se,u_h_per_yr,u_se,seed")
            for lp in network.model.loadPoints.indices {
                lines.append([csvField(network.model.loadPoints[lp].id.rawValue), "\(network.model.loadPoints[lp].customers)",
                              csvNumber(result.loadPointLambda[lp]), csvNumber(result.loadPointLambdaError[lp]),
                              csvNumber(result.loadPointHours[lp]), csvNumber(result.loadPointHoursError[lp]), String(result.seed)].joined(separator: ","))
            }
        } else {
            lines.append("index,mean,std_dev,std_error,p5,p50,p95,years,seed")
            for row in indexRows {
                let d = row.distribution
                lines.append([row.name, csvNumber(d.mean), csvNumber(d.standardDeviation), csvNumber(d.standardError), csvNumber(d.p5),
                              csvNumber(d.p50), csvNumber(d.p95), "\(result.years)", String(result.seed)].joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n")
    }
}
