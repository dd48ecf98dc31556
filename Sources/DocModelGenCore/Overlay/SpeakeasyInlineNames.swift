/// The class names Speakeasy gives schemas that have no component key, worked out from the
/// livepeer-ai spec beside its Python SDK's docs (`gateway.openapi.yaml`) and Speakeasy's "Type
/// naming" documentation:
///
/// - **Components keep their key** (`Body_genImageToVideo`); `WireModel.name` is the raw key and
///   the matcher applies the class-name rule (`className`) to compare. Their class names are taken
///   first, so an inline schema never takes a component's name.
/// - **An inline schema's base name** is, in order: its `x-speakeasy-name-override`, its `title`,
///   then its context: the property name (`image` → `Image`; an array's items share the array's
///   context, so `ValidationError.loc: [anyOf…]` → `Loc`), `{OperationId}RequestBody` for a request
///   body, `{OperationId}ResponseBody` for a 2xx response body and `{OperationId}{Status}ResponseBody`
///   for another status, the parameter name for a parameter, and `{Union}{N}` for the N-th
///   (1-based) member of a union.
/// - **The first schema met takes the base name**; a later one that would collide takes its parent's
///   class name as a prefix (`Body_genImageToImage.image` → `Image`, then
///   `Body_genImageToText.image` → `BodyGenImageToTextImage`). Schemas are met in document order:
///   components first, then paths. A name still taken after the prefix gets a number (`…2`): the
///   real generator adds more context there, which this reader cannot know.
/// - **An operation with parameters** gets a `{OperationId}Request` model of its parameters and its
///   body (the field `request_body` for an inline body, the snake_cased schema name otherwise).
/// - The operation's response wrapper (`{OperationId}Response`, with `http_meta`) is an SDK object,
///   not part of the spec, so it has no model here.
///
/// Inline names are produced in the class-name form, so the matcher's normalisation leaves them
/// unchanged. What was not seen in real data (numbered fallbacks, non-2xx and union member names)
/// follows the documented order and is marked so in `WireModel.path` only by its JSON pointer.
package struct SpeakeasyInlineNames: Sendable {
    package init() {}

    private var taken: Set<String> = []
    /// The next number to try per numbered name, so many collisions stay linear.
    private var nextNumber: [String: Int] = [:]

    /// Speakeasy's class-name form: words split at anything not a letter or digit, each word's first
    /// letter upper-cased, the rest kept (`Body_genImageToVideo` → `BodyGenImageToVideo`,
    /// `model_id` → `ModelId`, `benefits:list` → `BenefitsList`).
    package static func className(_ raw: String) -> String {
        var result = ""
        var startOfWord = true
        for character in raw {
            if character.isLetter || character.isNumber {
                result += startOfWord ? character.uppercased() : String(character)
                startOfWord = false
            } else {
                startOfWord = true
            }
        }
        return result.isEmpty ? "Model" : result
    }

    /// The snake_case attribute name of a class name (`UpdateSourceConnector` →
    /// `update_source_connector`), as Speakeasy names an operation request's body field.
    package static func snakeCase(_ className: String) -> String {
        var result = ""
        let characters = Array(className)
        for (index, character) in characters.enumerated() {
            if character.isUppercase, index > 0 {
                let previous = characters[index - 1]
                let nextIsLower = index + 1 < characters.count && characters[index + 1].isLowercase
                if previous.isLowercase || previous.isNumber || (previous.isUppercase && nextIsLower) { result += "_" }
            }
            result += character.lowercased()
        }
        return result
    }

    /// Takes a component's class name up front.
    package mutating func reserve(_ className: String) {
        taken.insert(className)
    }

    /// The name for an inline schema whose base name is `base`, under a parent class `parent`.
    package mutating func claim(base: String, parent: String?) -> String {
        let base = Self.className(base)
        if taken.insert(base).inserted { return base }
        if let parent {
            let prefixed = Self.className(parent) + base
            if taken.insert(prefixed).inserted { return prefixed }
            return number(prefixed)
        }
        return number(base)
    }

    private mutating func number(_ name: String) -> String {
        var counter = nextNumber[name, default: 2]
        while !taken.insert("\(name)\(counter)").inserted { counter += 1 }
        nextNumber[name] = counter + 1
        return "\(name)\(counter)"
    }
}
