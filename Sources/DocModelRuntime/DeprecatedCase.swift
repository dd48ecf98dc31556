/// Generated code's way to name a case of a deprecated enum without a deprecation warning.
///
/// A model's `Defaults` may hold a case of an enum the docs deprecate. Naming the case
/// (`Color.red`) would warn in the user's build although the user's code names nothing deprecated;
/// constructing it through `RawRepresentable`, a protocol requirement, does not.
public enum DeprecatedCase {
    /// The case of `Value` whose raw value is `rawValue`. The generator only writes raw values the
    /// enum lists, so a miss is a bug in the generator, not in the user's data.
    public static func named<Value: RawRepresentable>(rawValue: Value.RawValue) -> Value {
        guard let value = Value(rawValue: rawValue) else {
            preconditionFailure("DocModelRuntime.DeprecatedCase: \(Value.self) has no case \(rawValue)")
        }
        return value
    }
}
