import CGLPKGuard

/// Lays a validated ``MIPModel`` out as the C arrays the guard reads, for the duration of a call.
enum CModel {
    static func with<R, E: Error>(_ model: MIPModel, _ body: (inout llg_model) throws(E) -> R) throws(E) -> R {
        let cols = model.variables.count
        let rows = model.constraints.count
        var objective = [Double](repeating: 0, count: cols)
        var colKind = [Int32](repeating: 0, count: cols)
        var colType = [Int32](repeating: 0, count: cols)
        var colLower = [Double](repeating: 0, count: cols)
        var colUpper = [Double](repeating: 0, count: cols)
        for (j, variable) in model.variables.enumerated() {
            objective[j] = variable.objective
            colKind[j] = variable.kind == .binary ? 3 : (variable.kind == .integer ? 2 : 1)
            (colType[j], colLower[j], colUpper[j]) = boundType(variable.lowerBound, variable.upperBound)
        }
        var rowType = [Int32](repeating: 0, count: rows)
        var rowLower = [Double](repeating: 0, count: rows)
        var rowUpper = [Double](repeating: 0, count: rows)
        var entryRow = [Int32](repeating: 0, count: model.entryCount)
        for (i, constraint) in model.constraints.enumerated() {
            (rowType[i], rowLower[i], rowUpper[i]) = boundType(constraint.lowerBound, constraint.upperBound)
            for k in constraint.termStart..<(constraint.termStart + constraint.termCount) { entryRow[k] = Int32(i) }
        }
        let entryCol = model.termVariables.map { Int32($0) }
        // Names in one buffer of NUL-terminated strings, with pointers into it.
        var nameBytes: [CChar] = []
        var colOffsets: [Int] = []
        var rowOffsets: [Int] = []
        func add(_ name: String) -> Int {
            let offset = nameBytes.count
            nameBytes.append(contentsOf: name.utf8.map { CChar(bitPattern: $0) })
            nameBytes.append(0)
            return offset
        }
        let modelNameOffset = add(model.name)
        for variable in model.variables { colOffsets.append(add(variable.name)) }
        for constraint in model.constraints { rowOffsets.append(add(constraint.name)) }
        let coefficients = model.termCoefficients

        return try nameBytes.withUnsafeBufferPointer { (names: UnsafeBufferPointer<CChar>) throws(E) -> R in
            let base = names.baseAddress!
            let colNames: [UnsafePointer<CChar>?] = colOffsets.map { base + $0 }
            let rowNames: [UnsafePointer<CChar>?] = rowOffsets.map { base + $0 }
            var c = llg_model()
            c.rows = Int32(rows)
            c.cols = Int32(cols)
            c.maximize = model.sense == .maximize ? 1 : 0
            c.objective_constant = model.objectiveConstant
            c.entries = Int32(model.entryCount)
            c.name = base + modelNameOffset
            return try withPointers(
                objective, colKind, colType, colLower, colUpper, rowType, rowLower, rowUpper, entryRow, entryCol, coefficients,
                colNames, rowNames
            ) { (p: Pointers) throws(E) -> R in
                c.objective = p.objective
                c.col_kind = p.colKind
                c.col_bound_type = p.colType
                c.col_lower = p.colLower
                c.col_upper = p.colUpper
                c.row_bound_type = p.rowType
                c.row_lower = p.rowLower
                c.row_upper = p.rowUpper
                c.entry_row = p.entryRow
                c.entry_col = p.entryCol
                c.entry_value = p.coefficients
                c.col_names = p.colNames
                c.row_names = p.rowNames
                return try body(&c)
            }
        }
    }

    struct Pointers {
        var objective, colLower, colUpper, rowLower, rowUpper, coefficients: UnsafePointer<Double>?
        var colKind, colType, rowType, entryRow, entryCol: UnsafePointer<Int32>?
        var colNames, rowNames: UnsafePointer<UnsafePointer<CChar>?>?
    }

    private static func withPointers<R, E: Error>(
        _ objective: [Double], _ colKind: [Int32], _ colType: [Int32], _ colLower: [Double], _ colUpper: [Double],
        _ rowType: [Int32], _ rowLower: [Double], _ rowUpper: [Double], _ entryRow: [Int32], _ entryCol: [Int32],
        _ coefficients: [Double], _ colNames: [UnsafePointer<CChar>?], _ rowNames: [UnsafePointer<CChar>?],
        _ body: (Pointers) throws(E) -> R
    ) throws(E) -> R {
        // Arrays keep their storage alive for the whole call; withUnsafeBufferPointer on each gives
        // stable addresses while nested.
        var pointers = Pointers()
        var result: Result<R, E>!
        objective.withUnsafeBufferPointer { a in pointers.objective = a.baseAddress
        colKind.withUnsafeBufferPointer { b in pointers.colKind = b.baseAddress
        colType.withUnsafeBufferPointer { c in pointers.colType = c.baseAddress
        colLower.withUnsafeBufferPointer { d in pointers.colLower = d.baseAddress
        colUpper.withUnsafeBufferPointer { e in pointers.colUpper = e.baseAddress
        rowType.withUnsafeBufferPointer { f in pointers.rowType = f.baseAddress
        rowLower.withUnsafeBufferPointer { g in pointers.rowLower = g.baseAddress
        rowUpper.withUnsafeBufferPointer { h in pointers.rowUpper = h.baseAddress
        entryRow.withUnsafeBufferPointer { i in pointers.entryRow = i.baseAddress
        entryCol.withUnsafeBufferPointer { j in pointers.entryCol = j.baseAddress
        coefficients.withUnsafeBufferPointer { k in pointers.coefficients = k.baseAddress
        colNames.withUnsafeBufferPointer { l in pointers.colNames = l.baseAddress
        rowNames.withUnsafeBufferPointer { m in pointers.rowNames = m.baseAddress
            do throws(E) { result = .success(try body(pointers)) } catch { result = .failure(error) }
        } } } } } } } } } } } } }
        return try result.get()
    }

    /// GLPK bound type and the two values for optional bounds.
    private static func boundType(_ lower: Double?, _ upper: Double?) -> (Int32, Double, Double) {
        switch (lower, upper) {
        case (nil, nil): return (1, 0, 0)
        case (let l?, nil): return (2, l, 0)
        case (nil, let u?): return (3, 0, u)
        case (let l?, let u?): return l == u ? (5, l, u) : (4, l, u)
        }
    }
}
