/// Keeps generated value types small enough to compile: a struct stores the structs it holds
/// inline, so models that hold other models by value in long chains (model i holds i+1 … i+5)
/// grow exponentially and a compiler can exhaust memory laying them out. A field whose model would
/// weigh more than `threshold` inline is stored out of line (`Indirect`), behind the same API; a
/// union whose largest member would is made `indirect`.
enum InlineSizeAnalysis {
    /// How many by-value models a type may hold inline before its fields are boxed.
    static let threshold = 32

    struct Result {
        /// `sourcePath` + "\u{0}" + wire name of each field to store out of line.
        var boxedFields: Set<String> = []
        /// Unions to declare `indirect`.
        var indirectUnions: Set<String> = []

        func isBoxed(_ field: Field, of model: Model) -> Bool {
            boxedFields.contains(model.sourcePath + "\u{0}" + field.wireName)
        }
    }

    static func analyse(_ schema: Schema, recursive: Set<String>) -> Result {
        var result = Result()
        var weights: [String: Int] = [:]
        var visiting: Set<String> = []
        let models = Dictionary(schema.models.map { ($0.sourcePath, $0) }, uniquingKeysWith: { first, _ in first })

        // Iterative post-order, so a long chain of pages cannot overflow the stack.
        for start in schema.models.map(\.sourcePath) where weights[start] == nil {
            var stack: [(path: String, expanded: Bool)] = [(start, false)]
            while let (path, expanded) = stack.popLast() {
                if weights[path] != nil { continue }
                guard let model = models[path] else { continue }
                let targets = RecursionAnalysis.directTargets(of: model)
                if !expanded {
                    visiting.insert(path)
                    stack.append((path, true))
                    for target in targets where weights[target] == nil && !visiting.contains(target) {
                        stack.append((target, false))
                    }
                    continue
                }
                visiting.remove(path)
                // A target still on the path (a cycle) is boxed by the recursion analysis: weight 1.
                func weight(_ target: String) -> Int { weights[target] ?? 1 }
                switch model.kind {
                case .object(let object):
                    var total = 1
                    for field in object.fields {
                        guard let target = RecursionAnalysis.directTarget(of: field.type) else { continue }
                        let cyclic = recursive.contains(path) && recursive.contains(target)
                        if !cyclic, weight(target) > threshold {
                            result.boxedFields.insert(path + "\u{0}" + field.wireName)
                            total += 1
                        } else {
                            total += cyclic ? 1 : weight(target)
                        }
                    }
                    weights[path] = total
                case .union(let union):
                    let largest = union.wireMembers.compactMap { RecursionAnalysis.directTarget(of: $0.type) }.map(weight).max() ?? 0
                    if largest > threshold {
                        result.indirectUnions.insert(path)
                        weights[path] = 1
                    } else {
                        weights[path] = 1 + largest
                    }
                case .enumeration, .skipped:
                    weights[path] = 1
                }
            }
        }
        return result
    }
}
