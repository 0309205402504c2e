import Foundation

/// `LiveLineFuzz TARGET SECONDS [SEED]` mutates the target's seed files for SECONDS and feeds
/// each input to the target in process. Before each input it is written to
/// .build/fuzz/TARGET.current, so that when an input traps (the process dies) the driver
/// (tools/fuzz.sh) keeps it; an input that runs longer than 10 s is kept as a hang and ends the
/// run with exit 2. `LiveLineFuzz replay FILE…` runs saved inputs (named TARGET-…) once each.
/// Run from the repository root (the seeds are the bundled files).
let arguments = CommandLine.arguments
func usage() -> Never {
    print("usage: LiveLineFuzz TARGET SECONDS [SEED] | LiveLineFuzz replay FILE… | LiveLineFuzz list")
    print("targets: " + Targets.all.map(\.name).joined(separator: ", "))
    exit(64)
}
guard arguments.count >= 2 else { usage() }

final class Watchdog: @unchecked Sendable {
    private let lock = NSLock()
    private var started = Date()
    private var busy = false
    func begin() { lock.lock(); started = Date(); busy = true; lock.unlock() }
    func end() { lock.lock(); busy = false; lock.unlock() }
    func overdue(_ seconds: Double) -> Bool { lock.lock(); defer { lock.unlock() }; return busy && Date().timeIntervalSince(started) > seconds }
}

if arguments[1] == "list" {
    print(Targets.all.map(\.name).joined(separator: "\n"))
    exit(0)
}

if arguments[1] == "replay" {
    let targets = Dictionary(uniqueKeysWithValues: Targets.all.map { ($0.name, $0) })
    for path in arguments.dropFirst(2) {
        let name = (path as NSString).lastPathComponent
        guard let target = targets.keys.sorted(by: { $0.count > $1.count }).first(where: { name.hasPrefix($0 + "-") }).flatMap({ targets[$0] }) else {
            print("\(path): the name must start with a target name and '-'"); exit(64)
        }
        let accepted = target.run(Targets.bytes(path))
        print("\(path): \(accepted ? "accepted" : "rejected with diagnostics")")
    }
    exit(0)
}

guard arguments.count >= 3, let seconds = Double(arguments[2]), seconds > 0, seconds <= 86_400 else { usage() }
guard let target = Targets.all.first(where: { $0.name == arguments[1] }) else { usage() }
let seed = arguments.count > 3 ? UInt64(arguments[3]) ?? 1 : 1
let folder = ".build/fuzz"
try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
let current = "\(folder)/\(target.name).current"
let targetName = target.name
let watchdog = Watchdog()
Thread.detachNewThread {
    while true {
        Thread.sleep(forTimeInterval: 0.5)
        if watchdog.overdue(10) {
            let hang = "\(folder)/\(targetName)-hang-\(Int(Date().timeIntervalSince1970))"
            try? FileManager.default.copyItem(atPath: current, toPath: hang)
            print("\(targetName): an input ran longer than 10 s; kept as \(hang)")
            exit(2)
        }
    }
}
var mutator = Mutator(seed: seed)
let start = Date()
var executions = 0
var accepted = 0
var corpus = target.seeds
while Date().timeIntervalSince(start) < seconds {
    let base = corpus[mutator.below(corpus.count)]
    let input = mutator.mutate(base)
    FileManager.default.createFile(atPath: current, contents: Data(input))
    watchdog.begin()
    let ok = target.run(input)
    watchdog.end()
    executions += 1
    if ok {
        accepted += 1
        // Keep a few accepted mutants as new bases (mutations compound), bounded.
        if corpus.count < 64, mutator.below(8) == 0 { corpus.append(input) }
    }
}
let elapsed = Date().timeIntervalSince(start)
print(String(format: "%@: %d inputs in %.0f s (%.0f per second), %d accepted, no crash or hang", target.name, executions, elapsed, Double(executions) / elapsed, accepted))
try? FileManager.default.removeItem(atPath: current)
try? FileManager.default.removeItem(at: Targets.scratch)
