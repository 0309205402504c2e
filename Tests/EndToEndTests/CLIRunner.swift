import Foundation

/// Runs the built `liveline` binary, as a user would.
struct CLIResult {
    var exitCode: Int32
    var stdout: String
    var stderr: String
}

enum CLI {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The binary next to the test bundle (same build configuration), else .build/debug.
    static var binary: URL {
        if let override = ProcessInfo.processInfo.environment["LIVELINE_BIN"] {
            return URL(fileURLWithPath: override)
        }
        let candidates = [
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("liveline"),
            Bundle.main.bundleURL.appendingPathComponent("liveline"),
            packageRoot.appendingPathComponent(".build/debug/liveline"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[2]
    }

    /// Runs `liveline ARGS` in the package root; files can be named relative to it.
    static func run(_ arguments: [String], stdin: String? = nil) throws -> CLIResult {
        try runProgram(binary, arguments, stdin: stdin)
    }

    /// The first of `names` found on PATH (or as given when absolute), or nil.
    static func tool(_ names: String...) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in names {
            if name.hasPrefix("/") { if FileManager.default.isExecutableFile(atPath: name) { return URL(fileURLWithPath: name) } else { continue } }
            for directory in path.split(separator: ":") {
                let candidate = "\(directory)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return URL(fileURLWithPath: candidate) }
            }
        }
        return nil
    }

    /// Runs a program in the package root and collects its output.
    static func runProgram(_ executable: URL, _ arguments: [String], stdin: String? = nil, environment: [String: String]? = nil) throws -> CLIResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        process.currentDirectoryURL = packageRoot
        // Output goes to files rather than pipes: nothing can block, whatever the output size.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("liveline-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout")
        let errURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        if let stdin {
            let inURL = scratch.appendingPathComponent("stdin")
            try Data(stdin.utf8).write(to: inURL)
            process.standardInput = try FileHandle(forReadingFrom: inURL)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return CLIResult(
            exitCode: process.terminationStatus,
            stdout: String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self),
            stderr: String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self))
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("liveline-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
