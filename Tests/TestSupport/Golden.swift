import Foundation
import Testing

/// Byte-exact golden files and folders. One switch re-records every golden in the package:
/// `DOCMODELGEN_RECORD=1 swift test`.
public enum Golden {
    /// Whether this run re-records goldens (`DOCMODELGEN_RECORD=1`) instead of comparing with them.
    public static var isRecording: Bool { ProcessInfo.processInfo.environment["DOCMODELGEN_RECORD"] == "1" }

    /// How to re-record, for failure messages.
    public static let recordHint = "re-record with DOCMODELGEN_RECORD=1 swift test"

    /// Checks that `actual` is, byte for byte, the content of `goldenFile`; on a mismatch, records
    /// an issue with a unified diff. When recording, writes `actual` to `goldenFile` instead (only
    /// if it differs, creating folders as needed). Throws only when recording fails.
    public static func assertMatches(
        actual: Data, goldenFile: URL, record: Bool = isRecording, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        if record {
            try writeIfChanged(actual, to: goldenFile)
            return
        }
        guard let expected = try? Data(contentsOf: goldenFile) else {
            Issue.record(Comment(rawValue: "golden file \(goldenFile.path) is missing; \(recordHint)"), sourceLocation: sourceLocation)
            return
        }
        guard expected != actual else { return }
        let name = goldenFile.lastPathComponent
        Issue.record(
            Comment(rawValue: "\(name) differs from the golden file \(goldenFile.path); \(recordHint)\n"
                + difference(expected: expected, actual: actual, expectedName: "expected/\(name)", actualName: "actual/\(name)")),
            sourceLocation: sourceLocation)
    }

    /// `assertMatches(actual:goldenFile:)` for text, compared as its UTF-8 bytes.
    public static func assertMatches(
        actual: String, goldenFile: URL, record: Bool = isRecording, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        try assertMatches(actual: Data(actual.utf8), goldenFile: goldenFile, record: record, sourceLocation: sourceLocation)
    }

    /// Checks that the folder `actual` holds exactly the files of `goldenDirectory`, byte for byte
    /// (folders themselves are not compared); on a mismatch, records an issue that names the missing
    /// and unexpected files and diffs the changed ones. When recording, makes `goldenDirectory` a copy
    /// of `actual` instead: changed and new files written, files `actual` lacks removed.
    public static func assertDirectoryMatches(
        actual: URL, goldenDirectory: URL, record: Bool = isRecording, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let actualFiles = try TemporaryFolder.snapshot(of: actual)
        if record {
            try mirror(actualFiles, into: goldenDirectory)
            return
        }
        let expectedFiles = try TemporaryFolder.snapshot(of: goldenDirectory)
        guard let report = differences(expected: expectedFiles, actual: actualFiles) else { return }
        Issue.record(
            Comment(rawValue: "\(actual.path) differs from the golden folder \(goldenDirectory.path); \(recordHint)\n" + report),
            sourceLocation: sourceLocation)
    }

    /// What differs between two file sets keyed by relative path (as `TemporaryFolder.snapshot`
    /// gives them): missing and unexpected files, then a unified diff of each changed file, cut at
    /// `maxLines` lines in all. Nil when they are equal.
    public static func differences(expected: [String: Data], actual: [String: Data], maxLines: Int = 200) -> String? {
        guard expected != actual else { return nil }
        var lines: [String] = []
        let missing = expected.keys.filter { actual[$0] == nil }.sorted()
        let unexpected = actual.keys.filter { expected[$0] == nil }.sorted()
        let changed = expected.keys.filter { actual[$0] != nil && actual[$0] != expected[$0] }.sorted()
        if !missing.isEmpty { lines.append("missing (\(missing.count)): " + missing.joined(separator: ", ")) }
        if !unexpected.isEmpty { lines.append("unexpected (\(unexpected.count)): " + unexpected.joined(separator: ", ")) }
        if !changed.isEmpty { lines.append("changed (\(changed.count)): " + changed.joined(separator: ", ")) }
        for path in changed {
            let diff = difference(
                expected: expected[path]!, actual: actual[path]!, expectedName: "expected/\(path)", actualName: "actual/\(path)",
                maxLines: maxLines)
            lines += diff.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
            if lines.count > maxLines { break }
        }
        if lines.count > maxLines {
            lines = Array(lines.prefix(maxLines)) + ["… diff cut at \(maxLines) lines"]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The unified diff of two byte strings read as UTF-8, or a note when only their bytes differ.
    static func difference(expected: Data, actual: Data, expectedName: String, actualName: String, maxLines: Int = 200) -> String {
        let diff = UnifiedDiff.make(
            expected: expected.utf8Text, actual: actual.utf8Text, expectedName: expectedName, actualName: actualName,
            maxLines: maxLines)
        if diff.isEmpty {
            return "\(actualName): the bytes differ (\(expected.count) expected, \(actual.count) actual) where the UTF-8 text does not\n"
        }
        return diff
    }

    private static func writeIfChanged(_ data: Data, to file: URL) throws {
        if (try? Data(contentsOf: file)) == data { return }
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
    }

    private static func mirror(_ files: [String: Data], into folder: URL) throws {
        for (path, data) in files {
            try writeIfChanged(data, to: folder.appendingPathComponent(path))
        }
        for path in try TemporaryFolder.snapshot(of: folder).keys where files[path] == nil {
            try FileManager.default.removeItem(at: folder.appendingPathComponent(path))
        }
    }
}
