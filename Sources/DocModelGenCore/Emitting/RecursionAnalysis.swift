/// Finds models that contain themselves by value (directly or through other models), which Swift
/// value types cannot do without indirection. Edges through lists and dictionaries do not count:
/// those are already stored out of line.
enum RecursionAnalysis {
    /// Root-relative paths of models on a by-value cycle (Tarjan's strongly connected components).
    static func recursiveModels(in schema: Schema) -> Set<String> {
        var edges: [String: [String]] = [:]
        for model in schema.models {
            edges[model.sourcePath] = directTargets(of: model)
        }
        var index = 0
        var indices: [String: Int] = [:]
        var lowLinks: [String: Int] = [:]
        var stack: [String] = []
        var onStack: Set<String> = []
        var result: Set<String> = []

        // Iterative, so a long chain of models cannot overflow the stack.
        for start in schema.models.map(\.sourcePath) where indices[start] == nil {
            var work: [(node: String, next: Int)] = [(start, 0)]
            indices[start] = index
            lowLinks[start] = index
            index += 1
            stack.append(start)
            onStack.insert(start)
            while var frame = work.popLast() {
                let targets = edges[frame.node] ?? []
                if frame.next < targets.count {
                    let target = targets[frame.next]
                    frame.next += 1
                    work.append(frame)
                    if indices[target] == nil {
                        indices[target] = index
                        lowLinks[target] = index
                        index += 1
                        stack.append(target)
                        onStack.insert(target)
                        work.append((target, 0))
                    } else if onStack.contains(target) {
                        lowLinks[frame.node] = min(lowLinks[frame.node]!, indices[target]!)
                    }
                    continue
                }
                if let parent = work.last {
                    lowLinks[parent.node] = min(lowLinks[parent.node]!, lowLinks[frame.node]!)
                }
                if lowLinks[frame.node] == indices[frame.node] {
                    var component: [String] = []
                    while let member = stack.popLast() {
                        onStack.remove(member)
                        component.append(member)
                        if member == frame.node { break }
                    }
                    let selfLoop = (edges[frame.node] ?? []).contains(frame.node)
                    if component.count > 1 || selfLoop { result.formUnion(component) }
                }
            }
        }
        return result
    }

    /// Models `model` holds by value.
    static func directTargets(of model: Model) -> [String] {
        switch model.kind {
        case .object(let object):
            return object.fields.compactMap { directTarget(of: $0.type) }
        case .union(let union):
            return union.wireMembers.compactMap { directTarget(of: $0.type) }
        case .enumeration, .skipped:
            return []
        }
    }

    static func directTarget(of type: TypeExpression) -> String? {
        if case .reference(let reference) = type.unwrappingWrappers { return reference.target }
        return nil
    }
}
