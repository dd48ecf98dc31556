import DocModelRuntime
import Foundation
import Testing

/// A union whose members all decode one value picks the one that keeps the most of it.
@Suite struct UnionFitTests {
    struct Small: Codable, Equatable { var id: String }
    struct Large: Codable, Equatable { var id: String; var seats: Int? }

    enum Either: Codable, Equatable {
        case small(Small)
        case large(Large)

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .small(let value): try container.encode(value)
            case .large(let value): try container.encode(value)
            }
        }
    }

    @Test func theMemberKeepingMostOfTheValueWinsAndTiesGoToTheFirst() {
        let both: [Either] = [.small(Small(id: "a")), .large(Large(id: "a", seats: 3))]
        #expect(UnionFit.best(of: both, for: ["id": "a", "seats": 3]) == .large(Large(id: "a", seats: 3)))
        let tie: [Either] = [.small(Small(id: "a")), .large(Large(id: "a", seats: nil))]
        #expect(UnionFit.best(of: tie, for: ["id": "a"]) == .small(Small(id: "a")))
        #expect(UnionFit.score(Small(id: "a"), for: ["id": "a", "x": 1]) == 1)
        #expect(UnionFit.score(Small(id: "a"), for: ["id": "a"]) == Int.max)
        #expect(UnionFit.score("text", for: 1) == 0)
    }
}
