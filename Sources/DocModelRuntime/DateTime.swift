import Foundation

/// A date or timestamp as the docs' `[date](…)` and `[datetime](…)` travel: RFC 3339 text
/// (`2024-05-01T12:30:00Z`) or an ISO 8601 calendar date (`2024-05-01`).
///
/// Speakeasy's Python docs write `[date](…)` for `datetime` fields too (unstructured-client's
/// `created_at: datetime` is documented so), so both forms are accepted wherever either is written.
/// The wire text is kept as it was received, so decoding and re-encoding gives back the same
/// bytes; `date` is the instant it names (midnight UTC for a calendar date).
public struct DateTime: RawRepresentable, Codable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    /// The instant the text names.
    public let date: Date

    /// Parses RFC 3339 text (with or without fractional seconds) or `YYYY-MM-DD`; nil otherwise.
    public init?(rawValue: String) {
        guard let date = Self.parse(rawValue) else { return nil }
        self.rawValue = rawValue
        self.date = date
    }

    /// The instant in UTC, written as the Python SDK writes it (`…Z`, fractions only when needed).
    public init(_ date: Date) {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        let whole = date.timeIntervalSince1970.rounded(.down) == date.timeIntervalSince1970
        formatter.formatOptions = whole ? [.withInternetDateTime] : [.withInternetDateTime, .withFractionalSeconds]
        self.rawValue = formatter.string(from: date)
        self.date = date
    }

    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = DateTime(rawValue: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is neither an RFC 3339 date-time nor a YYYY-MM-DD date")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    private static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        // A calendar date: exactly YYYY-MM-DD, and a day that exists.
        guard text.utf8.count == 10 else { return nil }
        formatter.formatOptions = [.withFullDate]
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        guard let date = formatter.date(from: text), formatter.string(from: date) == text else { return nil }
        return date
    }
}
