import Foundation

/// One part of a multipart/form-data body: a form field or an uploaded file.
///
/// The body is a ``FileContent``: bytes in memory, or a file on disk that is copied in chunks
/// only when the form is encoded.
public struct MultipartPart: Hashable, Sendable {
    /// The form field name (`Content-Disposition: form-data; name="…"`).
    public var name: String
    /// The file name (`; filename="…"`), or `nil` for a plain field.
    public var filename: String?
    /// The part's Content-Type, or `nil` to guess it from ``filename`` (see ``resolvedContentType``).
    public var contentType: String?
    /// The part's content. A text field built by ``text(name:value:)`` or ``field(name:value:)``
    /// reads as `.bytes` of the text's UTF-8.
    public var body: FileContent {
        get {
            switch content {
            case .text(let text): return .bytes(Data(text.utf8))
            case .content(let content): return content
            }
        }
        set { content = .content(newValue) }
    }

    /// Where the body lives. Text fields keep their `String` so encoding copies its UTF-8 straight
    /// into the output, without building a `Data` per field.
    enum Content: Sendable {
        case text(String)
        case content(FileContent)
    }

    var content: Content

    /// A part with the given header values and body.
    ///
    /// - Parameters:
    ///   - name: The form field name.
    ///   - filename: The file name, or `nil` for a plain field.
    ///   - contentType: The Content-Type; `nil` guesses it from a non-empty `filename`.
    ///   - body: The content, in memory or on disk.
    public init(name: String, filename: String? = nil, contentType: String? = nil, body: FileContent) {
        self.init(name: name, filename: filename, contentType: contentType, content: .content(body))
    }

    init(name: String, filename: String? = nil, contentType: String? = nil, content: Content) {
        self.name = name
        self.filename = filename
        self.contentType = contentType
        self.content = content
    }

    /// Parts are equal when they would be sent the same: a text field equals a `.bytes` part
    /// holding its UTF-8.
    public static func == (lhs: MultipartPart, rhs: MultipartPart) -> Bool {
        guard lhs.name == rhs.name, lhs.filename == rhs.filename, lhs.contentType == rhs.contentType else {
            return false
        }
        if case .text(let left) = lhs.content, case .text(let right) = rhs.content {
            // Byte-wise: `String ==` would equate canonically equivalent but differently encoded text.
            return left.utf8.elementsEqual(right.utf8)
        }
        return lhs.body == rhs.body
    }

    /// Hashes what ``==`` compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(filename)
        hasher.combine(contentType)
        hasher.combine(body)
    }

    /// The Content-Type header the part is sent with, following httpx (the Python SDK's HTTP stack):
    /// ``contentType`` if set; otherwise, for a non-empty ``filename``, the type Python's
    /// `mimetypes.guess_type` gives (see ``MIMEType/contentType(forFilename:)``), falling back to
    /// `application/octet-stream`; otherwise `nil`, and no Content-Type header is sent.
    public var resolvedContentType: String? {
        Self.resolvedContentType(contentType, filename: filename)
    }

    /// ``resolvedContentType`` from the two fields it depends on, so the writer need not copy the
    /// whole part to ask.
    static func resolvedContentType(_ contentType: String?, filename: String?) -> String? {
        if let contentType { return contentType }
        guard let filename, !filename.isEmpty else { return nil }
        return MIMEType.contentType(forFilename: filename)
    }
}

extension MultipartPart {
    /// A text field: the UTF-8 bytes of `value`, with no filename and no Content-Type header,
    /// as browsers and Python's httpx/requests send form fields.
    public static func text(name: String, value: String) -> MultipartPart {
        MultipartPart(name: name, content: .text(value))
    }

    /// A form field holding a number, flag or string, formatted as the Python SDK sends it
    /// (``PythonFormValueConvertible``: `0.5`, `1e-05`, `true`, …).
    public static func field(name: String, value: some PythonFormValueConvertible) -> MultipartPart {
        MultipartPart(name: name, content: .text(value.pythonFormValue))
    }

    /// A JSON field: no filename, `Content-Type: application/json` (what the Python SDK sends for
    /// fields marked `json`).
    public static func json(name: String, data: Data) -> MultipartPart {
        MultipartPart(name: name, contentType: "application/json", body: .bytes(data))
    }

    /// A file upload.
    ///
    /// - Parameters:
    ///   - name: The form field name.
    ///   - filename: The file name sent to the server.
    ///   - content: The bytes, or a file copied from disk when the form is encoded.
    ///   - contentType: The Content-Type; `nil` guesses it from `filename` like Python's `mimetypes`.
    public static func file(
        name: String, filename: String, content: FileContent, contentType: String? = nil
    ) -> MultipartPart {
        MultipartPart(name: name, filename: filename, contentType: contentType, body: content)
    }

    /// A file upload read from disk when the form is encoded.
    ///
    /// - Parameters:
    ///   - name: The form field name.
    ///   - fileURL: The file to upload.
    ///   - filename: The file name sent to the server; `nil` uses the URL's last path component.
    ///   - contentType: The Content-Type; `nil` guesses it from the file name.
    public static func file(
        name: String, fileURL: URL, filename: String? = nil, contentType: String? = nil
    ) -> MultipartPart {
        file(name: name, filename: filename ?? fileURL.lastPathComponent, content: .file(fileURL), contentType: contentType)
    }
}

extension MultipartPart {
    /// A JSON field holding `value`, encoded as the Python SDK's `marshal_json` does: compact,
    /// keys sorted, unset optionals left out. (Python also escapes non-ASCII as `\uXXXX`; the JSON
    /// values are equal either way.)
    public static func json(name: String, value: some Encodable) throws -> MultipartPart {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return json(name: name, data: try encoder.encode(value))
    }
}
