import CFileSwap
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Outputs that never lose data: every file is written to a temporary file in its folder and
/// renamed into place; an output folder is filled beside the old one and swapped with it in one
/// step; an output that is also an input is refused before anything runs.
enum SafeFiles {
    /// The absolute, symlink-resolved form of a path (of its folder when the file does not exist).
    static func resolved(_ path: String) -> String {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        if FileManager.default.fileExists(atPath: url.path) { return url.resolvingSymlinksInPath().path }
        let parent = url.deletingLastPathComponent()
        let folder = FileManager.default.fileExists(atPath: parent.path) ? parent.resolvingSymlinksInPath() : parent
        return folder.appendingPathComponent(url.lastPathComponent).path
    }

    /// Refuses (exit 64) an output file that is one of the inputs, and an output folder that holds
    /// an input or is one.
    static func refuseOverwriting(files: [String] = [], folders: [String] = [], inputs: [String?]) throws(CLIError) {
        let inputs = inputs.compactMap { $0 }.map { ($0, resolved($0)) }
        for output in files {
            let target = resolved(output)
            if let input = inputs.first(where: { $0.1 == target }) {
                throw .usage("\(output): is the input \(input.0); the output would overwrite it — write to another file")
            }
        }
        for folder in folders {
            let target = resolved(folder)
            if let input = inputs.first(where: { $0.1 == target || $0.1.hasPrefix(target.hasSuffix("/") ? target : target + "/") }) {
                throw .usage("\(folder): holds the input \(input.0); the output folder is replaced as a whole — choose a folder that holds no input")
            }
        }
    }

    /// Writes `text` to `path` through a temporary file in the same folder and a rename (a kill
    /// at any moment leaves the old file or the new one). The folder must exist (a mistyped
    /// folder is a usage error, not created silently).
    static func write(_ text: String, to path: String) throws(CLIError) {
        try write(Data(text.utf8), to: path)
    }

    static func write(_ data: Data, to path: String) throws(CLIError) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue {
            throw .usage("\(path): is a folder; give a file name")
        }
        var folderIsFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &folderIsFolder), folderIsFolder.boolValue else {
            throw .usage("\(path): the folder \(folder.path) does not exist; create it first (mkdir -p \(folder.path))")
        }
        try writeThrough(path) { temporary in try data.write(to: URL(fileURLWithPath: temporary)) }
    }

    /// Lets `produce` write a temporary file beside `path` (for writers that take a path, such as
    /// GLPK's), then renames it into place.
    static func writeThrough(_ path: String, _ produce: (String) throws -> Void) throws(CLIError) {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).liveline-\(getpid()).tmp")
        do {
            try produce(temporary.path)
            try syncFile(temporary.path)
            guard rename(temporary.path, url.path) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw .failure("\(path): cannot write the file: \(error.localizedDescription)")
        }
    }

    /// Runs `fill` on a fresh staging folder beside `path`, then puts it in place of `path` in one
    /// step (an existing `path` must be empty or an earlier output of the same kind: it may hold
    /// only `known` names). On failure the staging folder is removed and `path` is untouched.
    static func replaceFolder(_ path: String, known: Set<String>, _ fill: (String) throws(CLIError) -> Void) throws(CLIError) {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        let exists = manager.fileExists(atPath: url.path, isDirectory: &isFolder)
        if exists {
            guard isFolder.boolValue else { throw .usage("\(path): is a file; --out needs a folder") }
            let names = (try? manager.contentsOfDirectory(atPath: url.path)) ?? []
            let strangers = names.filter { !known.contains($0) }.sorted()
            if !strangers.isEmpty {
                throw .usage("\(path): holds files that are not this command's output (\(strangers.prefix(3).joined(separator: ", "))\(strangers.count > 3 ? ", …" : "")); the folder is replaced as a whole — choose a new or empty folder")
            }
        }
        let parent = url.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(url.lastPathComponent).liveline-\(getpid()).new")
        do {
            try manager.createDirectory(at: parent, withIntermediateDirectories: true)
            try? manager.removeItem(at: staging)
            try manager.createDirectory(at: staging, withIntermediateDirectories: false)
        } catch {
            throw .failure("\(path): cannot create the output folder: \(error.localizedDescription)")
        }
        do {
            try fill(staging.path)
        } catch {
            try? manager.removeItem(at: staging)
            throw error
        }
        if exists {
            // Swap the two folders atomically, then remove the old one (now at the staging path).
            guard exchange(staging.path, url.path) else {
                try? manager.removeItem(at: staging)
                throw .failure("\(path): cannot replace the folder: \(String(cString: strerror(errno)))")
            }
            try? manager.removeItem(at: staging)
        } else {
            guard rename(staging.path, url.path) == 0 else {
                try? manager.removeItem(at: staging)
                throw .failure("\(path): cannot create the folder: \(String(cString: strerror(errno)))")
            }
        }
    }

    private static func syncFile(_ path: String) throws {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        _ = fsync(descriptor)
    }

    /// renameat2(…, RENAME_EXCHANGE): both names stay valid at every moment.
    private static func exchange(_ a: String, _ b: String) -> Bool {
        liveline_exchange_paths(a, b) == 0
    }
}
