@testable import DocModelGenCore
import Foundation

/// Paths and inputs shared by the core tests.
enum TestPages {
    /// The package's root folder.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The seed pages as bundled in `Specs/livepeer-ai`.
    static let seedFolder = packageRoot.appendingPathComponent("Specs/livepeer-ai/docs/models/components")

    static func seed(_ name: String) throws -> String {
        try String(contentsOf: seedFolder.appendingPathComponent(name), encoding: .utf8)
    }

    /// The shared corpus beside the checkout, when present.
    static let sharedCorpus = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")
    static var hasSharedCorpus: Bool { FileManager.default.fileExists(atPath: sharedCorpus.path) }
}

/// `SourceLocation` is also a Swift Testing type; tests say `Location`.
typealias Location = DocModelGenCore.SourceLocation
