import Foundation

/// How a generated union chooses when several of its members decode one value: the member that
/// keeps the most of it, as the Python SDKs' pydantic unions do in smart mode (the most fields set
/// wins), ties going to the first member the docs list (what older SDKs always take).
public enum UnionFit {
    /// The candidate that keeps the most of `input`, or the first of equals. `candidates` must not
    /// be empty.
    public static func best<Union: Encodable>(of candidates: [Union], for input: JSONValue) -> Union {
        var best = candidates[0]
        var bestScore = score(best, for: input)
        for candidate in candidates.dropFirst() where bestScore < Int.max {
            let candidateScore = score(candidate, for: input)
            if candidateScore > bestScore {
                best = candidate
                bestScore = candidateScore
            }
        }
        return best
    }

    /// How much of `input` `value` writes back: everything (`Int.max`) when it writes `input`
    /// itself; for an object, how many of its keys it keeps; otherwise nothing.
    public static func score<Value: Encodable>(_ value: Value, for input: JSONValue) -> Int {
        guard let data = try? JSONEncoder().encode(value), let written = try? JSONDecoder().decode(JSONValue.self, from: data)
        else { return 0 }
        if written == input { return Int.max }
        guard case .object(let members) = input, case .object(let writtenMembers) = written else { return 0 }
        return members.keys.reduce(0) { count, key in writtenMembers[key] == nil ? count : count + 1 }
    }
}
