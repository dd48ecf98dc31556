@testable import DocModelGenCore
@testable import DocModelGenMustache
import Testing

/// `TemplateValue.Members` behaves as a dictionary does, whatever the keys' fingerprints share.
@Suite struct TemplateValueTests {
    @Test func keysWithOneFingerprintStayApart() {
        // Same length and first seven bytes: one fingerprint, two keys.
        var members: TemplateValue.Members = ["declarationA": "a", "declarationB": "b", "é": "e"]
        #expect(TemplateValue.Members.fingerprint("declarationA") == TemplateValue.Members.fingerprint("declarationB"))
        #expect(members["declarationA"] == "a" && members["declarationB"] == "b" && members["é"] == "e")
        #expect(members["declarationC"] == nil && members["declaration"] == nil && members[""] == nil)
        members["declarationA"] = "changed"
        members["declarationB"] = nil
        #expect(members.count == 2 && members["declarationA"] == "changed" && members["declarationB"] == nil)
    }

    @Test func equalityAndHashingIgnoreOrder() {
        let forward: TemplateValue.Members = ["a": "1", "b": .list([true, .object(["c": "2"])])]
        let backward: TemplateValue.Members = ["b": .list([true, .object(["c": "2"])]), "a": "1"]
        #expect(forward == backward && forward.hashValue == backward.hashValue)
        #expect(forward != ["a": "1", "b": .list([true])] && forward != ["a": "1"])
    }

    /// swift-mustache finds members through `MustacheObject` and prints it in member order.
    @Test func swiftMustacheSeesMembersInOrder() throws {
        let value = TemplateValue.object(["z": "x", "a": .list([true, .object([:])])])
        let object = try #require(SwiftMustacheEngine.mustacheValue(value) as? MustacheObject)
        #expect(value.printed == object.description)
        #expect(object.child(named: "z") as? String == "x" && object.child(named: "y") == nil)
        #expect(object.description == #"["z": "x", "a": [true, [:]]]"#)
    }
}
