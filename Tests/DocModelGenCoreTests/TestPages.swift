@testable import DocModelGenCore
import Foundation
import TestSupport

/// Paths and inputs shared by the core tests.
enum TestPages {
    /// The seed pages as bundled in `Specs/livepeer-ai`.
    static let seedFolder = PackageRoot.url.appendingPathComponent("Specs/livepeer-ai/docs/models/components")

    static func seed(_ name: String) throws -> String {
        try String(contentsOf: seedFolder.appendingPathComponent(name), encoding: .utf8)
    }
}

/// `SourceLocation` is also a Swift Testing type; tests say `Location`.
typealias Location = DocModelGenCore.SourceLocation
