import DocModelGenCore

/// What the OpenAPI reader checks on a file's bytes before YAML sees them, and how it turns
/// libyaml's positions into the project's (1-based line, byte column).
enum OpenAPITextChecks {
    /// Bytes that can start an anchor or alias name, or end one: libyaml takes `[0-9A-Za-z_-]`;
    /// this is a superset (anything but blanks and flow indicators), so the check never misses one.
    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"),
             UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"):
            return false
        default:
            return true
        }
    }

    /// Whether a YAML token may start after this byte (nil: start of the text).
    private static func isTokenBoundary(_ byte: UInt8?) -> Bool {
        guard let byte else { return true }
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"),
             UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ":"):
            return true
        default:
            return false
        }
    }

    /// The byte offset of a construct that could make Yams hash an alias-expanded key, or nil.
    ///
    /// Why: Yams shares an alias's node with its anchor, so a "billion laughs" document costs
    /// little memory, and the reader's walk has a budget; but Yams checks every mapping for
    /// duplicate keys by hashing the keys in full, so a key holding an alias of an exponentially
    /// large node would hang the parse before the reader sees a node. Keys in OpenAPI are plain
    /// strings, so the check is a conservative scan of the text: a document with an anchor-like
    /// token (`&name`) is refused when an alias-like token stands before a `:` (`*name:`) or a
    /// complex key appears (`? `, or a flow collection closed right before `:`). Quotes and
    /// comments are not skipped: that only adds false alarms, never misses one.
    ///
    /// A bracket counts only where libyaml would open a flow collection: at a token boundary, or
    /// anywhere inside one (there every bracket is an indicator). Elsewhere it is a character of a
    /// plain scalar (`url: http://{hostname}:{port}`, a path key `/users/{id}:`), and so is the
    /// bracket that closes it on that line. Inside a flow collection a bracket off a token
    /// boundary is a libyaml error, reached before any key after it is hashed, so quoted brackets
    /// that miscount cannot hide a key.
    static func aliasKeyHazard(_ bytes: [UInt8]) -> Int? {
        var hasAnchor = false
        var hazard: Int?
        // libyaml skips a leading byte order mark, so the text starts after it.
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var index = start
        // Brackets opened by a flow collection, and by plain scalars outside one.
        var flowDepth = 0, scalarDepth = 0
        while index < bytes.count {
            let byte = bytes[index]
            let previous = index > start ? bytes[index - 1] : nil
            switch byte {
            case UInt8(ascii: "&") where isTokenBoundary(previous) && index + 1 < bytes.count && isNameByte(bytes[index + 1]):
                hasAnchor = true
            case UInt8(ascii: "*") where isTokenBoundary(previous) && index + 1 < bytes.count && isNameByte(bytes[index + 1]):
                var end = index + 1
                while end < bytes.count, isNameByte(bytes[end]), bytes[end] != UInt8(ascii: ":") { end += 1 }
                while end < bytes.count, bytes[end] == UInt8(ascii: " ") || bytes[end] == UInt8(ascii: "\t") { end += 1 }
                if end < bytes.count, bytes[end] == UInt8(ascii: ":"), hazard == nil { hazard = index }
            case UInt8(ascii: "?") where isTokenBoundary(previous):
                let next = index + 1 < bytes.count ? bytes[index + 1] : UInt8(ascii: " ")
                if next == UInt8(ascii: " ") || next == UInt8(ascii: "\t") || next == UInt8(ascii: "\n") || next == UInt8(ascii: "\r"),
                   hazard == nil { hazard = index }
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                if flowDepth > 0 || isTokenBoundary(previous) { flowDepth += 1 } else { scalarDepth += 1 }
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                if flowDepth > 0 {
                    flowDepth -= 1
                } else if scalarDepth > 0 {
                    // Closes a bracket of a plain scalar.
                    scalarDepth -= 1
                    break
                }
                // An unmatched close (a quoted bracket may have miscounted) still counts.
                var end = index + 1
                while end < bytes.count, bytes[end] == UInt8(ascii: " ") || bytes[end] == UInt8(ascii: "\t") { end += 1 }
                if end < bytes.count, bytes[end] == UInt8(ascii: ":"), hazard == nil { hazard = index }
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                // A key after a plain scalar's bracket starts on a later line; a bracket carried
                // over could otherwise absorb that key's unmatched close.
                scalarDepth = 0
            default:
                break
            }
            index += 1
        }
        return hasAnchor ? hazard : nil
    }
}

/// Positions in one file's text. libyaml marks are (line, column) counted in characters, with
/// `\r\n`, `\r`, `\n`, NEL, LS and PS all ending a line; diagnostics use lines ended by `\n` (what
/// editors show) and byte columns, like every other location of the project.
struct OpenAPITextPositions: Sendable {
    let path: String
    private let bytes: [UInt8]
    /// Byte offsets where each libyaml line starts.
    private let yamlLineStarts: [Int]
    /// Per libyaml line: nil when it is ASCII (a column is a byte offset), else where its
    /// checkpoints are in `checkpoints`.
    private let checkpointRanges: [Range<Int>?]
    /// Byte offsets of every `checkpointStride`-th character of the non-ASCII lines, so a column of
    /// a long minified line costs at most that many steps.
    private let checkpoints: [Int]
    private static let checkpointStride = 64
    /// Byte offsets where each editor line starts.
    private let lineStarts: [Int]

    init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        var yamlStarts = [0], starts = [0], checkpointRanges: [Range<Int>?] = [], checkpoints: [Int] = []
        var lineCheckpoints: [Int] = [], characters = 0, isASCII = true
        func endLine() {
            checkpointRanges.append(isASCII ? nil : checkpoints.count..<(checkpoints.count + lineCheckpoints.count))
            if !isASCII { checkpoints += lineCheckpoints }
            lineCheckpoints.removeAll(keepingCapacity: true)
            characters = 0
            isASCII = true
        }
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            var breakLength = 0
            if byte == UInt8(ascii: "\n") {
                breakLength = 1
            } else if byte == UInt8(ascii: "\r") {
                breakLength = index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\n") ? 2 : 1
            } else if byte == 0xC2, index + 1 < bytes.count, bytes[index + 1] == 0x85 {
                breakLength = 2
            } else if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9 {
                breakLength = 3
            }
            if breakLength > 0 {
                endLine()
                yamlStarts.append(index + breakLength)
                if bytes[index + breakLength - 1] == UInt8(ascii: "\n") { starts.append(index + breakLength) }
                index += breakLength
                continue
            }
            if byte & 0xC0 != 0x80 {
                if characters % Self.checkpointStride == 0 { lineCheckpoints.append(index) }
                characters += 1
            }
            if byte >= 0x80 { isASCII = false }
            index += 1
        }
        endLine()
        yamlLineStarts = yamlStarts
        self.checkpointRanges = checkpointRanges
        self.checkpoints = checkpoints
        lineStarts = starts
    }

    /// The location of a byte offset.
    func location(ofOffset offset: Int) -> SourceLocation {
        let clamped = max(0, min(offset, bytes.count))
        // The last line starting at or before the offset.
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= clamped { low = middle } else { high = middle - 1 }
        }
        return SourceLocation(file: path, line: low + 1, column: clamped - lineStarts[low] + 1)
    }

    /// The location of a libyaml mark (1-based line, 1-based character column).
    func location(line: Int, characterColumn: Int) -> SourceLocation {
        guard line >= 1, line <= yamlLineStarts.count else { return SourceLocation(file: path, line: 1, column: 1) }
        let lineStart = yamlLineStarts[line - 1]
        let lineEnd = line < yamlLineStarts.count ? yamlLineStarts[line] : bytes.count
        let character = max(0, characterColumn - 1)
        guard let range = checkpointRanges[line - 1], !range.isEmpty else { return location(ofOffset: min(lineStart + character, lineEnd)) }
        // Start from the checkpoint at or before the character, then step over whole characters.
        let slot = min(character / Self.checkpointStride, range.count - 1)
        var offset = checkpoints[range.lowerBound + slot]
        var remaining = character - slot * Self.checkpointStride
        while remaining > 0, offset < lineEnd {
            offset += 1
            while offset < lineEnd, bytes[offset] & 0xC0 == 0x80 { offset += 1 }
            remaining -= 1
        }
        return location(ofOffset: offset)
    }
}
