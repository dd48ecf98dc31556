/// The file that declares a namespace (`--namespace`). The templates nest each page's primary
/// declaration in `extension <Namespace> { … }` themselves (`namespace` and `indent` in
/// `SwiftTemplateCommonContext`); `namespace.swift.mustache` renders this file.
enum NamespaceWrapper {
    static func declarationFileName(_ namespace: String) -> String {
        "\(namespace).namespace.swift"
    }
}
