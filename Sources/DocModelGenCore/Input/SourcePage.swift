/// A page's text and where it sits: the input of the pipeline, read by the CLI or a test.
public struct SourcePage: Sendable, Hashable {
    /// Path relative to the input root, `/`-separated (`components/bodygenimagetovideo.md`).
    public var path: String
    public var text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }
}
