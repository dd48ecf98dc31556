import Foundation

/// The JSONPath the Speakeasy SDKs' pagination reads (`$.items`, `$.pagination.max_page`): `$`
/// followed by `.member` steps, evaluated as jsonpath-python's `JSONPath(path).parse(body)` does on
/// such a path: the one value at the path, or none when a step is missing or not an object.
struct JSONPathSubset: Sendable, Hashable {
    /// The member names, in order.
    let members: [String]

    /// Nil for anything but `$` and `.name` steps (brackets, wildcards, filters: no SDK pages
    /// with them, and a wrong guess would page wrongly).
    init?(_ text: String) {
        guard text.hasPrefix("$") else { return nil }
        let rest = text.dropFirst()
        if rest.isEmpty {
            members = []
            return
        }
        guard rest.hasPrefix(".") else { return nil }
        let steps = rest.dropFirst().split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let forbidden = CharacterSet(charactersIn: "[]*?()@$' \"")
        guard steps.allSatisfy({ !$0.isEmpty && $0.rangeOfCharacter(from: forbidden) == nil }) else { return nil }
        members = steps
    }

    /// The value at the path in `root` (a `JSONSerialization` value); nil when there is none.
    /// JSON `null` is `NSNull`, a value that is there.
    func value(in root: Any) -> Any? {
        var current = root
        for member in members {
            guard let object = current as? [String: Any], let next = object[member] else { return nil }
            current = next
        }
        return current
    }
}
