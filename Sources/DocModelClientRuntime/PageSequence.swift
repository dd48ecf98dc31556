import Foundation

/// How an operation's pages follow one another, as the SDK's `next_func` computes them
/// (Tests/Peers/SDK-FACTS.md section j): what the first request sends, when there is no next
/// page, and what the next request sends.
///
/// The stop rules, in the SDK's order, each checked on the raw body of the page just received:
/// 1. `maxPagePath` (page kind): missing, or a number not above the current page → the last page;
/// 2. `nextCursorPath` (cursor kind): missing, `null` or a blank string → the last page;
/// 3. an empty body → the last page;
/// 4. `itemsPath`: missing or an empty array → the last page;
/// 5. fewer items than the limit (the caller's, else `defaultLimit`) → the last page.
///
/// The next request sends the page number plus one (page), the offset plus the items received
/// (offset) or the cursor read (cursor), and the limit: the caller's, else `defaultLimit`, as the
/// SDK's recursive call passes its computed `limit`.
public struct PaginationRule: Sendable, Hashable {
    /// How the next position is computed.
    public enum Kind: String, Sendable, Hashable {
        /// A page number, incremented by one.
        case page
        /// An offset, advanced by the number of items received.
        case offset
        /// A cursor read from the response.
        case cursor
    }

    /// Page numbers, offsets or cursors.
    public var kind: Kind
    /// The caller's page number or offset; nil: the first request sends none.
    public var start: Int?
    /// The caller's cursor (cursor kind); nil: the first request sends none.
    public var startCursor: String?
    /// The caller's page size; nil: the first request sends none.
    public var limit: Int?
    /// The page size the SDK assumes, and sends from the second request on, when the caller gives none.
    public var defaultLimit: Int?
    /// The page number or offset the SDK assumes when the caller gives none (`1`, `0`).
    public var firstPosition: Int
    /// JSONPath (`$.a.b`) of the items in the body.
    public var itemsPath: String?
    /// JSONPath of the number of pages (page kind).
    public var maxPagePath: String?
    /// JSONPath of the next cursor (cursor kind).
    public var nextCursorPath: String?

    /// Page numbers: `page` is the caller's (nil: not sent), the SDK's `page = request.page or firstPage`.
    public static func page(
        start: Int?, limit: Int?, defaultLimit: Int?, itemsPath: String?, maxPagePath: String?, firstPage: Int = 1
    ) -> PaginationRule {
        PaginationRule(kind: .page, start: start, limit: limit, defaultLimit: defaultLimit, firstPosition: firstPage,
                       itemsPath: itemsPath, maxPagePath: maxPagePath)
    }

    /// Offsets advanced by the items received.
    public static func offset(start: Int?, limit: Int?, defaultLimit: Int?, itemsPath: String?, firstOffset: Int = 0) -> PaginationRule {
        PaginationRule(kind: .offset, start: start, limit: limit, defaultLimit: defaultLimit, firstPosition: firstOffset, itemsPath: itemsPath)
    }

    /// Cursors read from each response at `nextCursorPath`.
    public static func cursor(start: String?, limit: Int?, defaultLimit: Int?, itemsPath: String?, nextCursorPath: String) -> PaginationRule {
        PaginationRule(kind: .cursor, startCursor: start, limit: limit, defaultLimit: defaultLimit, firstPosition: 0,
                       itemsPath: itemsPath, nextCursorPath: nextCursorPath)
    }

    private init(kind: Kind, start: Int? = nil, startCursor: String? = nil, limit: Int?, defaultLimit: Int?, firstPosition: Int,
                 itemsPath: String?, maxPagePath: String? = nil, nextCursorPath: String? = nil) {
        self.kind = kind
        self.start = start
        self.startCursor = startCursor
        self.limit = limit
        self.defaultLimit = defaultLimit
        self.firstPosition = firstPosition
        self.itemsPath = itemsPath
        self.maxPagePath = maxPagePath
        self.nextCursorPath = nextCursorPath
    }

    /// What the first request sends: exactly the caller's arguments.
    public var firstRequest: PagePosition {
        switch kind {
        case .page: PagePosition(page: start, limit: limit)
        case .offset: PagePosition(offset: start, limit: limit)
        case .cursor: PagePosition(cursor: startCursor, limit: limit)
        }
    }

    /// What the request after the one that sent `position` and received `body` sends; nil when
    /// that was the last page.
    ///
    /// Throws ``PaginationError`` where the SDK's `next_func` raises: a body that is not JSON, a
    /// page count that is not a number, items that are not an array, a path outside `$.a.b`.
    public func nextPosition(after position: PagePosition, body: Data) throws -> PagePosition? {
        if body.isEmpty { return nil }  // `if not http_res.text` (checked after the page count; an empty body has none)
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed])
        } catch {
            throw PaginationError(path: "$", reason: "the body is not JSON")
        }
        var nextCursor: String?
        switch kind {
        case .page:
            if let maxPagePath {
                guard let value = try Self.path(maxPagePath).value(in: root) else { return nil }
                guard let maxPage = Self.number(value) else { throw PaginationError(path: maxPagePath, reason: "the page count is not a number") }
                if maxPage <= Double(position.page ?? firstPosition) { return nil }
            }
        case .cursor:
            if let nextCursorPath {
                guard let value = try Self.path(nextCursorPath).value(in: root), !(value is NSNull) else { return nil }
                // `str(next_cursor).strip() == ""`: a number cursor is sent as its text.
                let text = Self.number(value).map { Self.pythonText($0) } ?? (value as? String) ?? "\(value)"
                if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return nil }
                nextCursor = text
            }
        case .offset:
            break
        }
        var count = 0
        if let itemsPath {
            guard let value = try Self.path(itemsPath).value(in: root) else { return nil }
            guard let items = value as? [Any] else { throw PaginationError(path: itemsPath, reason: "the items are not an array") }
            if items.isEmpty { return nil }
            count = items.count
        }
        let limit = position.limit ?? defaultLimit
        if itemsPath != nil, let limit, count < limit { return nil }
        switch kind {
        case .page: return PagePosition(page: (position.page ?? firstPosition) + 1, limit: limit)
        case .offset: return PagePosition(offset: (position.offset ?? firstPosition) + count, limit: limit)
        case .cursor: return nextCursor.map { PagePosition(cursor: $0, limit: limit) }
        }
    }

    private static func path(_ text: String) throws -> JSONPathSubset {
        guard let path = JSONPathSubset(text) else { throw PaginationError(path: text, reason: "the path is not one of `$.a.b` steps") }
        return path
    }

    /// JSON numbers (booleans are numbers to Python too: `True <= 1`).
    private static func number(_ value: Any) -> Double? {
        guard let number = value as? NSNumber, !(value is String) else { return nil }
        return number.doubleValue
    }

    private static func pythonText(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}

/// What one page request sends for the pagination arguments; nil members are not sent.
public struct PagePosition: Sendable, Hashable {
    /// The page number (page kind).
    public var page: Int?
    /// The offset (offset kind).
    public var offset: Int?
    /// The cursor (cursor kind).
    public var cursor: String?
    /// The page size.
    public var limit: Int?

    /// A position from its parts.
    public init(page: Int? = nil, offset: Int? = nil, cursor: String? = nil, limit: Int? = nil) {
        self.page = page
        self.offset = offset
        self.cursor = cursor
        self.limit = limit
    }
}

/// A page's body did not say what ``PaginationRule`` reads (where the SDK's `next_func` raises).
public struct PaginationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The JSONPath read.
    public var path: String
    /// What was wrong with the value there.
    public var reason: String

    /// `pagination: <path>: <reason>`.
    public var description: String { "pagination: \(path): \(reason)" }
}

/// The pages of a paged operation, fetched one at a time: the first when iteration starts, each
/// next one only when the caller asks for it, until ``PaginationRule`` finds the last (the SDK's
/// `while res is not None: … res = res.next()`).
///
/// An error thrown by `fetch` (or ``PaginationError``) ends the iteration with that error; a
/// cancelled task fetches nothing more (`CancellationError`).
///
/// ```swift
/// for try await page in client.benefits.listPages(limit: 50) { … }
/// for try await benefit in client.benefits.listPages().items(\.items) { … }
/// ```
public struct PageSequence<Page: Sendable>: AsyncSequence, Sendable {
    /// One decoded page.
    public typealias Element = Page
    /// Sends one request with the position's arguments: the decoded page and the raw body the
    /// rule reads.
    public typealias Fetch = @Sendable (PagePosition) async throws -> (page: Page, body: Data)

    /// What the requests send and when the pages end.
    public let rule: PaginationRule
    private let fetch: Fetch

    /// The pages `fetch` returns, starting at `rule.firstRequest`.
    public init(rule: PaginationRule, fetch: @escaping Fetch) {
        self.rule = rule
        self.fetch = fetch
    }

    /// A fresh iteration: it fetches the first page again.
    public func makeAsyncIterator() -> Iterator {
        Iterator(rule: rule, fetch: fetch)
    }

    /// The items of every page, in order (`\.items`, or any closure).
    public func items<Item>(_ items: @escaping @Sendable (Page) -> [Item]) -> PageItems<Page, Item> {
        PageItems(pages: self, items: items)
    }

    /// Fetches the next page when asked.
    public struct Iterator: AsyncIteratorProtocol {
        private enum State {
            case first
            /// The position sent and the body received: the next position is computed only when
            /// asked, so a rule error surfaces where the SDK's `next()` raises it.
            case after(PagePosition, Data)
            case finished
        }

        private let rule: PaginationRule
        private let fetch: Fetch
        private var state = State.first

        init(rule: PaginationRule, fetch: @escaping Fetch) {
            self.rule = rule
            self.fetch = fetch
        }

        /// The next page; nil after the last. Throws the fetch's error (or ``PaginationError``,
        /// `CancellationError`), after which it returns nil.
        public mutating func next() async throws -> Page? {
            let position: PagePosition
            switch state {
            case .finished:
                return nil
            case .first:
                position = rule.firstRequest
            case .after(let sent, let body):
                state = .finished
                guard let next = try rule.nextPosition(after: sent, body: body) else { return nil }
                position = next
            }
            state = .finished
            try Task.checkCancellation()
            let (page, body) = try await fetch(position)
            state = .after(position, body)
            return page
        }
    }
}

/// The items of every page of a ``PageSequence``, in order; pages are fetched as the items are asked for.
public struct PageItems<Page: Sendable, Item>: AsyncSequence, Sendable {
    /// One item of a page.
    public typealias Element = Item

    let pages: PageSequence<Page>
    let items: @Sendable (Page) -> [Item]

    /// A fresh iteration from the first page.
    public func makeAsyncIterator() -> Iterator {
        Iterator(pages: pages.makeAsyncIterator(), items: items)
    }

    /// Yields a page's items, then fetches the next page.
    public struct Iterator: AsyncIteratorProtocol {
        var pages: PageSequence<Page>.Iterator
        let items: @Sendable (Page) -> [Item]
        var buffer: [Item] = []
        var index = 0

        /// The next item; nil after the last page's. Throws what the pages throw.
        public mutating func next() async throws -> Item? {
            // A page without items (the last one may be empty) is passed over.
            while index == buffer.count {
                guard let page = try await pages.next() else { return nil }
                buffer = items(page)
                index = 0
            }
            defer { index += 1 }
            return buffer[index]
        }
    }
}
