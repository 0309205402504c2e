/// Customer class of a load point.
public enum CustomerClass: String, Sendable, CaseIterable, Codable {
    case residential
    case commercial
    case industrial
    /// Public and institutional users (government, hospitals, schools, public lighting).
    case `public`
}

/// A bus with customers behind it (typically a distribution transformer's LV side or an MV user).
public struct LoadPoint: Sendable, Equatable {
    public var id: LoadPointID
    public var name: String?
    public var bus: BusID
    /// Number of customers supplied (count, ≥ 0).
    public var customers: Int
    /// Average demand in MW (energy per year / 8760 h); used for ENS.
    public var averageMW: Double
    /// Peak demand in MW; used for transfer headroom (scaled by the load profile).
    public var peakMW: Double
    public var customerClass: CustomerClass
    /// Priority customer (hospital, water works…): restored first when headroom is short.
    public var sensitive: Bool
    /// Number of DL/T 836 medium-voltage users this load point counts as (a 10 kV customer or one
    /// public distribution transformer).
    public var mvUsers: Int

    public init(
        id: LoadPointID, name: String? = nil, bus: BusID, customers: Int, averageMW: Double, peakMW: Double,
        customerClass: CustomerClass = .residential, sensitive: Bool = false, mvUsers: Int = 1
    ) {
        self.id = id
        self.name = name
        self.bus = bus
        self.customers = customers
        self.averageMW = averageMW
        self.peakMW = peakMW
        self.customerClass = customerClass
        self.sensitive = sensitive
        self.mvUsers = mvUsers
    }
}
