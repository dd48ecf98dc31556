@testable import DocModelClientRuntime
import Foundation
import Testing

/// `PageSequence` and `PaginationRule` against an in-memory list: each stop rule of polar's
/// `next_func` (SDK-FACTS j), what each request sends, laziness, errors and cancellation.
@Suite struct PageSequenceTests {
    struct Page: Decodable, Sendable, Equatable {
        var items: [Int]
    }

    /// The positions requested, in order.
    actor Recorder {
        var positions: [PagePosition] = []
        func record(_ position: PagePosition) { positions.append(position) }
    }

    static let polar = PaginationRule.page(start: nil, limit: nil, defaultLimit: 10, itemsPath: "$.items", maxPagePath: "$.pagination.max_page")

    /// A polar-style list of `count` items (`1…count`): pages of `limit ?? 10`, `max_page` the
    /// number of pages (or `maxPage`).
    static func list(_ count: Int, maxPage: Int? = nil, recorder: Recorder) -> PageSequence<Page>.Fetch {
        { position in
            await recorder.record(position)
            let limit = position.limit ?? 10
            let page = position.page ?? 1
            let items = Array(1...max(count, 1)).dropFirst((page - 1) * limit).prefix(limit).filter { _ in count > 0 }
            let pages = maxPage ?? (count + limit - 1) / limit
            let body = try JSONSerialization.data(withJSONObject: ["items": Array(items), "pagination": ["total_count": count, "max_page": pages]])
            return (Page(items: Array(items)), body)
        }
    }

    static func collect(_ sequence: PageSequence<Page>) async throws -> [[Int]] {
        var pages: [[Int]] = []
        for try await page in sequence { pages.append(page.items) }
        return pages
    }

    // MARK: What is sent

    @Test func theFirstRequestSendsTheCallersArgumentsAndTheNextPagePlusOneAndTheLimit() async throws {
        let recorder = Recorder()
        let pages = try await Self.collect(PageSequence(rule: Self.polar, fetch: Self.list(25, recorder: recorder)))
        #expect(pages.map(\.count) == [10, 10, 5])
        #expect(await recorder.positions == [PagePosition(), PagePosition(page: 2, limit: 10), PagePosition(page: 3, limit: 10)])
    }

    @Test func aCallersPageIsTheStartAndTheDefaultLimitIsSentFromTheSecondRequest() async throws {
        let recorder = Recorder()
        let rule = PaginationRule.page(start: 2, limit: nil, defaultLimit: 10, itemsPath: "$.items", maxPagePath: "$.pagination.max_page")
        let pages = try await Self.collect(PageSequence(rule: rule, fetch: Self.list(35, recorder: recorder)))
        #expect(pages.map(\.first) == [11, 21, 31])
        #expect(await recorder.positions == [PagePosition(page: 2), PagePosition(page: 3, limit: 10), PagePosition(page: 4, limit: 10)])
    }

    @Test func aCallersLimitIsSentWithEveryRequest() async throws {
        let recorder = Recorder()
        let rule = PaginationRule.page(start: nil, limit: 4, defaultLimit: 10, itemsPath: "$.items", maxPagePath: "$.pagination.max_page")
        let pages = try await Self.collect(PageSequence(rule: rule, fetch: Self.list(8, recorder: recorder)))
        #expect(pages == [[1, 2, 3, 4], [5, 6, 7, 8]])
        #expect(await recorder.positions == [PagePosition(limit: 4), PagePosition(page: 2, limit: 4)])
    }

    // MARK: The stop rules

    @Test func theMaxPageStopsWhenItIsNotAboveThePage() async throws {
        let recorder = Recorder()
        // 30 items would be 3 pages; the server says 2.
        let pages = try await Self.collect(PageSequence(rule: Self.polar, fetch: Self.list(30, maxPage: 2, recorder: recorder)))
        #expect(pages.count == 2)
        #expect(await recorder.positions.count == 2)
    }

    @Test func aMultipleOfTheLimitEndsAtTheMaxPageWithoutAnEmptyRequest() async throws {
        let recorder = Recorder()
        #expect(try await Self.collect(PageSequence(rule: Self.polar, fetch: Self.list(20, recorder: recorder))).count == 2)
        #expect(await recorder.positions.count == 2)
    }

    @Test func noItemsIsOnePage() async throws {
        let recorder = Recorder()
        #expect(try await Self.collect(PageSequence(rule: Self.polar, fetch: Self.list(0, recorder: recorder))) == [[]])
    }

    static func next(_ rule: PaginationRule, after position: PagePosition, _ json: String) throws -> PagePosition? {
        try rule.nextPosition(after: position, body: Data(json.utf8))
    }

    static func next(_ json: String) throws -> PagePosition? { try next(polar, after: PagePosition(), json) }
    static func next(after position: PagePosition, _ json: String) throws -> PagePosition? { try next(polar, after: position, json) }
    static func next(_ rule: PaginationRule, _ json: String) throws -> PagePosition? { try next(rule, after: PagePosition(), json) }

    @Test func eachStopRuleOnItsOwn() throws {
        let more = PagePosition(page: 2, limit: 10)
        let ten = "[1,2,3,4,5,6,7,8,9,10]"
        #expect(try Self.next(#"{"items": \#(ten), "pagination": {"max_page": 5}}"#) == more)
        // max_page missing, or not above the page (the caller's page, else 1).
        #expect(try Self.next(#"{"items": \#(ten), "pagination": {}}"#) == nil)
        #expect(try Self.next(#"{"items": \#(ten), "pagination": {"max_page": 1}}"#) == nil)
        #expect(try Self.next(after: PagePosition(page: 3), #"{"items": \#(ten), "pagination": {"max_page": 3}}"#) == nil)
        #expect(try Self.next(after: PagePosition(page: 3), #"{"items": \#(ten), "pagination": {"max_page": 4}}"#) == PagePosition(page: 4, limit: 10))
        // An empty body; items missing or empty; fewer items than the limit.
        #expect(try Self.next("") == nil)
        #expect(try Self.next(#"{"pagination": {"max_page": 5}}"#) == nil)
        #expect(try Self.next(#"{"items": [], "pagination": {"max_page": 5}}"#) == nil)
        #expect(try Self.next(#"{"items": [1,2,3], "pagination": {"max_page": 5}}"#) == nil)
        #expect(try Self.next(after: PagePosition(limit: 3), #"{"items": [1,2,3], "pagination": {"max_page": 5}}"#) == PagePosition(page: 2, limit: 3))
        // Without a default limit the page size does not stop.
        let noDefault = PaginationRule.page(start: nil, limit: nil, defaultLimit: nil, itemsPath: "$.items", maxPagePath: nil)
        #expect(try Self.next(noDefault, #"{"items": [1]}"#) == PagePosition(page: 2))
    }

    @Test func whereTheSDKRaisesThePageSequenceThrows() {
        #expect(throws: PaginationError(path: "$.pagination.max_page", reason: "the page count is not a number")) {
            try Self.next(#"{"items": [1], "pagination": {"max_page": null}}"#)
        }
        #expect(throws: PaginationError(path: "$.items", reason: "the items are not an array")) {
            try Self.next(#"{"items": null, "pagination": {"max_page": 5}}"#)
        }
        #expect(throws: PaginationError(path: "$", reason: "the body is not JSON")) { try Self.next("<html>") }
        let bracketed = PaginationRule.page(start: nil, limit: nil, defaultLimit: 10, itemsPath: "$['items']", maxPagePath: nil)
        #expect(throws: PaginationError.self) { try Self.next(bracketed, #"{"items": [1]}"#) }
    }

    @Test func offsetsAdvanceByTheItemsReceived() throws {
        let rule = PaginationRule.offset(start: nil, limit: nil, defaultLimit: 2, itemsPath: "$.data")
        #expect(rule.firstRequest == PagePosition())
        #expect(try Self.next(rule, #"{"data": [1, 2]}"#) == PagePosition(offset: 2, limit: 2))
        #expect(try Self.next(rule, after: PagePosition(offset: 4, limit: 3), #"{"data": [1, 2, 3]}"#) == PagePosition(offset: 7, limit: 3))
        #expect(try Self.next(rule, #"{"data": [1]}"#) == nil)
        #expect(try Self.next(rule, #"{"data": []}"#) == nil)
    }

    @Test func cursorsAreReadFromTheResponse() throws {
        let rule = PaginationRule.cursor(start: "c0", limit: nil, defaultLimit: nil, itemsPath: "$.data", nextCursorPath: "$.meta.next")
        #expect(rule.firstRequest == PagePosition(cursor: "c0"))
        #expect(try Self.next(rule, #"{"data": [1], "meta": {"next": "c1"}}"#) == PagePosition(cursor: "c1"))
        #expect(try Self.next(rule, #"{"data": [1], "meta": {"next": 42}}"#) == PagePosition(cursor: "42"))
        #expect(try Self.next(rule, #"{"data": [1], "meta": {"next": null}}"#) == nil)
        #expect(try Self.next(rule, #"{"data": [1], "meta": {"next": "  "}}"#) == nil)
        #expect(try Self.next(rule, #"{"data": [1], "meta": {}}"#) == nil)
        #expect(try Self.next(rule, #"{"data": [], "meta": {"next": "c1"}}"#) == nil)
    }

    @Test func theJSONPathSubset() throws {
        let root = try JSONSerialization.jsonObject(with: Data(#"{"a": {"b": [1], "n": null}, "s": "x"}"#.utf8))
        #expect(JSONPathSubset("$.a.b")?.value(in: root) as? [Int] == [1])
        #expect(JSONPathSubset("$.a.n")?.value(in: root) is NSNull)
        #expect(JSONPathSubset("$.a.c")?.value(in: root) == nil)
        #expect(JSONPathSubset("$.s.b")?.value(in: root) == nil)
        #expect(JSONPathSubset("$")?.members == [])
        for unsupported in ["a.b", "$..a", "$.a[0]", "$.*", "$.", "$a", "$['a']"] {
            #expect(JSONPathSubset(unsupported) == nil, "\(unsupported)")
        }
    }

    // MARK: Laziness, errors, cancellation

    @Test func nothingIsFetchedBeforeTheCallerAsksAndEachPageOnlyWhenAsked() async throws {
        let recorder = Recorder()
        let sequence = PageSequence(rule: Self.polar, fetch: Self.list(50, recorder: recorder))
        var iterator = sequence.makeAsyncIterator()
        #expect(await recorder.positions.isEmpty)
        _ = try await iterator.next()
        #expect(await recorder.positions.count == 1)
        _ = try await iterator.next()
        #expect(await recorder.positions.count == 2)
        // Items: the second page is fetched only when the first page's items are used up.
        let items = PageSequence(rule: Self.polar, fetch: Self.list(50, recorder: Recorder())).items(\.items)
        var seen: [Int] = []
        for try await item in items {
            seen.append(item)
            if seen.count == 3 { break }
        }
        #expect(seen == [1, 2, 3])
    }

    @Test func itemsRunAcrossPages() async throws {
        let recorder = Recorder()
        var seen: [Int] = []
        for try await item in PageSequence(rule: Self.polar, fetch: Self.list(23, recorder: recorder)).items({ $0.items }) { seen.append(item) }
        #expect(seen == Array(1...23))
        #expect(await recorder.positions.count == 3)
    }

    struct Failure: Error, Equatable {}

    @Test func aFetchErrorEndsTheSequenceWithThatError() async throws {
        let recorder = Recorder()
        let inner = Self.list(50, recorder: recorder)
        let sequence = PageSequence<Page>(rule: Self.polar) { position in
            if position.page == 2 { throw Failure() }
            return try await inner(position)
        }
        var iterator = sequence.makeAsyncIterator()
        #expect(try await iterator.next()?.items.first == 1)
        await #expect(throws: Failure.self) { _ = try await iterator.next() }
        #expect(try await iterator.next() == nil)
        #expect(await recorder.positions.count == 1)
    }

    @Test func aCancelledTaskFetchesNothing() async throws {
        let recorder = Recorder()
        let sequence = PageSequence(rule: Self.polar, fetch: Self.list(50, recorder: recorder))
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            var iterator = sequence.makeAsyncIterator()
            return try await iterator.next()
        }
        await #expect(throws: CancellationError.self) { _ = try await task.value }
        #expect(await recorder.positions.isEmpty)
    }
}
