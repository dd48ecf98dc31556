// The models themselves are generated at build time from docs/models by DocModelGenBuildPlugin.
@_exported import DocModelRuntime
