/// The largest relative difference between two evaluations of one network, over every load
/// point's λ and U, the system indices and every component's contribution (for the cross-check
/// of the grouped evaluation against the per-event reference; relative to max(|a|, |b|, 1e-300)).
public enum ReliabilityComparison {
    public static func largestRelativeDifference(_ a: ReliabilityResult, _ b: ReliabilityResult) -> (value: Double, at: String) {
        var worst = (value: 0.0, at: "")
        func compare(_ x: Double, _ y: Double, _ what: @autoclosure () -> String) {
            let scale = max(abs(x), abs(y), 1e-300)
            let difference = x == y ? 0 : abs(x - y) / scale
            if difference > worst.value { worst = (difference, what()) }
        }
        guard a.loadPoints.count == b.loadPoints.count, a.components.count == b.components.count else { return (.infinity, "different sizes") }
        for k in a.loadPoints.indices {
            compare(a.loadPoints[k].interruptionsPerYear, b.loadPoints[k].interruptionsPerYear, "λ of load point \(k)")
            compare(a.loadPoints[k].hoursPerYear, b.loadPoints[k].hoursPerYear, "U of load point \(k)")
        }
        compare(a.system.saifi, b.system.saifi, "SAIFI")
        compare(a.system.saidi, b.system.saidi, "SAIDI")
        compare(a.system.ensMWh, b.system.ensMWh, "ENS")
        let bySection = Dictionary(uniqueKeysWithValues: b.components.map { ($0.section, $0) })
        for component in a.components {
            guard let other = bySection[component.section] else { return (.infinity, "component \(component.section) missing") }
            compare(component.customerInterruptionsPerYear, other.customerInterruptionsPerYear, "customer interruptions of section \(component.section)")
            compare(component.customerHoursPerYear, other.customerHoursPerYear, "customer-hours of section \(component.section)")
            compare(component.ensMWh, other.ensMWh, "ENS of section \(component.section)")
        }
        return worst
    }
}
