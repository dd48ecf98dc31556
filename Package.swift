// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "DocModelGen",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "docmodelgen", targets: ["docmodelgen"]),
        .library(name: "DocModelGenCore", targets: ["DocModelGenCore", "DocModelGenMustache", "DocModelGenOpenAPI"]),
        .library(name: "DocModelRuntime", targets: ["DocModelRuntime"]),
        .library(name: "DocModelClientRuntime", targets: ["DocModelClientRuntime"]),
        .library(name: "DocModelURLSessionTransport", targets: ["DocModelURLSessionTransport"]),
        .plugin(name: "DocModelGenBuildPlugin", targets: ["DocModelGenBuildPlugin"]),
        .plugin(name: "DocModelGenCommandPlugin", targets: ["DocModelGenCommandPlugin"]),
    ],
    // YAML costs a third of the tool's clean build (Yams). A package whose build plugin needs no
    // OpenAPI document (a `pythonSDK` overlay, or none) can depend on DocModelGen with `traits: []`.
    traits: [
        .trait(name: "OpenAPI", description: "`--openapi`: read OpenAPI documents (YAML and JSON) with jpsim/Yams."),
        .default(enabledTraits: ["OpenAPI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        // OpenAPI documents (`OpenAPIReader`): YAML and JSON with every node's line and column.
        // 6.x for libyaml's nesting limit (1 000 levels) and duplicate-key errors, which 5.x lacks.
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // Test-only: property-based round-trip tests of the generated reference models.
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        // DocModelClientRuntime: generated clients send through swift-openapi-runtime's ClientTransport/ClientMiddleware.
        .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.13.4"),
        // DocModelClientRuntime: HTTPRequest/HTTPResponse/HTTPFields, the types those transports speak.
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        // Test-only: one end-to-end DocModelClientRuntime test through URLSessionTransport.
        .package(url: "https://github.com/apple/swift-openapi-urlsession", from: "1.4.0"),
    ],
    targets: [
        // libcmark from the system (Debian libcmark-dev, Homebrew cmark): cmark parses every page.
        .systemLibrary(
            name: "CCmark",
            path: "Sources/CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
        ),
        .target(
            name: "DocModelGenCore",
            dependencies: [
                "CCmark",
            ]
        ),
        // OpenAPI documents (`--openapi`): OpenAPIReader over jpsim/Yams, with the package trait
        // OpenAPI. Not a dependency of the core, so the core compiles beside Yams.
        .target(
            name: "DocModelGenOpenAPI",
            dependencies: ["DocModelGenCore", .product(name: "Yams", package: "Yams", condition: .when(traits: ["OpenAPI"]))]
        ),
        // swift-mustache as the core's TemplateEngine, for templates outside the typed subset. Not a
        // dependency of the core, so the core (most of the tool's build) compiles beside it.
        .target(
            name: "DocModelGenMustache",
            dependencies: ["DocModelGenCore", .product(name: "Mustache", package: "swift-mustache")]
        ),
        // The bundled templates: a resource target over the top-level Templates/ folder so the
        // tool finds them beside its binary when it runs from another package's .build.
        .target(
            name: "DocModelTemplates",
            dependencies: ["DocModelGenCore"],
            path: "Templates",
            resources: [
                .copy("model.swift.mustache"), .copy("enum.swift.mustache"), .copy("union.swift.mustache"),
                .copy("skipped.swift.mustache"), .copy("namespace.swift.mustache"), .copy("model.md.mustache"),
                .copy("client.swift.mustache"), .copy("operations.swift.mustache"),
            ]
        ),
        .target(name: "DocModelRuntime"),
        // The runtime of generated API clients: requests built as the Python SDKs build them
        // (Tests/Peers/SDK-FACTS.md, section i), sent through any swift-openapi-runtime transport.
        .target(
            name: "DocModelClientRuntime",
            dependencies: [
                "DocModelRuntime",
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        // A ClientTransport over URLSession that streams response bodies on Linux too, with
        // back-pressure. Its own product: on Linux it links FoundationNetworking (libcurl).
        .target(
            name: "DocModelURLSessionTransport",
            dependencies: [
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        // One C function: swap two folders atomically, so a killed run leaves complete output.
        .target(name: "CFileExchange", path: "Sources/CFileExchange"),
        .executableTarget(
            name: "docmodelgen",
            dependencies: [
                "CFileExchange",
                "DocModelGenCore",
                "DocModelGenMustache",
                .target(name: "DocModelGenOpenAPI", condition: .when(traits: ["OpenAPI"])),
                "DocModelTemplates",
            ]
        ),
        // Plugins for packages that use DocModelGen. Both read docmodelgen-config.json with the
        // tool's own reader: their Shared folders link to Sources/DocModelGenCore/Shared.
        .plugin(
            name: "DocModelGenBuildPlugin",
            capability: .buildTool(),
            dependencies: ["docmodelgen"],
            path: "Sources/DocModelGenBuildPlugin"
        ),
        .plugin(
            name: "DocModelGenCommandPlugin",
            capability: .command(
                intent: .custom(verb: "generate-models", description: "Generate Swift models from the docs named in docmodelgen-config.json"),
                permissions: [.writeToPackageDirectory(reason: "Writes the generated Swift models (and docs pages) into the package")]
            ),
            dependencies: ["docmodelgen"],
            path: "Sources/DocModelGenCommandPlugin"
        ),
        // Reference output: generated from Specs/livepeer-ai (models and client), checked in,
        // compiled on every build.
        .target(
            name: "LivepeerAIModels",
            dependencies: ["DocModelRuntime", "DocModelClientRuntime"],
            exclude: ["Docs"]
        ),
        // The same pages with the OpenAPI overlay and --send-defaults (namespace SendingDefaults):
        // the body the real livepeer-ai SDK sends, part for part.
        .target(
            name: "LivepeerAISendDefaultsModels",
            dependencies: ["DocModelRuntime", "DocModelClientRuntime"],
            exclude: ["Docs"]
        ),
        // Second reference: the whole unstructured-python-client docs tree (Specs/unstructured).
        .target(
            name: "UnstructuredModels",
            dependencies: ["DocModelRuntime"],
            exclude: ["Docs"]
        ),
        // Every construct of the grammar, including those the real trees lack (Specs/grammar).
        .target(
            name: "GrammarFixtureModels",
            dependencies: ["DocModelRuntime", "DocModelClientRuntime"],
            exclude: ["Docs"]
        ),
        .testTarget(
            name: "GeneratedModelsTests",
            dependencies: [
                "GrammarFixtureModels", "UnstructuredModels", "LivepeerAIModels", "DocModelRuntime", "DocModelClientRuntime",
                .product(name: "PropertyBased", package: "swift-property-based"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .testTarget(
            name: "DocModelGenCoreTests",
            dependencies: [
                "DocModelGenCore", "DocModelGenMustache", "DocModelGenOpenAPI", "DocModelTemplates", "TestSupport",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "DocModelRuntimeTests",
            dependencies: ["DocModelRuntime", "TestSupport"]
        ),
        .testTarget(
            name: "DocModelClientRuntimeTests",
            dependencies: [
                "DocModelClientRuntime", "DocModelRuntime", "DocModelURLSessionTransport", "TestSupport",
                .product(name: "OpenAPIURLSession", package: "swift-openapi-urlsession"),
            ]
        ),
        .testTarget(
            name: "LivepeerWireTests",
            dependencies: [
                "LivepeerAIModels", "LivepeerAISendDefaultsModels", "DocModelRuntime", "DocModelClientRuntime",
                "DocModelURLSessionTransport", "TestSupport",
                .product(name: "OpenAPIURLSession", package: "swift-openapi-urlsession"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .testTarget(
            name: "DocModelGenCLITests",
            dependencies: ["docmodelgen", "DocModelGenCore", "LivepeerAIModels", "UnstructuredModels", "GrammarFixtureModels", "DocModelRuntime", "DocModelClientRuntime", "TestSupport"]
        ),
        // The polar JSON peer check: every type of ../shared/corpus/polar-python through the real
        // polar-sdk (Tests/Peers/peer-check --sdk polar); skipped without the corpus or the peers venv.
        .testTarget(
            name: "PolarPeerTests",
            dependencies: ["docmodelgen", "TestSupport"]
        ),
        // The same for ../shared/corpus/airbyte-api-python-sdk through airbyte-api (dataclasses-json):
        // without a wire-name overlay it must fail for the camelCase wire names the docs cannot show.
        .testTarget(
            name: "AirbytePeerTests",
            dependencies: ["docmodelgen", "TestSupport"]
        ),
        // The request-equality peer check: every operation of four shared trees through the real
        // SDK and the generated client against a recording server (Tests/Peers/request-peer-check).
        .testTarget(
            name: "RequestPeerTests",
            dependencies: ["docmodelgen", "TestSupport"]
        ),
        // What the tests share: package root, temporary folders, child processes, goldens (one
        // DOCMODELGEN_RECORD=1 switch, unified diffs), a seeded generator. Foundation and Testing only.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(
            name: "TestSupportTests",
            dependencies: ["TestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
