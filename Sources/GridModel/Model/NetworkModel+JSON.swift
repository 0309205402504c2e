/// Writes a model in network format v1 (see docs/network-format.md). Optional fields are written
/// only when set, so a file read and written again keeps its meaning.
extension NetworkModel {
    public func jsonOutput() -> JSONOutput {
        var top: [(String, JSONOutput)] = [("formatVersion", .integer(formatVersion)), ("name", .string(name))]
        if let description { top.append(("description", .string(description))) }
        top.append(("nominalKV", .number(nominalKV)))
        var kinds: [(String, JSONOutput)] = []
        for kind in SectionKind.allCases {
            let values = defaults.forKind(kind)
            var fields: [(String, JSONOutput)] = [
                (kind == .transformer ? "failuresPerYear" : "failuresPerKmYear", .number(values.failureRate)),
                ("repairHours", .number(values.repairHours)),
            ]
            if let replacement = values.replacementHours { fields.append(("replacementHours", .number(replacement))) }
            if let rating = values.ratingMW { fields.append(("ratingMW", .number(rating))) }
            kinds.append((kind.rawValue, .object(fields)))
        }
        top.append((
            "defaults",
            .object([
                ("sections", .object(kinds)),
                ("switching", .object([("manualHours", .number(defaults.manualSwitchingHours)), ("remoteHours", .number(defaults.remoteSwitchingHours))]
                    + (defaults.manualOperateHours == NetworkDefaults.defaultManualOperateHours ? [] : [("operateHours", .number(defaults.manualOperateHours))]))),
            ])
        ))
        top.append((
            "loadProfile",
            .object([
                ("monthlyFactors", .array(loadProfile.monthlyFactors.map { .number($0) })),
                ("hourlyFactors", .array(loadProfile.hourlyFactors.map { .number($0) })),
            ])
        ))
        top.append(("buses", .array(buses.map { bus in
            var fields: [(String, JSONOutput)] = [("id", .string(bus.id.rawValue))]
            if let name = bus.name { fields.append(("name", .string(name))) }
            if let x = bus.x { fields.append(("x", .number(x))) }
            if let y = bus.y { fields.append(("y", .number(y))) }
            return .object(fields)
        })))
        top.append(("sources", .array(sources.map { source in
            var fields: [(String, JSONOutput)] = [("id", .string(source.id.rawValue))]
            if let name = source.name { fields.append(("name", .string(name))) }
            fields.append(("bus", .string(source.bus.rawValue)))
            if let rating = source.ratingMW { fields.append(("ratingMW", .number(rating))) }
            if let district = source.district { fields.append(("district", .string(district))) }
            return .object(fields)
        })))
        top.append(("sections", .array(sections.map { section in
            var fields: [(String, JSONOutput)] = [("id", .string(section.id.rawValue))]
            if let name = section.name { fields.append(("name", .string(name))) }
            fields.append(("from", .string(section.from.rawValue)))
            fields.append(("to", .string(section.to.rawValue)))
            fields.append(("kind", .string(section.kind.rawValue)))
            if section.kind != .transformer { fields.append(("lengthKm", .number(section.lengthKm))) }
            if let value = section.failuresPerKmYear { fields.append(("failuresPerKmYear", .number(value))) }
            if let value = section.failuresPerYear { fields.append(("failuresPerYear", .number(value))) }
            if let value = section.repairHours { fields.append(("repairHours", .number(value))) }
            if let value = section.replacementHours { fields.append(("replacementHours", .number(value))) }
            if let value = section.ratingMW { fields.append(("ratingMW", .number(value))) }
            return .object(fields)
        })))
        top.append(("devices", .array(devices.map { device in
            var fields: [(String, JSONOutput)] = [("id", .string(device.id.rawValue))]
            if let name = device.name { fields.append(("name", .string(name))) }
            fields.append(("kind", .string(device.kind.rawValue)))
            fields.append(("section", .string(device.section.rawValue)))
            fields.append(("end", .string(device.end.rawValue)))
            fields.append(("control", .string(device.control.rawValue)))
            if let hours = device.switchingHours { fields.append(("switchingHours", .number(hours))) }
            if let loadBreak = device.loadBreak { fields.append(("loadBreak", .bool(loadBreak))) }
            return .object(fields)
        })))
        top.append(("ties", .array(ties.map { tie in
            var fields: [(String, JSONOutput)] = [("id", .string(tie.id.rawValue))]
            if let name = tie.name { fields.append(("name", .string(name))) }
            fields.append(("busA", .string(tie.busA.rawValue)))
            fields.append(("busB", .string(tie.busB.rawValue)))
            fields.append(("control", .string(tie.control.rawValue)))
            if let hours = tie.switchingHours { fields.append(("switchingHours", .number(hours))) }
            if let capacity = tie.capacityMW { fields.append(("capacityMW", .number(capacity))) }
            if tie.withinFeeder { fields.append(("withinFeeder", .bool(true))) }
            return .object(fields)
        })))
        top.append(("loadPoints", .array(loadPoints.map { loadPoint in
            var fields: [(String, JSONOutput)] = [("id", .string(loadPoint.id.rawValue))]
            if let name = loadPoint.name { fields.append(("name", .string(name))) }
            fields.append(("bus", .string(loadPoint.bus.rawValue)))
            fields.append(("customers", .integer(loadPoint.customers)))
            fields.append(("averageMW", .number(loadPoint.averageMW)))
            fields.append(("peakMW", .number(loadPoint.peakMW)))
            fields.append(("class", .string(loadPoint.customerClass.rawValue)))
            if loadPoint.sensitive { fields.append(("sensitive", .bool(true))) }
            if loadPoint.mvUsers != 1 { fields.append(("mvUsers", .integer(loadPoint.mvUsers))) }
            return .object(fields)
        })))
        return .object(top)
    }
}
