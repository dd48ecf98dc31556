/// Which files of a Python SDK folder (`--python-sdk`) hold its models.
public enum PythonModelFiles {
    /// Of `paths` (relative to the folder the user named), the `.py` modules under a `models`
    /// folder (`models/x.py`, `models/shared/x.py`), or every `.py` module when none is under one
    /// (the user named the models folder itself). Sorted, so the facts' order is stable.
    public static func select(_ paths: [String]) -> [String] {
        let modules = paths.filter { $0.hasSuffix(".py") && !$0.split(separator: "/").contains("__pycache__") }
        let underModels = modules.filter { $0.split(separator: "/").dropLast().contains("models") }
        return (underModels.isEmpty ? modules : underModels).sorted()
    }
}
