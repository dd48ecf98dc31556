/// A module an import names: `level` leading dots (0: absolute) and the dotted path after them
/// (`from ...models.shared import x` is level 3, `["models", "shared"]`).
struct PythonImportSource: Hashable {
    var level: Int
    var path: [String]
}

/// What one module's top-level names are bound to.
struct PythonModuleNames {
    /// `from source import name [as bound]`, by the bound name.
    struct Import {
        var source: PythonImportSource
        var name: String
    }

    /// Classes and type aliases the module defines.
    var defined: Set<String> = []
    var imports: [String: Import] = [:]
    /// `from source import *` (a package's `__init__.py` re-exporting its modules).
    var starImports: [PythonImportSource] = []
}

/// Locates the class a field's type names, as Python would bind it: a class of the field's own
/// module, else what the module imports under that name (`from .sale import Sale`,
/// `from ..shared import sale as shared_sale` for `shared_sale.Sale`), followed through
/// re-exports. The result is the located class's `WireModel.path` (`models/operations/x.py: Sale`),
/// which tells two same-named classes apart.
///
/// Module paths are relative to the folder the user named, which may sit inside the package: an
/// import that climbs above it, or an absolute one (`from polar_sdk.models.sale import Sale`), is
/// found by its trailing components. A name that cannot be located is nil, never guessed.
struct PythonReferenceResolver {
    /// Re-exports followed at most this deep (a package re-exporting a package…).
    static let maximumHops = 4
    /// Modules visited in all, at most: star imports of hostile modules could otherwise make
    /// every lookup visit every module. Real SDKs need a few per field.
    static let maximumVisits = 1_000_000

    private let names: [String: PythonModuleNames]
    /// Module paths by their last component (the package folder for an `__init__.py`).
    private let byLastComponent: [String: [(path: String, components: [String])]]
    private var cache: [String: String?] = [:]
    private var fileCache: [String: String?] = [:]
    private var visits = 0

    init(_ modules: [PythonModule]) {
        var names: [String: PythonModuleNames] = [:]
        var byLast: [String: [(path: String, components: [String])]] = [:]
        for module in modules {
            names[module.path] = module.names
            let components = Self.components(ofModule: module.path)
            if let last = components.last { byLast[last, default: []].append((module.path, components)) }
        }
        self.names = names
        byLastComponent = byLast
    }

    /// The `WireModel.path` of the class `reference` (`Sale`, `shared_sale.Sale`) means in the
    /// module at `modulePath`, or nil.
    mutating func path(ofReference reference: String, in modulePath: String) -> String? {
        let parts = reference.split(separator: ".").map(String.init)
        guard let own = names[modulePath] else { return nil }
        switch parts.count {
        case 1:
            return locate(parts[0], in: modulePath, hops: Self.maximumHops)
        case 2:
            // `shared_sale.Sale`: the qualifier is a module the file imported.
            guard let imported = own.imports[parts[0]],
                  let module = file(of: PythonImportSource(level: imported.source.level, path: imported.source.path + [imported.name]), from: modulePath)
            else { return nil }
            return locate(parts[1], in: module, hops: Self.maximumHops)
        default:
            return nil
        }
    }

    private mutating func locate(_ name: String, in modulePath: String, hops: Int) -> String? {
        let key = modulePath + "\u{0}" + name
        if let known = cache[key] { return known }
        visits += 1
        guard visits <= Self.maximumVisits else { return nil }
        // Claimed before the search, so an import cycle ends instead of looping.
        cache[key] = .some(nil)
        var found: String?
        if let module = names[modulePath] {
            if module.defined.contains(name) {
                found = "\(modulePath): \(name)"
            } else if hops > 0 {
                if let imported = module.imports[name] {
                    found = file(of: imported.source, from: modulePath).flatMap { locate(imported.name, in: $0, hops: hops - 1) }
                } else {
                    // A later star import rebinds the name, so the last one that has it wins.
                    for source in module.starImports.reversed() {
                        if let hit = file(of: source, from: modulePath).flatMap({ locate(name, in: $0, hops: hops - 1) }) {
                            found = hit
                            break
                        }
                    }
                }
            }
        }
        cache[key] = .some(found)
        return found
    }

    /// The module file an import source names, seen from the module at `modulePath`.
    private mutating func file(of source: PythonImportSource, from modulePath: String) -> String? {
        let package = modulePath.split(separator: "/").dropLast().map(String.init)
        // An absolute import means the same from every module; a relative one, from its package.
        let key = (source.level > 0 ? package.joined(separator: "/") : "") + "\u{0}\(source.level)\u{0}" + source.path.joined(separator: ".")
        if let known = fileCache[key] { return known }
        let found = file(of: source, inPackage: package)
        fileCache[key] = .some(found)
        return found
    }

    private func file(of source: PythonImportSource, inPackage package: [String]) -> String? {
        if source.level > 0 {
            let up = source.level - 1
            if up <= package.count {
                let target = Array(package.dropLast(up)) + source.path
                let base = target.joined(separator: "/")
                for candidate in [base + ".py", (base.isEmpty ? "" : base + "/") + "__init__.py"] where names[candidate] != nil {
                    return candidate
                }
                return nil
            }
        }
        // Absolute, or above the folder the user named: the module whose path ends the import's
        // path the longest way; two alike are no answer.
        guard let last = source.path.last else { return nil }
        var best: (path: String, length: Int)?
        var tied = false
        for candidate in byLastComponent[last] ?? [] where source.path.ends(with: candidate.components) {
            if candidate.components.count > best?.length ?? 0 {
                best = (candidate.path, candidate.components.count)
                tied = false
            } else if candidate.components.count == best?.length {
                tied = true
            }
        }
        return tied ? nil : best?.path
    }

    /// `models/shared/sale.py` → `[models, shared, sale]`; `models/__init__.py` → `[models]`.
    private static func components(ofModule path: String) -> [String] {
        var parts = path.split(separator: "/").map(String.init)
        guard let last = parts.popLast() else { return [] }
        if last != "__init__.py" { parts.append(last.hasSuffix(".py") ? String(last.dropLast(3)) : last) }
        return parts
    }
}

extension Array where Element: Equatable {
    /// Whether the array's last elements are `suffix` (a non-empty one).
    fileprivate func ends(with suffix: [Element]) -> Bool {
        !suffix.isEmpty && count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix
    }
}
