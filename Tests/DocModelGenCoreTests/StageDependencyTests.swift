import Foundation
import Testing
import TestSupport

/// The core's stage folders depend forward only: a stage uses the stages before it, never one after
/// it. Checked on the source text: no file of a stage names a type declared in a later stage.
@Suite struct StageDependencyTests {
    /// The stages in pipeline order (`Shared` is below all of them).
    static let stages = ["Shared", "Input", "Parsing", "Schema", "Overlay", "Validation", "Binding", "Emitting", "Output", "Pipeline"]

    @Test func noStageNamesATypeOfALaterStage() throws {
        let core = PackageRoot.url.appendingPathComponent("Sources/DocModelGenCore")
        let folders = try FileManager.default.contentsOfDirectory(atPath: core.path).filter { !$0.hasPrefix(".") }.sorted()
        #expect(folders == Self.stages.sorted(), "every folder of the core is a stage listed here")
        var sources: [String: [String]] = [:]
        var declaredIn: [String: String] = [:]
        let declaration = try Regex(#"(?m)^(?:public |private |fileprivate )?(?:indirect )?(?:struct|enum|final class|class|protocol|typealias) (\w+)"#)
        for stage in Self.stages {
            let folder = core.appendingPathComponent(stage)
            let files = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
            for file in files {
                let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                // Comments may name anything.
                let code = text.split(separator: "\n").map { $0.split(separator: "//", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? "" }.joined(separator: "\n")
                sources[stage, default: []].append(code)
                for match in text.matches(of: declaration) {
                    if let name = match.output[1].substring { declaredIn[String(name), default: stage] = stage }
                }
            }
        }
        var backward: [String] = []
        for (index, stage) in Self.stages.enumerated() {
            let later = Set(Self.stages[(index + 1)...])
            for (name, owner) in declaredIn where later.contains(owner) {
                let word = try Regex("\\b\(name)\\b")
                if sources[stage, default: []].contains(where: { $0.contains(word) }) {
                    backward.append("\(stage) uses \(name) of \(owner)")
                }
            }
        }
        #expect(backward.sorted() == [])
    }
}
