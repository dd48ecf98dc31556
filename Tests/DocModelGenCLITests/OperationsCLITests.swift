import DocModelGenCore
import Foundation
import TestSupport
import Testing

/// An SDK's `docs/sdks` and `README.md`, found beside its `docs/models`: read into the schema's
/// `api`, reported with located warnings, and without effect on the generated models.
@Suite struct OperationsCLITests {
    static let pet = "# Pet\n\n## Fields\n\n| Field | Type | Required | Description |\n| - | - | - | - |\n| `name` | *str* | :heavy_check_mark: | N/A |\n"
    static let pets = """
        # Pets
        (*pets*)

        ### Available Operations

        * [get](#get) - Get a pet
        * [broken](#broken) - Broken

        ## get

        ### Example Usage

        <!-- UsageSnippet language="python" operationID="getPet" method="get" path="/pets/{id}" -->
        ```python
        res = sdk.pets.get(id="x")
        ```

        ### Parameters

        | Parameter | Type | Required | Description |
        | --- | --- | --- | --- |
        | `id` | *str* | :heavy_check_mark: | N/A |

        ### Response

        **[components.Pet](../../models/components/pet.md)**

        ## broken

        ### Parameters

        | Name | Kind |
        | --- | --- |
        | `id` | *str* |

        """
    static let readme = "# Pets SDK\n\n## Server Selection\n\n| Name | Server | Description |\n| --- | --- | --- |\n| `prod` | `https://api.example.com` | Production |\n\n## Authentication\n\n| Name | Type | Scheme |\n| --- | --- | --- |\n| `api_key` | apiKey | API key |\n"

    static func sdk() throws -> TemporaryFolder {
        let temp = try TemporaryFolder()
        try temp.write(Self.pet, to: "sdk/docs/models/components/pet.md")
        try temp.write(Self.pets, to: "sdk/docs/sdks/pets/README.md")
        try temp.write(Self.readme, to: "sdk/README.md")
        return temp
    }

    @Test func theSchemaHoldsTheOperationsServersAndSecurity() async throws {
        let temp = try Self.sdk()
        let result = try await ProcessRunner.Async.docmodelgen(["schema", "sdk"], in: temp.url)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let api = try #require(json["api"] as? [String: Any])
        let groups = try #require(api["groups"] as? [[String: Any]])
        #expect(groups.map { $0["accessor"] as? [String] } == [["pets"]])
        let operations = try #require(groups.first?["operations"] as? [[String: Any]])
        #expect(operations.map { $0["name"] as? String } == ["get"])
        let usage = try #require(operations.first?["usage"] as? [String: Any])
        #expect(usage["method"] as? String == "get" && usage["path"] as? String == "/pets/{id}")
        let response = try #require(operations.first?["response"] as? [String: Any])
        // Paths are relative to the model pages' root (here `components/`, the only folder).
        #expect((response["reference"] as? [String: Any])?["target"] as? String == "pet.md")
        let overview = try #require(api["overview"] as? [String: Any])
        #expect((overview["servers"] as? [[String: Any]])?.map { $0["url"] as? String } == ["https://api.example.com"])
        #expect((overview["securitySchemes"] as? [[String: Any]])?.map { $0["name"] as? String } == ["api_key"])

        // The operation that cannot be read is left out with a warning at its table.
        let validate = try await ProcessRunner.Async.docmodelgen(["validate", "sdk"], in: temp.url)
        #expect(validate.status == 0)
        #expect(validate.stderr.contains(
            "sdk/docs/sdks/pets/README.md:32:1: warning: operation 'broken' is left out: its Parameters table has no 'Parameter', 'Type' and 'Required' columns (found: Name, Kind)"),
            "\(validate.stderr)")
        // And what generating the client would say: the README's API key names no header.
        #expect(validate.stderr.contains(
            "sdk/README.md:13:3: warning: security scheme 'api_key' (apiKey) is not set by the client: the docs do not say its header or query name; --openapi gives it [operation-not-generated]"),
            "\(validate.stderr)")
    }

    /// The build plugin declares its outputs from the page plan before the tool runs: with a
    /// client, the plan names exactly the files `generate --config` writes, the operations pages are
    /// inputs, and `"client": false` drops both.
    @Test func thePagePlanNamesTheClientsFiles() async throws {
        let temp = try Self.sdk()
        try temp.write(#"{"inputs": ["sdk"], "output": "out"}"#, to: "docmodelgen-config.json")
        let configPath = temp.url.appendingPathComponent("docmodelgen-config.json").path
        let config = try ConfigFile.load(configPath, packageRoot: temp.url.path).get()
        let plan = try PagePlan.make(config).get()
        #expect(plan.allSDKPages.map { ($0 as NSString).lastPathComponent } == ["README.md", "README.md"])
        let run = try await ProcessRunner.Async.docmodelgen(["generate", "--config", "docmodelgen-config.json"], in: temp.url)
        #expect(run.status == 0, "\(run.stderr)")
        let written = try FileManager.default.contentsOfDirectory(atPath: temp.url.appendingPathComponent("out").path).sorted()
        #expect(plan.allSwiftFiles.sorted() == written)
        #expect(written.contains("Client+API.swift") && written.contains("Operations+pets.swift"))

        try temp.write(#"{"inputs": ["sdk"], "output": "out2", "client": false}"#, to: "docmodelgen-config.json")
        let off = try PagePlan.make(try ConfigFile.load(configPath, packageRoot: temp.url.path).get()).get()
        #expect(off.allSDKPages.isEmpty && !off.allSwiftFiles.contains("Client+API.swift"))
        let runOff = try await ProcessRunner.Async.docmodelgen(["generate", "--config", "docmodelgen-config.json"], in: temp.url)
        #expect(runOff.status == 0, "\(runOff.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.url.appendingPathComponent("out2").path).sorted() == off.allSwiftFiles.sorted())
    }

    @Test func theModelsAreTheSameWithOrWithoutTheOperations() async throws {
        let temp = try Self.sdk()
        let with = try await ProcessRunner.Async.docmodelgen(["generate", "sdk", "--output", "with"], in: temp.url)
        #expect(with.status == 0, "\(with.stderr)")
        let noClient = try await ProcessRunner.Async.docmodelgen(["generate", "sdk", "--output", "noclient", "--no-client"], in: temp.url)
        #expect(noClient.status == 0, "\(noClient.stderr)")
        try FileManager.default.removeItem(at: temp.url.appendingPathComponent("sdk/docs/sdks"))
        try FileManager.default.removeItem(at: temp.url.appendingPathComponent("sdk/README.md"))
        let without = try await ProcessRunner.Async.docmodelgen(["generate", "sdk", "--output", "without"], in: temp.url)
        #expect(without.status == 0, "\(without.stderr)")
        // The operations add the client's files and change no model's.
        var withOperations = try TemporaryFolder.snapshot(of: temp.url.appendingPathComponent("with"))
        #expect(withOperations.keys.filter { $0.contains("+") }.sorted() == ["Client+API.swift", "Operations+pets.swift"])
        withOperations = withOperations.filter { !$0.key.contains("+") }
        let modelsOnly = try TemporaryFolder.snapshot(of: temp.url.appendingPathComponent("without"))
        #expect(withOperations == modelsOnly)
        // `--no-client` writes exactly what a tree without operations pages gives.
        #expect(try TemporaryFolder.snapshot(of: temp.url.appendingPathComponent("noclient")) == modelsOnly)
        #expect(try temp.read("without/pet.swift").contains("public struct Pet"))
        let schema = try await ProcessRunner.Async.docmodelgen(["schema", "sdk"], in: temp.url)
        #expect(!schema.stdout.contains("\"api\""))
    }
}
