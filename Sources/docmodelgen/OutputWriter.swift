import CFileExchange
import DocModelGenCore
import Foundation

/// The tool's writing edge: what an output folder holds now (for `OutputPlan`), and applying a plan
/// atomically. Which files may be written, replaced or removed is `OutputPlan`'s decision.
enum OutputWriter {
    typealias Change = OutputPlan.Change

    /// The folder's kind, and the bytes of the files a plan needs to see: those the run would write
    /// and those directly in the folder with the output extension.
    static func state(of folder: URL, wanting paths: [String], fileExtension: String) -> OutputFolderState {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) else {
            return OutputFolderState(folder: folder.relativePath, kind: .missing)
        }
        guard isDirectory.boolValue else { return OutputFolderState(folder: folder.relativePath, kind: .notAFolder) }
        let entries = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix("." + fileExtension) }
        var contents: [String: [UInt8]] = [:]
        for path in Set(paths + entries) {
            let file = folder.appendingPathComponent(path, isDirectory: false)
            if let data = FileManager.default.contents(atPath: file.path) { contents[path] = [UInt8](data) }
        }
        return OutputFolderState(folder: folder.relativePath, kind: .folder, contents: contents)
    }

    /// Applies `changes` atomically for the whole folder: the new output is assembled in a
    /// staging folder beside the target (user files and unchanged files hard-linked in, new files
    /// written), then swapped in with one atomic exchange. A run killed at any moment leaves either
    /// the complete old or the complete new folder; the staging left by a killed run is removed by
    /// the next one.
    static func apply(_ plan: OutputPlan) throws {
        let folder = URL(fileURLWithPath: plan.folder)
        let changes = plan.changes
        let files = plan.files
        let manager = FileManager.default
        let parent = folder.deletingLastPathComponent()
        try manager.createDirectory(at: parent, withIntermediateDirectories: true)
        removeLeftoverStaging(of: folder, in: parent)
        guard changes.contains(where: \.isChange) else { return }

        let staging = parent.appendingPathComponent(".\(folder.lastPathComponent)\(Self.stagingMarker)\(UUID().uuidString)")
        try manager.createDirectory(at: staging, withIntermediateDirectories: false)
        do {
            let replaced = Set(changes.compactMap { change -> String? in
                switch change {
                case .create(let path), .update(let path), .remove(let path): return path
                case .unchanged: return nil
                }
            })
            if manager.fileExists(atPath: folder.path) {
                try carryOver(from: folder, to: staging, skipping: replaced)
            }
            let contents = Dictionary(files.map { ($0.path, $0.contents) }, uniquingKeysWith: { first, _ in first })
            var createdFolders: Set<String> = [staging.path]
            var writes: [(file: URL, text: String)] = []
            for change in changes {
                switch change {
                case .create(let path), .update(let path):
                    // `isDirectory: false`: without it, appending costs a stat of the (new) file.
                    let file = staging.appendingPathComponent(path, isDirectory: false)
                    let parent = file.deletingLastPathComponent()
                    if createdFolders.insert(parent.path).inserted {
                        try manager.createDirectory(at: parent, withIntermediateDirectories: true)
                    }
                    writes.append((file, contents[path] ?? ""))
                case .remove, .unchanged:
                    break
                }
            }
            // Independent files into a private folder: written in parallel.
            let failures = writes.parallelMap { write in
                Result { try Self.write(write.text, to: write.file) }
            }
            for case .failure(let error) in failures { throw error }
            if manager.fileExists(atPath: folder.path) {
                guard docmodelgen_exchange_paths(staging.path, folder.path) == 0 else {
                    throw CocoaError(.fileWriteUnknown, userInfo: [
                        NSFilePathErrorKey: folder.path,
                        NSLocalizedDescriptionKey: "cannot swap in the new output: \(String(cString: strerror(errno)))",
                    ])
                }
                // `staging` now holds the old output.
                try? manager.removeItem(at: staging)
            } else {
                try manager.moveItem(at: staging, to: folder)
            }
        } catch {
            try? manager.removeItem(at: staging)
            throw error
        }
    }

    /// Names staging folders so a later run can recognise and remove them.
    static let stagingMarker = ".docmodelgen-staging-"

    /// Plain POSIX writes: the whole folder is swapped in atomically afterwards, so a per-file
    /// `fsync` (what `Data.write` does here) would only cost time.
    private static func write(_ text: String, to file: URL) throws {
        let descriptor = open(file.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Self.posixError(file) }
        defer { close(descriptor) }
        var text = text
        try text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { throw Self.posixError(file) }
                offset += written
            }
        }
    }

    private static func posixError(_ file: URL) -> Error {
        CocoaError(.fileWriteUnknown, userInfo: [
            NSFilePathErrorKey: file.path, NSLocalizedDescriptionKey: "\(file.path): \(String(cString: strerror(errno)))",
        ])
    }

    /// Links (or copies) every file of the current output that is kept into the staging folder.
    private static func carryOver(from source: URL, to destination: URL, skipping replaced: Set<String>) throws {
        let manager = FileManager.default
        let base = source.standardizedFileURL.path
        guard let enumerator = manager.enumerator(at: source, includingPropertiesForKeys: [.isDirectoryKey]) else { return }
        for case let url as URL in enumerator {
            let relative = String(url.standardizedFileURL.path.dropFirst(base.count + 1))
            let target = destination.appendingPathComponent(relative)
            if (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true {
                try manager.createDirectory(at: target, withIntermediateDirectories: true)
            } else if !replaced.contains(relative) {
                try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                do {
                    try manager.linkItem(at: url, to: target)
                } catch {
                    try manager.copyItem(at: url, to: target)
                }
            }
        }
    }

    private static func removeLeftoverStaging(of folder: URL, in parent: URL) {
        let prefix = ".\(folder.lastPathComponent)\(Self.stagingMarker)"
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? [] where entry.hasPrefix(prefix) {
            try? FileManager.default.removeItem(at: parent.appendingPathComponent(entry))
        }
    }
}
