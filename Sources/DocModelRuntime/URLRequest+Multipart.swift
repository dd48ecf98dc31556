import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

extension URLRequest {
    /// A POST request for `body` and its encoded bytes, for `URLSession.upload(for:from:)`.
    ///
    /// Sets `Content-Type: multipart/form-data; boundary=…` and `Content-Length`.
    public static func multipartUpload(
        url: URL, body: some MultipartFormEncodable, encoder: MultipartFormEncoder = MultipartFormEncoder()
    ) throws -> (request: URLRequest, body: Data) {
        let data = try encoder.encode(body)
        return (multipartRequest(url: url, encoder: encoder, contentLength: Int64(data.count)), data)
    }

    /// A POST request for `body` and a temporary file holding its encoded bytes, for
    /// `URLSession.upload(for:fromFile:)`; the body is streamed to disk, so large file parts are
    /// never loaded into memory. The caller removes the file after the upload.
    ///
    /// Sets `Content-Type: multipart/form-data; boundary=…` and `Content-Length`.
    public static func multipartFileUpload(
        url: URL, body: some MultipartFormEncodable, encoder: MultipartFormEncoder = MultipartFormEncoder()
    ) throws -> (request: URLRequest, bodyFileURL: URL) {
        let fileURL = FileManager.default.temporaryDirectory
            .appendingPathComponent("multipart-\(UUID().uuidString).body")
        try encoder.encode(body, to: fileURL)
        do {
            let length = try FileContent.file(fileURL).byteCount()
            return (multipartRequest(url: url, encoder: encoder, contentLength: length), fileURL)
        } catch {
            try? FileManager.default.removeItem(at: fileURL)
            throw error
        }
    }

    private static func multipartRequest(url: URL, encoder: MultipartFormEncoder, contentLength: Int64) -> URLRequest {
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.setValue(encoder.contentType, forHTTPHeaderField: "Content-Type")
        request.setValue(String(contentLength), forHTTPHeaderField: "Content-Length")
        return request
    }
}
