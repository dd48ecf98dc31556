import Foundation
import TestSupport
import Testing

/// Models that hold other models by value in long chains (model i holds i+1 … i+5) would grow
/// exponentially inline; the generator stores the big ones out of line, so the output compiles
/// in bounded memory. The compile runs under `ulimit -v` so a regression fails instead of taking
/// the machine down.
@Suite struct BoundedCompileTests {
    @Test func aLongByValueChainCompilesUnderTwoGigabytes() async throws {
        let temp = try TemporaryFolder()
        let count = 80
        for index in 0..<count {
            var rows = ["| `id` | *str* | :heavy_check_mark: | N/A |"]
            for next in (index + 1)..<min(index + 6, count) {
                rows.append("| `m\(next)` | [components.M\(next)](../../models/components/m\(next).md) | :heavy_check_mark: | N/A |")
            }
            try temp.write(
                "# M\(index)\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n"
                    + rows.joined(separator: "\n") + "\n",
                to: "docs/models/components/m\(index).md")
        }
        let result = try await ProcessRunner.Async.docmodelgen(["generate", "docs", "--output", "out"], in: temp.url)
        #expect(result.status == 0, "\(result.stderr)")
        let first = try temp.read("out/m0.swift")
        #expect(first.contains("private var _m1Box: DocModelRuntime.Indirect<M1>"), "the heavy fields are boxed")
        #expect(first.contains("public var m1: M1 {"), "behind the same public API")

        let modules = ProcessRunner.modules.path
        let compile = try await ProcessRunner.Async.bash(
            "ulimit -v 2000000; mkdir -p obj && cd obj && timeout 600 swiftc -c -Onone -swift-version 6 -warnings-as-errors -I '\(modules)' -module-name Chain ../out/*.swift",
            in: temp.url)
        #expect(compile.status == 0, "\(compile.stdout.suffix(3000))")
    }
}
