import ArgumentParser
import Foundation

// Entry point: one place maps every outcome to a message and an exit code
// (0 ok, 1 failure, 64 usage, 65 bad data, and the codes documented for check flags).
do {
    var command = try LiveLine.parseAsRoot()
    try command.run()
} catch let error as CLIError {
    Console.error(error.message)
    exit(error.exitCode)
} catch {
    LiveLine.exit(withError: error)
}
