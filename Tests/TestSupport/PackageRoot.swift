import Foundation

/// Where this package's checkout is, found from this file's own path at compile time.
public enum PackageRoot {
    /// The package's root folder, the one that holds `Package.swift`.
    public static let url = URL(fileURLWithPath: #filePath)  // <root>/Tests/TestSupport/PackageRoot.swift
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The shared corpus beside the checkout (`../shared/corpus`); it may be missing.
    public static let sharedCorpus = url.deletingLastPathComponent().appendingPathComponent("shared/corpus")

    /// Whether `sharedCorpus` exists.
    public static var hasSharedCorpus: Bool { FileManager.default.fileExists(atPath: sharedCorpus.path) }
}
