@testable import DocModelGenCore
import Foundation
import TestSupport
import Testing

/// The one-walk page finder: regular `.md` files and `.md` links apart, hidden entries and folder
/// links skipped, sorted.
@Suite struct MarkdownTreeTests {
    @Test func findsPagesAndLinksApartAndSkipsHiddenEntries() throws {
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
}
