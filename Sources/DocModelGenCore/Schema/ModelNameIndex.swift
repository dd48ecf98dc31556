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

    private var byTitle: [String: [Entry]] = [:]
    private var byStem: [String: [Entry]] = [:]

    /// `paths` (root-relative, sorted) and their `titles`, in parallel; `rootFolderName` is the last
    /// component of the input root.
    public init(paths: [String], titles: [String?], rootFolderName: String?) {
        for (path, title) in zip(paths, titles) {
            let components = path.split(separator: "/")
            let folder = components.count >= 2 ? String(components[components.count - 2]) : rootFolderName ?? ""
            let file = components.last.map(String.init) ?? path
            let stem = file.hasSuffix(".md") ? String(file.dropLast(3)) : file
            let entry = Entry(path: path, folder: folder)
            byStem[stem.lowercased(), default: []].append(entry)
            if let title, !title.isEmpty { byTitle[title, default: []].append(entry) }
        }
    }

    /// The page `name` (`X`, `folder.X`) names, seen from the page at `referrer`.
    public func lookup(_ name: String, from referrer: String) -> Lookup {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard let last = parts.last, !last.isEmpty else { return .missing }
        let base = String(last)
        let folder = parts.count > 1 ? String(parts[parts.count - 2]) : nil
        for candidates in [byTitle[base] ?? [], byStem[base.lowercased()] ?? []] {
            var matches = candidates
            if let folder { matches = matches.filter { $0.folder == folder } }
            switch matches.count {
            case 0: continue
            case 1: return .page(matches[0].path)
            default:
                let referrerFolder = referrer.split(separator: "/").dropLast().last.map(String.init)
                let local = matches.filter { $0.folder == (referrerFolder ?? $0.folder) && referrerFolder != nil }
                if local.count == 1 { return .page(local[0].path) }
                return .ambiguous(matches.map(\.path).sorted())
            }
        }
        return .missing
    }
}
