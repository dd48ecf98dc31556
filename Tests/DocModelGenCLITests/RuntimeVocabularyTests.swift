import DocModelClientRuntime
import DocModelGenCore
import Testing

/// Names the generator writes into client code by a schema value's raw text, checked against the
/// runtime they must name (a mismatch would be generated code that does not compile).
@Suite struct RuntimeVocabularyTests {
    /// `apiRequest.retriedConnectionErrors = .<WireConnectionErrors.rawValue>`.
    @Test func everyConnectionErrorKindIsARuntimeCase() {
        #expect(WireConnectionErrors.allCases.map(\.rawValue) == RetriedConnectionErrors.allCases.map { String(describing: $0) })
    }
}
