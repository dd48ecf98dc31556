import Foundation

/// Content-Type guessing from a file name, the way the Python SDK's HTTP stack does it.
///
/// httpx (`httpx/_multipart.py`, `_guess_content_type`) sends a file part without an explicit
/// content type as `mimetypes.guess_type(filename)[0] or "application/octet-stream"`. This type
/// reproduces Python's `MimeTypes.guess_type` (strict mode) for a table of common extensions:
/// `.tgz`-style suffix aliases are expanded, a trailing case-sensitive encoding suffix (`.gz`,
/// `.Z`, `.bz2`, `.xz`, `.br`) is stripped (so `a.json.gz` is `application/json` and `a.gz` is
/// unknown), then the extension is looked up case-insensitively. `data:` URLs are handled too.
///
/// Python's table is not fixed: `mimetypes` merges its built-in map with the system's
/// `/etc/mime.types`. The values below are what Python 3.11.7 answered on Debian 12 (built-in
/// map plus Debian `media-types`), which adds `webp`, `mkv`, `ogg`, `flac`, `m4a`, Office and font
/// types the built-in map lacks and prefers `application/xml`, `text/javascript` and `audio/ogg`
/// for `xml`, `js` and `opus`. Extensions outside the table are unknown.
public enum MIMEType {
    /// The fallback type for unknown extensions.
    public static let octetStream = "application/octet-stream"

    /// The Content-Type httpx sends for a file named `filename`: the guessed type, or
    /// ``octetStream`` if the extension is unknown.
    public static func contentType(forFilename filename: String) -> String {
        guess(forFilename: filename) ?? octetStream
    }

    /// The type Python's `mimetypes.guess_type(filename)[0]` returns, or `nil` if the extension is
    /// unknown.
    public static func guess(forFilename filename: String) -> String? {
        var path = Substring(filename)
        // urllib.parse._splittype: a leading "scheme:" (no "/" or ":" in it) is split off.
        if let colon = path.firstIndex(of: ":"), colon > path.startIndex,
           !path[..<colon].contains("/") {
            if path[..<colon].lowercased() == "data" {
                return dataURLType(path[path.index(after: colon)...])
            }
            path = path[path.index(after: colon)...]
        }
        var (base, ext) = splitExtension(String(path))
        while let alias = suffixAliases[ext.lowercased()] {
            (base, ext) = splitExtension(base + alias)
        }
        if encodingSuffixes.contains(ext) {
            (base, ext) = splitExtension(base)
        }
        guard ext.hasPrefix(".") else { return nil }
        return types[String(ext.dropFirst()).lowercased()]
    }

    /// `posixpath.splitext`: the extension starts at the last "." of the last path component,
    /// unless everything before that "." in the component is dots (`.png`, `..png` have none).
    static func splitExtension(_ path: String) -> (base: String, ext: String) {
        let scalars = Array(path.unicodeScalars)
        guard let dot = scalars.lastIndex(of: ".") else { return (path, "") }
        let componentStart = (scalars.lastIndex(of: "/") ?? -1) + 1
        guard dot > componentStart, scalars[componentStart..<dot].contains(where: { $0 != "." }) else {
            return (path, "")
        }
        var base = String.UnicodeScalarView(), ext = String.UnicodeScalarView()
        base.append(contentsOf: scalars[..<dot])
        ext.append(contentsOf: scalars[dot...])
        return (String(base), String(ext))
    }

    /// The media type of a `data:` URL (`data:[type/subtype][;params],data`), `text/plain` when
    /// it names none; `nil` when the URL has no comma.
    private static func dataURLType(_ url: Substring) -> String? {
        guard let comma = url.firstIndex(of: ",") else { return nil }
        let mediaType = url[..<comma].prefix { $0 != ";" }
        if mediaType.contains("=") || !mediaType.contains("/") { return "text/plain" }
        return String(mediaType)
    }

    /// `mimetypes.suffix_map`: aliases for compressed archives (looked up lowercased).
    private static let suffixAliases: [String: String] = [
        ".svgz": ".svg.gz", ".tgz": ".tar.gz", ".taz": ".tar.gz", ".tz": ".tar.gz",
        ".tbz2": ".tar.bz2", ".txz": ".tar.xz",
    ]

    /// `mimetypes.encodings_map` keys: compression suffixes, matched case-sensitively.
    private static let encodingSuffixes: Set<String> = [".gz", ".Z", ".bz2", ".xz", ".br"]

    /// Extension (lowercase, without the dot) → type, from Python on Debian 12:
    /// `python3 -c 'import mimetypes; mimetypes.init(); print(mimetypes.types_map[".png"])'`.
    static let types: [String: String] = [
        "png": "image/png",
        "jpg": "image/jpeg",
        "jpeg": "image/jpeg",
        "jpe": "image/jpeg",
        "gif": "image/gif",
        "webp": "image/webp",
        "bmp": "image/bmp",
        "tif": "image/tiff",
        "tiff": "image/tiff",
        "svg": "image/svg+xml",
        "ico": "image/vnd.microsoft.icon",
        "heic": "image/heic",
        "heif": "image/heif",
        "avif": "image/avif",
        "jp2": "image/jp2",
        "mp4": "video/mp4",
        "m4v": "video/mp4",
        "webm": "video/webm",
        "mov": "video/quicktime",
        "qt": "video/quicktime",
        "avi": "video/x-msvideo",
        "mkv": "video/x-matroska",
        "mpeg": "video/mpeg",
        "mpg": "video/mpeg",
        "mpe": "video/mpeg",
        "flv": "video/x-flv",
        "wmv": "video/x-ms-wmv",
        "3gp": "audio/3gpp",
        "3g2": "audio/3gpp2",
        "ogv": "video/ogg",
        "mp3": "audio/mpeg",
        "mpga": "audio/mpeg",
        "wav": "audio/x-wav",
        "ogg": "audio/ogg",
        "oga": "audio/ogg",
        "opus": "audio/ogg",
        "flac": "audio/flac",
        "m4a": "audio/mp4",
        "aac": "audio/aac",
        "aif": "audio/x-aiff",
        "aiff": "audio/x-aiff",
        "aifc": "audio/x-aiff",
        "wma": "audio/x-ms-wma",
        "amr": "audio/AMR",
        "au": "audio/basic",
        "snd": "audio/basic",
        "txt": "text/plain",
        "text": "text/plain",
        "csv": "text/csv",
        "tsv": "text/tab-separated-values",
        "html": "text/html",
        "htm": "text/html",
        "xhtml": "application/xhtml+xml",
        "css": "text/css",
        "js": "text/javascript",
        "mjs": "text/javascript",
        "md": "text/markdown",
        "markdown": "text/markdown",
        "json": "application/json",
        "jsonld": "application/ld+json",
        "xml": "application/xml",
        "rtf": "application/rtf",
        "srt": "text/plain",
        "vtt": "text/vtt",
        "ics": "text/calendar",
        "pdf": "application/pdf",
        "doc": "application/msword",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls": "application/vnd.ms-excel",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "ppt": "application/vnd.ms-powerpoint",
        "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "odt": "application/vnd.oasis.opendocument.text",
        "ods": "application/vnd.oasis.opendocument.spreadsheet",
        "odp": "application/vnd.oasis.opendocument.presentation",
        "epub": "application/epub+zip",
        "zip": "application/zip",
        "tar": "application/x-tar",
        "7z": "application/x-7z-compressed",
        "rar": "application/vnd.rar",
        "jar": "application/java-archive",
        "gz": "application/gzip",
        "xz": "application/x-xz",
        "woff": "font/woff",
        "woff2": "font/woff2",
        "ttf": "font/ttf",
        "otf": "font/otf",
        "bin": "application/octet-stream",
        "wasm": "application/wasm",
    ]
}
