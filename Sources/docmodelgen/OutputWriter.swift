import CFileExchange
import DocModelGenCore
import Foundation

/// Brings an output folder to exactly a set of generated files: the CLI's output edge.
///
/// Only files carrying the `DO NOT EDIT.` marker are ever replaced or removed; a user's own file
/// in the way is an error, and nothing is written until every check has passed.
struct OutputWriter {
    enum Change: Equatable {
        case create(String)
        case update(String)
        case remove(String)
        case unchanged(String)

        var isChange: Bool {
            if case .unchanged = self { return false }
            return true
        }

        var line: String {
            switch self {
            case .create(let path): return "create \(path)"
            case .update(let path): return "update \(path)"
            case .remove(let path): return "remove \(path)"
            case .unchanged(let path): return "unchanged \(path)"
            }
        }
    }

    var folder: URL
    var files: [GeneratedFile]
    /// The extension of files this writer owns (stale ones are removed).
    var fileExtension: String

    /// What applying would do, or the reasons it must not.
    func plan() -> Result<[Change], PlanError> {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory)
        if exists, !isDirectory.boolValue {
            return .failure(PlanError(message: "\(folder.path): error: output path exists and is not a folder"))
        }
        var changes: [Change] = []
        var problems: [String] = []
        let wanted = Set(files.map(\.path))
        for file in files.sorted(by: { $0.path < $1.path }) {
            guard isContained(file.path) else {
                problems.append("\(file.path): error: refusing to write outside the output folder")
                continue
            }
            let target = folder.appendingPathComponent(file.path, isDirectory: false)
            // A first run into a new folder has nothing to compare with: skip a failing open per file.
            guard exists, let existing = FileManager.default.contents(atPath: target.path) else {
                changes.append(.create(file.path))
                continue
            }
            if existing == Data(file.contents.utf8) {
                changes.append(.unchanged(file.path))
            } else if Self.isGenerated(existing) {
                changes.append(.update(file.path))
            } else {
                problems.append("\(target.path): error: file exists and has no '\(GeneratedFile.doNotEditMarker)' header; it is not overwritten")
            }
        }
        for stale in existingGeneratedFiles() where !wanted.contains(stale) {
            changes.append(.remove(stale))
        }
        return problems.isEmpty ? .success(changes) : .failure(PlanError(message: problems.joined(separator: "\n")))
    }

    /// Applies `changes` atomically for the whole folder: the new output is assembled in a
    /// staging folder beside the target (user files and unchanged files hard-linked in, new files
    /// written), then swapped in with one atomic exchange. A run killed at any moment leaves either
    /// the complete old or the complete new folder; the staging left by a killed run is removed by
    /// the next one.
    func apply(_ changes: [Change]) throws {
        let manager = FileManager.default
        let parent = folder.deletingLastPathComponent()
        try manager.createDirectory(at: parent, withIntermediateDirectories: true)
        removeLeftoverStaging(in: parent)
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
    private func carryOver(from source: URL, to destination: URL, skipping replaced: Set<String>) throws {
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

    private func removeLeftoverStaging(in parent: URL) {
        let prefix = ".\(folder.lastPathComponent)\(Self.stagingMarker)"
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? [] where entry.hasPrefix(prefix) {
            try? FileManager.default.removeItem(at: parent.appendingPathComponent(entry))
        }
    }

    struct PlanError: Error {
        var message: String
    }

    private func isContained(_ path: String) -> Bool {
        !path.hasPrefix("/") && !path.split(separator: "/").contains("..") && !path.isEmpty
    }

    /// Files directly in the output folder with this writer's extension and the generated marker.
    private func existingGeneratedFiles() -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return entries.sorted().filter { entry in
            guard entry.hasSuffix("." + fileExtension),
                  let data = FileManager.default.contents(atPath: folder.appendingPathComponent(entry).path)
            else { return false }
            return Self.isGenerated(data)
        }
    }

    /// Whether a file's first line says it was generated by docmodelgen.
    static func isGenerated(_ data: Data) -> Bool {
        let firstLine = data.prefix(1024).split(separator: UInt8(ascii: "\n"), maxSplits: 1).first ?? Data()
        let text = String(decoding: firstLine, as: UTF8.self)
        return text.contains("Generated by docmodelgen") && text.contains(GeneratedFile.doNotEditMarker)
    }
}
