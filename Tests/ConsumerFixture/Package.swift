// swift-tools-version:6.1
// A package that uses DocModelGen as a user would: the LivepeerModels target keeps a docs tree and a
// docmodelgen-config.json, and the build plugin turns the pages into Swift models at build time.
// Built by Tests/ConsumerFixture/check (run from .ci/run) in a copy two folders below the repo root.
import PackageDescription

let package = Package(
    name: "ConsumerFixture",
    platforms: [.macOS(.v13)],
    dependencies: [
        // No OpenAPI overlay here, so no YAML: the plugin's tool builds without Yams (the trait
        // OpenAPI is off), as the README suggests for such packages.
        .package(name: "DocModelGen", path: "../..", traits: []),
    ],
    targets: [
        .target(
            name: "LivepeerModels",
            // The docs folder has operations pages (docs/sdks), so the plugin generates the client too.
            dependencies: [
                .product(name: "DocModelRuntime", package: "DocModelGen"),
                .product(name: "DocModelClientRuntime", package: "DocModelGen"),
            ],
            plugins: [.plugin(name: "DocModelGenBuildPlugin", package: "DocModelGen")]
        ),
        .executableTarget(name: "fixture-app", dependencies: ["LivepeerModels"]),
    ],
    swiftLanguageModes: [.v6]
)
