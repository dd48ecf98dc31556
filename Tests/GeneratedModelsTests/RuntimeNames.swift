import DocModelRuntime

// `GrammarFixtureModels` has pages named like the runtime's types (`Specs/grammar/docs/models/names`),
// so a file importing both modules must say which it means, as a user's code would. These
// module-wide aliases make the runtime's the default in these tests.
typealias ByteString = DocModelRuntime.ByteString
typealias DateTime = DocModelRuntime.DateTime
typealias DecimalString = DocModelRuntime.DecimalString
typealias Indirect = DocModelRuntime.Indirect
typealias JSONNull = DocModelRuntime.JSONNull
typealias JSONValue = DocModelRuntime.JSONValue
typealias Literal = DocModelRuntime.Literal
typealias LiteralValue = DocModelRuntime.LiteralValue
typealias MultipartFormEncodable = DocModelRuntime.MultipartFormEncodable
typealias MultipartPart = DocModelRuntime.MultipartPart
typealias Nullable = DocModelRuntime.Nullable
typealias OneOf2 = DocModelRuntime.OneOf2
typealias OneOf3 = DocModelRuntime.OneOf3
typealias OptionalNullable = DocModelRuntime.OptionalNullable
typealias StringEncoded = DocModelRuntime.StringEncoded
typealias UnionFit = DocModelRuntime.UnionFit
