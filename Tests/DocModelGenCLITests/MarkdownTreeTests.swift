@testable import DocModelGenCore
import Foundation
import TestSupport
import Testing

/// The one-walk page finder: regular `.md` files and `.md` links apart, hidden entries and folder
/// links skipped, sorted.
@Suite struct MarkdownTreeTests {
    @Test func findsPagesAndLinksApartAndSkipsHiddenEntries() async throws {
        let temp = try TemporaryFolder()
        for path in ["b.md", "a/z.md", "a/deep/y.md", "notes.txt", "a/.hidden.md", ".drafts/x.md", "elsewhere/w.md"] {
            try temp.write("# Page\n", to: path)
        }
        let manager = FileManager.default
        try manager.createSymbolicLink(atPath: temp.url.appendingPathComponent("a/link.md").path, withDestinationPath: "../b.md")
        // A folder link is not followed (it would list elsewhere/w.md a second time, or loop).
        try manager.createSymbolicLink(
            atPath: temp.url.appendingPathComponent("a/loop").path, withDestinationPath: temp.url.appendingPathComponent("elsewhere").path)
        let root = temp.url.resolvingSymlinksInPath().path
        let tree = MarkdownTree(folder: root + "/")
        #expect(tree.files == ["a/deep/y.md", "a/z.md", "b.md", "elsewhere/w.md"].map { root + "/" + $0 })
        #expect(tree.links == [root + "/a/link.md"])
    }

    /// An SDK checkout or its docs folder: only `docs/models` holds model pages; the README, the
    /// licence and the operations pages are not models.
    @Test func anSDKFolderIsReadForItsModelPagesOnly() async throws {
        let temp = try TemporaryFolder()
        for path in ["README.md", "LICENSE.md", "docs/sdks/pets/README.md", "docs/models/components/pet.md", "docs/models/shared/tag.md"] {
            try temp.write("# Page\n", to: path)
        }
        let root = temp.url.resolvingSymlinksInPath().path
        let models = ["components/pet.md", "shared/tag.md"].map { root + "/docs/models/" + $0 }
        #expect(MarkdownTree(folder: root).files == models)
        #expect(MarkdownTree(folder: root + "/docs").files == models)
        #expect(MarkdownTree(folder: root + "/docs/models").files == models)
        // A folder that is neither is walked whole, READMEs and all.
        #expect(MarkdownTree(folder: root + "/docs/sdks").files == [root + "/docs/sdks/pets/README.md"])

        // Generating from the SDK's root writes the models and, from the operations page, the
        // client, with no warning about the other pages.
        let page = "# Pet\n\n## Fields\n\n| Field | Type | Required | Description |\n| - | - | - | - |\n| `name` | *str* | :heavy_check_mark: | N/A |\n"
        try temp.write(page, to: "docs/models/components/pet.md")
        try temp.write(page.replacingOccurrences(of: "# Pet", with: "# Tag"), to: "docs/models/shared/tag.md")
        let result = try await ProcessRunner.Async.docmodelgen(["generate", root, "--output", root + "/out"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("warning:"), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/out").sorted() == [
            "Client+API.swift", "Operations+pets.swift", "components.pet.swift", "shared.tag.swift",
        ])
    }
}
