@testable import DocModelGenCore
@testable import DocModelGenMustache
import DocModelTemplates
import Foundation
import Mustache
import TestSupport
import Testing

/// The typed fast path renders exactly what swift-mustache renders, and leaves it what it cannot.
@Suite struct TypedMustacheTemplateTests {
    static func bundledTexts() throws -> [String: String] {
        let folder = try #require(BundledTemplates.directory())
        var texts: [String: String] = [:]
        for name in TemplateSet.Name.all {
            texts[name] = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        }
        return texts
    }

    @Test func everyBundledTemplateTakesTheFastPath() throws {
        let set = try TemplateSet(texts: Self.bundledTexts())
        for name in TemplateSet.Name.all { #expect(set.isTyped(name), "\(name)") }
    }

    /// Every reference tree, Swift files and docs pages, rendered both ways; with a namespace, every
    /// template renders (`namespace.swift.mustache` too).
    @Test(arguments: ["livepeer-ai", "unstructured", "grammar"], [nil, "API"])
    func referenceTreesRenderIdentically(tree: String, namespace: String?) throws {
        let folder = PackageRoot.url.appendingPathComponent("Specs/\(tree)")
        let pages = try Self.pages(under: folder)
        #expect(pages.count > 1)
        let texts = try Self.bundledTexts()
        let options = Generator.Options(accessLevel: .public, emitDocumentation: true, namespace: namespace)
        let typed = Generator.run(pages, root: folder.path, options: options, templates: try TemplateSet(texts: texts))
        let mustache = Generator.run(
            pages, root: folder.path, options: options, templates: try TemplateSet(texts: texts, typedRendering: false))
        #expect(!typed.swiftFiles.isEmpty)
        #expect(typed.swiftFiles == mustache.swiftFiles)
        #expect(typed.documentationFiles == mustache.documentationFiles)
    }

    @Test(arguments: [
        "{{> partial}}", "{{=<% %>=}}<% a %>", "{{uppercased(a)}}", "{{#first(list)}}x{{/first(list)}}", "a\r\nb{{a}}",
        "{{$block}}x{{/block}}", "{{<parent}}{{/parent}}",
    ])
    func constructsOutsideTheSubsetFallBack(template: String) {
        #expect(TypedMustacheTemplate(template) == nil)
    }

    @Test func dottedNamesSectionsAndEscaping() throws {
        let context: TemplateValue = .object([
            "a": .object(["b": "<x & 'y'>"]), "flag": false, "list": .strings(["1", "2"]), "empty": .list([]),
        ])
        let template = try #require(TypedMustacheTemplate(
            "{{a.b}}|{{{a.b}}}|{{#list}}[{{.}}]{{/list}}|{{^flag}}off{{/flag}}|{{^empty}}none{{/empty}}|{{#a}}{{.b}}{{/a}}"))
        #expect(template.render(context) == "&lt;x &amp; &#39;y&#39;&gt;|<x & 'y'>|[1][2]|off|none|&lt;x &amp; &#39;y&#39;&gt;")
    }

    /// Random templates from the subset's pieces (with standalone lines, indentation, pragmas and
    /// comments) and random contexts: whenever swift-mustache parses a template, both render the same.
    @Test func randomTemplatesRenderLikeSwiftMustache() throws {
        var random = SeededRandomNumberGenerator(seed: 0x5EED)
        let pieces = [
            "x", " ", "  ", "\t", "\n", "\n", "\n", "{", "}", "<&>", "{{a}}", "{{{b}}}", "{{& c}}", "{{.}}", "{{a.b}}",
            "{{.a}}", "{{ a }}", "{{#a}}", "{{/a}}", "{{^a}}", "{{#b}}", "{{/b}}", "{{^b}}", "{{#c}}", "{{/c}}",
            "{{! note }}", "{{% CONTENT_TYPE: TEXT }}", "{{% CONTENT_TYPE: HTML }}", "  {{#a}}\n", "{{/a}}  \n", "\n  {{^c}}\n",
            "{{/c}}\n", "{{missing}}",
        ]
        var compared = 0, rejected = 0
        for _ in 0..<3000 {
            let template = (0..<Int.random(in: 1...14, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            guard let reference = try? MustacheTemplate(string: template) else {
                // What swift-mustache rejects, the subset parser must reject too (so the error is swift-mustache's).
                #expect(TypedMustacheTemplate(template) == nil, "\(template.debugDescription)")
                rejected += 1
                continue
            }
            let typed = try #require(TypedMustacheTemplate(template), "the subset parser refused \(template.debugDescription)")
            for _ in 0..<3 {
                let context = Self.randomObject(depth: 0, using: &random)
                let expected = reference.render(SwiftMustacheEngine.mustacheValue(context))
                #expect(typed.render(context) == expected, "\(template.debugDescription)")
                compared += 1
            }
        }
        #expect(compared > 1000)
        #expect(rejected > 300)
    }

    @Test(arguments: ["{{#a}}x", "{{/a}}", "{{#a}}{{/b}}", "{{a", "x {", "{{% CONTENT_TYPE: XML }}", "{{{a}}"])
    func malformedTemplatesAreLeftToSwiftMustache(template: String) {
        #expect(TypedMustacheTemplate(template) == nil)
        #expect((try? MustacheTemplate(string: template)) == nil)
    }

    static func randomObject(depth: Int, using random: inout SeededRandomNumberGenerator) -> TemplateValue {
        var members = TemplateValue.Members()
        for key in ["a", "b", "c"] where Bool.random(using: &random) {
            members[key] = randomValue(depth: depth + 1, using: &random)
        }
        return .object(members)
    }

    static func randomValue(depth: Int, using random: inout SeededRandomNumberGenerator) -> TemplateValue {
        switch Int.random(in: 0..<(depth >= 3 ? 2 : 4), using: &random) {
        case 0: return .string(["", "v", "<q\"'&>", "line\nbreak"].randomElement(using: &random)!)
        case 1: return .bool(Bool.random(using: &random))
        case 2: return .list((0..<Int.random(in: 0...2, using: &random)).map { _ in randomValue(depth: depth + 1, using: &random) })
        default: return randomObject(depth: depth, using: &random)
        }
    }

    static func pages(under folder: URL) throws -> [SourcePage] {
        let enumerator = try #require(FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil))
        var pages: [SourcePage] = []
        for case let url as URL in enumerator where url.pathExtension == "md" {
            let relative = String(url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1))
            pages.append(SourcePage(path: relative, text: try String(contentsOf: url, encoding: .utf8)))
        }
        return pages.sorted { $0.path < $1.path }
    }
}
