import DocModelRuntime
import Foundation
import PropertyBased
import Testing
import UnstructuredModels

/// The unstructured reference (a real tree) on the JSON wire.
@Suite struct UnstructuredRoundTripTests {
    @Test func validationErrorsWithLocUnions() throws {
        let json = #"{"detail":[{"loc":["body",0,"files"],"msg":"field required","type":"value_error.missing"}]}"#
        let error = try JSONRoundTrip.decode(HTTPValidationError.self, json)
        #expect(error.detail == .validationErrorList([ValidationError(loc: [.string("body"), .integer(0), .string("files")], msg: "field required", type: "value_error.missing")]))
        try JSONRoundTrip.checkJSON(HTTPValidationError.self, json)
        try JSONRoundTrip.checkJSON(HTTPValidationError.self, #"{"detail":"just text"}"#)
    }

    @Test func everyEnumCaseRoundTrips() throws {
        for status in JobStatus.allCases { try JSONRoundTrip.check(status) }
        for strategy in Strategy.allCases { try JSONRoundTrip.check(strategy) }
        #expect(Strategy.hiRes.rawValue == "hi_res")
    }

    @Test func optionalNullableFieldsOfARealModel() async {
        await propertyCheck(count: 100, input: Gen.int(in: 0...2), Gen.int(in: 0...2), Gen.letterOrNumber.string(of: 1...6)) { id, reprocess, name in
            let states: [OptionalNullable<String>] = [.absent, .null, .value(name)]
            let flags: [OptionalNullable<Bool>] = [.absent, .null, .value(true)]
            let workflow = CreateWorkflow(
                destinationId: states[id], name: name, reprocessAll: flags[reprocess], workflowType: WorkflowType.allCases[id % WorkflowType.allCases.count])
            #expect(throws: Never.self) { try JSONRoundTrip.check(workflow) }
            let json = (try? JSONRoundTrip.json(workflow)) ?? ""
            #expect(json.contains("destination_id") == (id != 0))
            #expect(json.contains(#""reprocess_all":null"#) == (reprocess == 1))
        }
    }
}
