/// Which files of a Python SDK folder (`--python-sdk`) hold its models, and which its operations.
public enum PythonModelFiles {
    /// Of `paths` (relative to the folder the user named), the `.py` modules under a `models`
    /// folder (`models/x.py`, `models/shared/x.py`), or every `.py` module when none is under one
    /// (the user named the models folder itself). Sorted, so the facts' order is stable.
    public static func select(_ paths: [String]) -> [String] {
        let modules = paths.filter { $0.hasSuffix(".py") && !$0.split(separator: "/").contains("__pycache__") }
        let underModels = modules.filter { $0.split(separator: "/").dropLast().contains("models") }
        return (underModels.isEmpty ? modules : underModels).sorted()
    }

    /// Folders of a Speakeasy package that hold no operation code: the models, the runtime
    /// helpers, the hooks and the typing helpers.
    static let nonOperationFolders: Set<Substring> = ["models", "utils", "_hooks", "types", "__pycache__"]

    /// Of `paths`, the `.py` modules that may define the SDK's operation groups
    /// (`polar_sdk/checkouts.py`, `airbyte/jobs.py`, `friendli/core/endpoint.py`) and the
    /// classes that reach them (`sdk.py`): every module outside a `models`, `utils`, `_hooks`,
    /// `types` or `__pycache__` folder, and the retry loop `utils/retries.py`. Chosen by path alone, so the build plugin can declare
    /// them without opening a file. Empty when no module is under a `models` folder: the user
    /// named the models folder itself, which holds no operations. Sorted.
    public static func selectOperations(_ paths: [String]) -> [String] {
        let modules = paths.filter { $0.hasSuffix(".py") }
        guard modules.contains(where: { $0.split(separator: "/").dropLast().contains("models") }) else { return [] }
        return modules.filter { path in
            isRetryModule(path) || !path.split(separator: "/").dropLast().contains(where: nonOperationFolders.contains)
        }.sorted()
    }

    /// The SDK's retry loop (`utils/retries.py`), read for the connection errors it retries.
    public static func isRetryModule(_ path: String) -> Bool {
        path == "utils/retries.py" || path.hasSuffix("/utils/retries.py")
    }
}
