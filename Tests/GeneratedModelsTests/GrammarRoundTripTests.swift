import DocModelRuntime
import Foundation
import GrammarFixtureModels
import PropertyBased
import Testing

/// Every construct of the grammar survives JSON encode → decode (`Specs/grammar`).
@Suite struct GrammarRoundTripTests {
    static let minimal = #"{"color":"red","count":1,"created_at":"2024-05-01","kind":"kitchen","name":"n","nickname":null,"version":3}"#

    @Test func requiredOnlyJSONRoundTripsByteForByte() throws {
        // `beta` is an optional constant: it defaults to the constant and is written.
        let sink = try JSONRoundTrip.decode(KitchenSink.self, Self.minimal)
        #expect(sink.beta == nil)
        try JSONRoundTrip.checkJSON(KitchenSink.self, Self.minimal)
        let built = KitchenSink(name: "n", count: 1, nickname: nil, createdAt: DateTime(rawValue: "2024-05-01")!, color: .red)
        #expect(try JSONRoundTrip.json(built) == Self.minimal.replacingOccurrences(of: #"{"color""#, with: #"{"beta":true,"color""#))
    }

    /// `__pydantic_extra__` is the object's other keys, at its top level, as the SDK reads and writes
    /// them (friendli's `MessagesErrorObject`: `{"type":"t","message":"m","foo":{"a":1}}` keeps
    /// `additional_properties == {"foo": {"a": 1}}` and is sent back as it came).
    @Test func additionalPropertiesAreTheOtherKeysAtTheTopLevel() throws {
        let text = #"{"bar":[1,null],"child":{"kind":"extensible","label":null,"type":"inner","zeta":true},"foo":{"a":1},"kind":"extensible","label":"l","note":null,"type":"t"}"#
        let value = try JSONRoundTrip.decode(Extensible.self, text)
        #expect(value.additionalProperties == ["foo": .object(["a": .integer(1)]), "bar": .array([.integer(1), .null])])
        #expect(value.child?.additionalProperties == ["zeta": .bool(true)])
        #expect(value.note == .null && value.count == nil && value.label == "l")
        try JSONRoundTrip.checkJSON(Extensible.self, text)
        // No `__pydantic_extra__` key on the wire, none read from it, and a declared key is the field's.
        var built = Extensible(type: "t", label: nil, additionalProperties: ["type": .string("shadow"), "x": .integer(2)])
        #expect(try JSONRoundTrip.json(built) == #"{"kind":"extensible","label":null,"type":"t","x":2}"#)
        built.additionalProperties = [:]
        #expect(try JSONRoundTrip.json(built) == #"{"kind":"extensible","label":null,"type":"t"}"#)
        // The other fields keep their rules: a required key is required, a constant is checked.
        #expect(throws: DecodingError.self) { try JSONRoundTrip.decode(Extensible.self, #"{"kind":"extensible","label":null}"#) }
        #expect(throws: DecodingError.self) { try JSONRoundTrip.decode(Extensible.self, #"{"kind":"other","label":null,"type":"t"}"#) }
        #expect(throws: DecodingError.self) { try JSONRoundTrip.decode(Extensible.self, #"{"kind":"extensible","type":"t"}"#) }
    }

    @Test func optionalNullableKeepsAbsentNullAndValueApart() throws {
        var sink = try JSONRoundTrip.decode(KitchenSink.self, Self.minimal)
        #expect(sink.note == .absent)
        #expect(!(try JSONRoundTrip.json(sink)).contains("note"))
        sink.note = .null
        #expect(try JSONRoundTrip.json(sink).contains(#""note":null"#))
        #expect(try JSONRoundTrip.decode(KitchenSink.self, JSONRoundTrip.json(sink)).note == .null)
        sink.note = .value("hi")
        #expect(try JSONRoundTrip.decode(KitchenSink.self, JSONRoundTrip.json(sink)).note == .value("hi"))
        sink.shape = .null
        #expect(try JSONRoundTrip.decode(KitchenSink.self, JSONRoundTrip.json(sink)).shape == .null)
    }

    @Test func nullableIsAlwaysWrittenAndMustBePresent() throws {
        #expect(Self.minimal.contains(#""nickname":null"#))
        let missing = Self.minimal.replacingOccurrences(of: #""nickname":null,"#, with: "")
        #expect(throws: DecodingError.self) { try JSONRoundTrip.decode(KitchenSink.self, missing) }
        let named = try JSONRoundTrip.decode(KitchenSink.self, Self.minimal.replacingOccurrences(of: #""nickname":null"#, with: #""nickname":"nick""#))
        #expect(named.nickname == "nick")
    }

    @Test func literalsAreWrittenAndChecked() throws {
        let wrongKind = Self.minimal.replacingOccurrences(of: #""kitchen""#, with: #""bathroom""#)
        #expect(throws: DecodingError.self) { try JSONRoundTrip.decode(KitchenSink.self, wrongKind) }
        let wrongVersion = Self.minimal.replacingOccurrences(of: #""version":3"#, with: #""version":4"#)
        #expect(throws: DecodingError.self) { try JSONRoundTrip.decode(KitchenSink.self, wrongVersion) }
        let sink = try JSONRoundTrip.decode(KitchenSink.self, Self.minimal)
        #expect(sink.kind.value == "kitchen")
        #expect(sink.version.value == 3)
    }

    @Test func closedEnumsRejectAndOpenEnumsKeepUnknownValues() throws {
        #expect(try JSONRoundTrip.decode([Color].self, #"["red","dark-blue",""]"#) == [.red, .darkBlue, .empty])
        #expect(throws: DecodingError.self) { try JSONRoundTrip.decode(Color.self, #""purple""#) }
        #expect(try JSONRoundTrip.decode([Size].self, "[1,2,10]") == [._1, ._2, ._10])
        #expect(Size._10.rawValue == 10)
        let statuses = try JSONRoundTrip.decode([Status].self, #"["active","brand-new"]"#)
        #expect(statuses == [.active, .unrecognized("brand-new")])
        #expect(try JSONRoundTrip.json(statuses) == #"["active","brand-new"]"#)
    }

    @Test func unionsTryMembersInPageOrder() throws {
        // int before str before Color: "red" is a string, not a Color.
        #expect(try JSONRoundTrip.decode([Shape].self, #"[3,"red",[1.5,2]]"#) == [.integer(3), .string("red"), .numberList([1.5, 2])])
        try JSONRoundTrip.checkJSON([Shape].self, #"[3,"red",[1.5,2]]"#)
        #expect(throws: DecodingError.self) { try JSONRoundTrip.decode(Shape.self, "true") }
    }

    @Test func recursiveModelsAndUnions() throws {
        try JSONRoundTrip.checkJSON(TreeNode.self, #"{"children":[{"value":2}],"parent":{"parent":{"value":0},"value":1},"partner":{"name":"p","node":{"value":9}},"value":3}"#)
        let expression = try JSONRoundTrip.decode(Expr.self, #"{"left":1,"right":{"left":2,"right":3}}"#)
        #expect(expression == .pair(Pair(left: .integer(1), right: .pair(Pair(left: .integer(2), right: .integer(3))))))
        try JSONRoundTrip.check(expression)
        var node = TreeNode(value: 1)
        node.parent = TreeNode(value: 0)
        let copy = node
        node.parent?.value = 5
        #expect(copy.parent?.value == 0, "value semantics survive the out-of-line storage")
    }

    @Test func datesKeepTheirWireText() throws {
        for text in ["2024-05-01", "2024-05-01T12:30:00Z", "2024-05-01T12:30:00.123+02:00"] {
            let sink = try JSONRoundTrip.decode(KitchenSink.self, Self.minimal.replacingOccurrences(of: "2024-05-01", with: text))
            #expect(sink.createdAt.rawValue == text)
        }
        #expect(throws: DecodingError.self) {
            try JSONRoundTrip.decode(KitchenSink.self, Self.minimal.replacingOccurrences(of: "2024-05-01", with: "2024-02-30"))
        }
        #expect(DateTime(Date(timeIntervalSince1970: 0)).rawValue == "1970-01-01T00:00:00Z")
    }

    @Test func sameNameInTwoNamespacesGetsTwoTypes() throws {
        let sink = try JSONRoundTrip.decode(
            KitchenSink.self,
            Self.minimal.replacingOccurrences(of: #"{"color""#, with: #"{"component_error":{"code":4},"error":{"message":"m"},"color""#))
        #expect(sink.error == ErrorsError(message: "m"))
        #expect(sink.componentError == ComponentsError(code: 4))
    }

    /// Property-based: random kitchen sinks round-trip.
    @Test func randomKitchenSinksRoundTrip() async {
        let text = Gen.letterOrNumber.string(of: 0...8)
        let strings = zip(text, text.optional(), Gen.int(in: -1000...1000), Gen.int(in: 0...2))
        let numbers = zip(
            Gen<Double>.double(in: -1e6...1e6).optional(), Gen.bool.optional(),
            Gen.int(in: -5...5).array(of: 0...3).array(of: 0...3).optional(), text.array(of: 0...3).optional())
        let choices = zip(Gen<Color>.case, Gen<Size>.case.optional(), Gen.int(in: 0...3), Gen.int(in: 0...2))
        await propertyCheck(count: 200, input: strings, numbers, choices) { strings, numbers, choices in
            let (name, nickname, count, noteState) = strings
            let (ratio, enabled, matrix, tags) = numbers
            let (color, size, shapeChoice, statusChoice) = choices
            let note: OptionalNullable<String> = noteState == 0 ? .absent : noteState == 1 ? .null : .value(name)
            let shapes: [OptionalNullable<Shape>] = [.absent, .null, .value(.integer(count)), .value(.numberList([Double(count) / 4]))]
            let statuses: [Status?] = [nil, .retired, .unrecognized(name + "?")]
            let sink = KitchenSink(
                name: name, count: count, ratio: ratio, enabled: enabled, anyValue: .object(["n": .integer(count), "s": .string(name)]),
                metadata: ["k": .array([.bool(true), .null, .number(0.5)])], tags: tags, matrix: matrix, nickname: nickname,
                note: note, createdAt: DateTime(Date(timeIntervalSince1970: Double(count) * 86_400)), color: color, size: size,
                shape: shapes[shapeChoice], status: statuses[statusChoice],
                tree: TreeNode(value: count, parent: TreeNode(value: 0), children: [TreeNode(value: 1)]),
                expression: .pair(Pair(left: .integer(count), right: .integer(1))))
            #expect(throws: Never.self) { try JSONRoundTrip.check(sink) }
            #expect((try? JSONRoundTrip.json(sink)) != nil)
        }
    }
}
