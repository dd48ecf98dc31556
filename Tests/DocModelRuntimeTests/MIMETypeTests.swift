import Foundation
import Testing
import DocModelRuntime

@Suite struct MIMETypeTests {
    /// Produced with Python 3.11.7 on Debian 12: `mimetypes.guess_type(name)[0]` for each name.
    static let pythonGuesses: [(String, String?)] = [
        ("cat.png", "image/png"),
        ("A.PNG", "image/png"),
        ("photo.JPEG", "image/jpeg"),
        ("pic.jpg", "image/jpeg"),
        ("anim.gif", "image/gif"),
        ("x.webp", "image/webp"),
        ("x.bmp", "image/bmp"),
        ("scan.tif", "image/tiff"),
        ("scan.tiff", "image/tiff"),
        ("logo.svg", "image/svg+xml"),
        ("video.mp4", "video/mp4"),
        ("clip.webm", "video/webm"),
        ("movie.mov", "video/quicktime"),
        ("old.avi", "video/x-msvideo"),
        ("film.MKV", "video/x-matroska"),
        ("song.mp3", "audio/mpeg"),
        ("voice.wav", "audio/x-wav"),
        ("a.ogg", "audio/ogg"),
        ("a.flac", "audio/flac"),
        ("a.m4a", "audio/mp4"),
        ("data.json", "application/json"),
        ("notes.txt", "text/plain"),
        ("table.csv", "text/csv"),
        ("doc.pdf", "application/pdf"),
        ("arch.zip", "application/zip"),
        ("page.html", "text/html"),
        ("feed.xml", "application/xml"),
        ("a.json.gz", "application/json"),
        ("a.gz", nil),
        ("a.GZ", "application/gzip"),
        ("a.tgz", "application/x-tar"),
        ("a.TGZ", "application/x-tar"),
        ("logo.svgz", "image/svg+xml"),
        ("a.tar.bz2", "application/x-tar"),
        ("a.tar.Z", "application/x-tar"),
        ("a.png.br", "image/png"),
        (".png", nil),
        ("..png", nil),
        ("dir.d/file", nil),
        ("dir/.hidden", nil),
        ("a.", nil),
        ("noext", nil),
        ("x:.png", nil),
        ("C:\\pics\\cat.png", "image/png"),
        ("data:image/png;base64,xx", "image/png"),
        ("data:foo,bar", "text/plain"),
        ("data:nocomma", nil),
        ("a.b.PnG", "image/png"),
        ("weird.unknownext", nil),
        ("", nil),
    ]

    @Test func guessesMatchPythonMimetypes() {
        for (filename, python) in Self.pythonGuesses {
            #expect(MIMEType.guess(forFilename: filename) == python, "\(filename)")
        }
    }

    @Test func unknownFallsBackToOctetStream() {
        #expect(MIMEType.contentType(forFilename: "weird.unknownext") == "application/octet-stream")
        #expect(MIMEType.contentType(forFilename: "a.gz") == "application/octet-stream")
        #expect(MIMEType.contentType(forFilename: "x.JPG") == "image/jpeg")
    }

    @Test func partsGuessOnlyWithANonEmptyFilename() {
        let body = FileContent.bytes(Data())
        #expect(MultipartPart(name: "n", filename: "a.webm", body: body).resolvedContentType == "video/webm")
        #expect(MultipartPart(name: "n", filename: "a.zzz", body: body).resolvedContentType == "application/octet-stream")
        #expect(MultipartPart(name: "n", filename: "", body: body).resolvedContentType == nil)
        #expect(MultipartPart(name: "n", body: body).resolvedContentType == nil)
        #expect(MultipartPart(name: "n", filename: "a.png", contentType: "x/y", body: body).resolvedContentType == "x/y")
        #expect(MultipartPart.file(name: "n", fileURL: URL(fileURLWithPath: "/tmp/dir/clip.MOV")).filename == "clip.MOV")
    }
}
