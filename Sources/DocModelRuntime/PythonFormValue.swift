import Foundation

/// A value sent as a multipart form field, spelled the way the Python SDK spells it.
///
/// The SDK (`livepeer_ai/utils/values.py`, `_val_to_string`) sends `str(val).lower()` for a
/// `bool` (`true`/`false`) and `str(val)` for everything else, so numbers follow Python's `str`.
public protocol PythonFormValueConvertible {
    /// The form field text.
    var pythonFormValue: String { get }
}

extension String: PythonFormValueConvertible {
    /// The string itself.
    public var pythonFormValue: String { self }
}

extension Bool: PythonFormValueConvertible {
    /// `true` or `false`, as the SDK sends booleans (`str(val).lower()`), not Python's `True`.
    public var pythonFormValue: String { self ? "true" : "false" }
}

extension Int: PythonFormValueConvertible {
    /// The decimal digits, as Python's `str(int)`.
    public var pythonFormValue: String { String(self) }
}

extension Int64: PythonFormValueConvertible {
    /// The decimal digits, as Python's `str(int)`.
    public var pythonFormValue: String { String(self) }
}

extension Int32: PythonFormValueConvertible {
    /// The decimal digits, as Python's `str(int)`.
    public var pythonFormValue: String { String(self) }
}

extension Double: PythonFormValueConvertible {
    /// The value as Python's `str(float)` prints it (see ``PythonFloatFormat/string(_:)``).
    public var pythonFormValue: String { PythonFloatFormat.string(self) }
}
