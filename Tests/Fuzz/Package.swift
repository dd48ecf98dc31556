// swift-tools-version:6.1
// libFuzzer targets for DocModelGen. A separate package, so the `-parse-as-library` flag libFuzzer
// entry points need never reaches plugin users. Run with `Tests/Fuzz/run TARGET SECONDS`.
import PackageDescription

let fuzzerTarget: (String, [Target.Dependency]) -> Target = { name, dependencies in
    .executableTarget(
        name: name,
        dependencies: dependencies,
        // libFuzzer supplies `main`; the entry point is `LLVMFuzzerTestOneInput`.
        swiftSettings: [.unsafeFlags(["-parse-as-library"])]
    )
}

let package = Package(
    name: "DocModelGenFuzz",
    dependencies: [.package(name: "DocModelGen", path: "../..")],
    targets: [
        fuzzerTarget("FuzzPipeline", [.product(name: "DocModelGenCore", package: "DocModelGen")]),
        fuzzerTarget("FuzzTableRow", [.product(name: "DocModelGenCore", package: "DocModelGen")]),
        fuzzerTarget("FuzzMultipart", [.product(name: "DocModelRuntime", package: "DocModelGen")]),
        fuzzerTarget("FuzzPythonModels", [.product(name: "DocModelGenCore", package: "DocModelGen")]),
        fuzzerTarget("FuzzSpecReader", [.product(name: "DocModelGenCore", package: "DocModelGen")]),
        fuzzerTarget("FuzzSSE", [.product(name: "DocModelClientRuntime", package: "DocModelGen")]),
    ],
    swiftLanguageModes: [.v6]
)
