/// Finds the page that defines a model named without a link: union headings (`` ### `shared.X` ``,
/// `` ### `models.X` ``, bare `` ### `X` ``) and bare names in older pages' type cells.
///
/// A name is the model's page title or its file name (`secretreference.md` for `SecretReference`),
/// optionally qualified by its folder: `shared.X` is the page in a `shared/` folder; in the flat
/// layout (`docs/models/x.md`) pages at the root belong to the root's folder name (`models.X`).
/// Titles win over file names. A bare name found in several folders resolves to the one in the
/// referring page's folder when there is exactly one there; otherwise it is ambiguous.
public struct ModelNameIndex: Sendable {
    /// What a name finds.
    public enum Lookup: Sendable, Equatable {
        case page(String)
        case missing
        /// Root-relative paths of every candidate, sorted.
        case ambiguous([String])
    }

    private struct Entry: Sendable {
        var path: String
        var folder: String
    }

    /// The packages Speakeasy's Python SDKs keep their models in, whichever folders a tree has.
    static let speakeasyModelPackages: Set<String> = ["models", "components", "operations", "shared", "errors", "webhooks"]

    /// Whether `qualifier` is one of Speakeasy's model packages.
    @Sendable public static func isSpeakeasyModelPackage(_ qualifier: String) -> Bool {
        speakeasyModelPackages.contains(qualifier)
    }

    private var byTitle: [String: [Entry]] = [:]
    private var folders: Set<String> = []
    private var byStem: [String: [Entry]] = [:]
    private let rootFolderName: String

    /// `paths` (root-relative, sorted) and their `titles`, in parallel; `rootFolderName` is the last
    /// component of the input root.
    public init(paths: [String], titles: [String?], rootFolderName: String?) {
        self.rootFolderName = rootFolderName ?? ""
        for (path, title) in zip(paths, titles) {
            let file = path.split(separator: "/").last.map(String.init) ?? path
            let stem = file.hasSuffix(".md") ? String(file.dropLast(3)) : file
            let entry = Entry(path: path, folder: folder(of: path))
            folders.insert(entry.folder)
            byStem[stem.lowercased(), default: []].append(entry)
            if let title, !title.isEmpty { byTitle[title, default: []].append(entry) }
        }
    }

    /// The folder a page belongs to: its parent folder, or the root's name for a page at the root.
    private func folder(of path: String) -> String {
        let components = path.split(separator: "/")
        return components.count >= 2 ? String(components[components.count - 2]) : rootFolderName
    }

    /// Whether `qualifier` (the `shared` of `shared.X`) names a folder of the docs or one of
    /// Speakeasy's model packages: a name it qualifies is a model, never an SDK object.
    public func isModelNamespace(_ qualifier: String) -> Bool {
        folders.contains(qualifier) || Self.isSpeakeasyModelPackage(qualifier)
    }

    /// The page `name` (`X`, `folder.X`) names, seen from the page at `referrer`.
    public func lookup(_ name: String, from referrer: String) -> Lookup {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard let last = parts.last, !last.isEmpty else { return .missing }
        let base = String(last)
        let qualifier = parts.count > 1 ? String(parts[parts.count - 2]) : nil
        let referrerFolder = folder(of: referrer)
        for candidates in [byTitle[base] ?? [], byStem[base.lowercased()] ?? []] {
            var matches = candidates
            if let qualifier { matches = matches.filter { $0.folder == qualifier } }
            switch matches.count {
            case 0: continue
            case 1: return .page(matches[0].path)
            default:
                let local = matches.filter { $0.folder == referrerFolder }
                if local.count == 1 { return .page(local[0].path) }
                return .ambiguous(matches.map(\.path).sorted())
            }
        }
        return .missing
    }
}
