import Foundation

/// A small JSON reader that keeps where every value and key starts, so a config error can point at
/// its line and column. Foundation only: the build plugins compile this file too.
struct JSONNode: Sendable {
    /// A 1-based line and column (columns count UTF-8 bytes, as compilers do).
    struct Position: Sendable, Hashable {
        var line: Int
        var column: Int

        /// This position in `file`, for a diagnostic.
        func location(in file: String) -> SourceLocation {
            SourceLocation(file: file, line: line, column: column)
        }
    }

    struct Member: Sendable {
        var key: String
        var keyPosition: Position
        var value: JSONNode
    }

    enum Value: Sendable {
        case object([Member])
        case array([JSONNode])
        case string(String)
        case number(Double)
        case bool(Bool)
        case null
    }

    var value: Value
    var position: Position

    /// What the value is, for "expected X, found Y" messages.
    var kindName: String {
        switch value {
        case .object: return "an object"
        case .array: return "a list"
        case .string: return "a string"
        case .number: return "a number"
        case .bool: return "true or false"
        case .null: return "null"
        }
    }
}

/// A syntax error at a position.
struct JSONSyntaxError: Error, Sendable {
    var message: String
    var position: JSONNode.Position
}

enum JSONReader {
    static func parse(_ text: String) throws(JSONSyntaxError) -> JSONNode {
        var scanner = Scanner(bytes: Array(text.utf8))
        scanner.skipWhitespace()
        let node = try scanner.value(depth: 0)
        scanner.skipWhitespace()
        guard scanner.atEnd else { throw scanner.error("unexpected text after the JSON value") }
        return node
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0
        var line = 1
        var lineStart = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { index >= bytes.count }
        var position: JSONNode.Position { .init(line: line, column: index - lineStart + 1) }

        func error(_ message: String) -> JSONSyntaxError { JSONSyntaxError(message: message, position: position) }

        mutating func skipWhitespace() {
            while !atEnd {
                switch bytes[index] {
                case UInt8(ascii: "\n"):
                    index += 1
                    line += 1
                    lineStart = index
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                    index += 1
                default:
                    return
                }
            }
        }

        mutating func value(depth: Int) throws(JSONSyntaxError) -> JSONNode {
            guard depth < 64 else { throw error("JSON nested too deeply") }
            guard !atEnd else { throw error("expected a value, found the end of the file") }
            let start = position
            switch bytes[index] {
            case UInt8(ascii: "{"): return JSONNode(value: .object(try members(depth: depth)), position: start)
            case UInt8(ascii: "["): return JSONNode(value: .array(try elements(depth: depth)), position: start)
            case UInt8(ascii: "\""): return JSONNode(value: .string(try string()), position: start)
            case UInt8(ascii: "t"): try literal("true"); return JSONNode(value: .bool(true), position: start)
            case UInt8(ascii: "f"): try literal("false"); return JSONNode(value: .bool(false), position: start)
            case UInt8(ascii: "n"): try literal("null"); return JSONNode(value: .null, position: start)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                return JSONNode(value: .number(try number()), position: start)
            default:
                throw error("expected a value")
            }
        }

        mutating func members(depth: Int) throws(JSONSyntaxError) -> [JSONNode.Member] {
            index += 1  // {
            var result: [JSONNode.Member] = []
            var seen = Set<String>()
            skipWhitespace()
            if !atEnd, bytes[index] == UInt8(ascii: "}") { index += 1; return result }
            while true {
                skipWhitespace()
                guard !atEnd, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a key in double quotes") }
                let keyPosition = position
                let key = try string()
                guard seen.insert(key).inserted else {
                    throw JSONSyntaxError(message: "duplicate key '\(key)'", position: keyPosition)
                }
                skipWhitespace()
                guard !atEnd, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':' after the key") }
                index += 1
                skipWhitespace()
                result.append(.init(key: key, keyPosition: keyPosition, value: try value(depth: depth + 1)))
                skipWhitespace()
                guard !atEnd else { throw error("expected ',' or '}', found the end of the file") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "}") { index += 1; return result }
                throw error("expected ',' or '}'")
            }
        }

        mutating func elements(depth: Int) throws(JSONSyntaxError) -> [JSONNode] {
            index += 1  // [
            var result: [JSONNode] = []
            skipWhitespace()
            if !atEnd, bytes[index] == UInt8(ascii: "]") { index += 1; return result }
            while true {
                skipWhitespace()
                result.append(try value(depth: depth + 1))
                skipWhitespace()
                guard !atEnd else { throw error("expected ',' or ']', found the end of the file") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "]") { index += 1; return result }
                throw error("expected ',' or ']'")
            }
        }

        mutating func literal(_ word: String) throws(JSONSyntaxError) {
            let expected = Array(word.utf8)
            guard bytes.count - index >= expected.count, Array(bytes[index..<index + expected.count]) == expected else {
                throw error("expected a value")
            }
            index += expected.count
        }

        mutating func number() throws(JSONSyntaxError) -> Double {
            let start = index
            let startPosition = position
            func digits(_ scanner: inout Scanner) -> Int {
                var count = 0
                while !scanner.atEnd, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(scanner.bytes[scanner.index]) {
                    scanner.index += 1
                    count += 1
                }
                return count
            }
            if bytes[index] == UInt8(ascii: "-") { index += 1 }
            let leadingZero = !atEnd && bytes[index] == UInt8(ascii: "0")
            let integerDigits = digits(&self)
            var valid = integerDigits > 0 && !(leadingZero && integerDigits > 1)
            if valid, !atEnd, bytes[index] == UInt8(ascii: ".") {
                index += 1
                valid = digits(&self) > 0
            }
            if valid, !atEnd, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                index += 1
                if !atEnd, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                valid = digits(&self) > 0
            }
            guard valid, let number = Double(String(decoding: bytes[start..<index], as: UTF8.self)) else {
                throw JSONSyntaxError(message: "malformed number", position: startPosition)
            }
            return number
        }

        mutating func string() throws(JSONSyntaxError) -> String {
            index += 1  // opening quote
            var utf8: [UInt8] = []
            while true {
                guard !atEnd else { throw error("unterminated string") }
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""):
                    index += 1
                    return String(decoding: utf8, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    index += 1
                    guard !atEnd else { throw error("unterminated string") }
                    let escape = bytes[index]
                    index += 1
                    switch escape {
                    case UInt8(ascii: "\""): utf8.append(UInt8(ascii: "\""))
                    case UInt8(ascii: "\\"): utf8.append(UInt8(ascii: "\\"))
                    case UInt8(ascii: "/"): utf8.append(UInt8(ascii: "/"))
                    case UInt8(ascii: "b"): utf8.append(0x08)
                    case UInt8(ascii: "f"): utf8.append(0x0C)
                    case UInt8(ascii: "n"): utf8.append(UInt8(ascii: "\n"))
                    case UInt8(ascii: "r"): utf8.append(UInt8(ascii: "\r"))
                    case UInt8(ascii: "t"): utf8.append(UInt8(ascii: "\t"))
                    case UInt8(ascii: "u"):
                        var scalar = try hex4()
                        if (0xD800..<0xDC00).contains(scalar) {
                            guard bytes.count - index >= 6, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                                throw error("unpaired surrogate in \\u escape")
                            }
                            index += 2
                            let low = try hex4()
                            guard (0xDC00..<0xE000).contains(low) else { throw error("unpaired surrogate in \\u escape") }
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        }
                        guard let unicode = Unicode.Scalar(scalar) else { throw error("invalid \\u escape") }
                        utf8.append(contentsOf: Array(String(Character(unicode)).utf8))
                    default:
                        throw error("invalid escape in string")
                    }
                default:
                    guard byte >= 0x20 else { throw error("control character in string; escape it") }
                    utf8.append(byte)
                    index += 1
                }
            }
        }

        mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
            guard bytes.count - index >= 4,
                  let value = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
            else { throw error("expected four hex digits after \\u") }
            index += 4
            return value
        }
    }
}
