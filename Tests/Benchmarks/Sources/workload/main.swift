// The benchmark workload: one synthetic API written twice, as Speakeasy-style docs pages (the grammar
// docmodelgen reads) and as an OpenAPI 3.1 document with identical schemas, at any size N.
//
//   workload N --docs DIR --openapi FILE
//
// N models, each with its own enum (2N pages), plus a file model and a multipart upload body:
// - every model has scalars (str, int, float, bool), optionals, a nullable, an optional-nullable,
//   a list, a dictionary, a link to its enum, a list of links to another model and, for three of
//   every four models, an optional link to the next one. References by value therefore nest at
//   most four levels deep, as in real APIs (a long by-value chain makes value types, and compile
//   memory, blow up).
// - `UploadBody` is multipart: a file (docs: the `file_name`/`content`/`content_type` model;
//   OpenAPI: `format: binary`) beside a few form fields.
// Output is deterministic: the same N gives the same bytes.
import Foundation

struct Field {
    enum Kind {
        case str, int, float, bool
        case nullable(String)  // Nullable[str]
        case optionalNullable(String)
        case list(String)  // List[*str*]
        case dict(String)  // Dict[str, *int*]
        case enumRef(String)  // link to an enum page
        case modelRef(String)  // link to a model page
        case modelList(String)  // List of links
        case file(String)  // link to a file-shaped model; binary in OpenAPI
    }
    let name: String
    let kind: Kind
    let required: Bool
    let description: String
}

struct Workload {
    let models: Int

    func modelName(_ i: Int) -> String { "Model\(i)" }
    func enumName(_ i: Int) -> String { "Status\(i)" }

    func fields(ofModel i: Int) -> [Field] {
        var fields: [Field] = [
            Field(name: "id", kind: .str, required: true, description: "Identifier of the record."),
            Field(name: "name", kind: .str, required: false, description: "Display name."),
            Field(name: "count", kind: .int, required: true, description: "How many items the record holds."),
            Field(name: "score", kind: .float, required: false, description: "Relevance score between 0 and 1."),
            Field(name: "active", kind: .bool, required: true, description: "Whether the record is active."),
            Field(name: "note", kind: .nullable("str"), required: true, description: "A note; may be null."),
            Field(name: "comment", kind: .optionalNullable("str"), required: false, description: "Absent, null or a comment."),
            Field(name: "tags", kind: .list("str"), required: false, description: "Free-form tags."),
            Field(name: "attributes", kind: .dict("int"), required: false, description: "Counters by name."),
            Field(name: "status", kind: .enumRef(enumName(i)), required: true, description: "Lifecycle state."),
            Field(name: "related", kind: .modelList(modelName((i * 7 + 3) % models)), required: false, description: "Related records."),
        ]
        if i % 4 != 3 && i + 1 < models {
            fields.append(Field(name: "child", kind: .modelRef(modelName(i + 1)), required: false, description: "The nested record."))
        }
        return fields
    }

    func enumValues(_ i: Int) -> [(String, String)] {
        [("ACTIVE", "active"), ("PENDING", "pending"), ("ARCHIVED", "archived"), ("VARIANT_\(i)", "variant-\(i)")]
    }

    static let uploadFields: [Field] = [
        Field(name: "image", kind: .file("UploadFile"), required: true, description: "The uploaded image."),
        Field(name: "title", kind: .str, required: true, description: "Title of the upload."),
        Field(name: "width", kind: .int, required: false, description: "Width in pixels."),
        Field(name: "strength", kind: .float, required: false, description: "Strength of the effect."),
        Field(name: "safety_check", kind: .bool, required: false, description: "Run the safety check."),
        Field(name: "labels", kind: .list("str"), required: false, description: "Labels."),
    ]

    // MARK: Docs pages

    static func link(_ type: String, optional: Bool) -> String {
        let text = optional ? "Optional[components.\(type)]" : "components.\(type)"
        return "[\(text)](../../models/components/\(type.lowercased()).md)"
    }

    static func typeCell(_ f: Field) -> String {
        func scalar(_ s: String) -> String { f.required ? "*\(s)*" : "*Optional[\(s)]*" }
        switch f.kind {
        case .str: return scalar("str")
        case .int: return scalar("int")
        case .float: return scalar("float")
        case .bool: return scalar("bool")
        case .nullable(let s): return "*Nullable[\(s)]*"
        case .optionalNullable(let s): return "*OptionalNullable[\(s)]*"
        case .list(let s): return "List[*\(s)*]"
        case .dict(let s): return "Dict[str, *\(s)*]"
        case .enumRef(let t), .modelRef(let t), .file(let t): return link(t, optional: !f.required)
        case .modelList(let t): return "List[\(link(t, optional: false))]"
        }
    }

    static func page(title: String, description: String, fields: [Field]) -> String {
        var s = "# \(title)\n\n\(description)\n\n## Fields\n\n"
        s += "| Field | Type | Required | Description |\n| ----- | ---- | -------- | ----------- |\n"
        for f in fields {
            s += "| `\(f.name)` | \(typeCell(f)) | \(f.required ? ":heavy_check_mark:" : ":heavy_minus_sign:") | \(f.description) |\n"
        }
        return s
    }

    func writeDocs(to root: URL) throws {
        let dir = root.appendingPathComponent("docs/models/components")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        func write(_ name: String, _ text: String) throws {
            try Data(text.utf8).write(to: dir.appendingPathComponent("\(name.lowercased()).md"))
        }
        for i in 0..<models {
            try write(modelName(i), Self.page(title: modelName(i), description: "Record number \(i) of the synthetic API.", fields: fields(ofModel: i)))
            var e = "# \(enumName(i))\n\nLifecycle state of \(modelName(i)).\n\n## Values\n\n| Name | Value |\n| ---- | ----- |\n"
            for (name, value) in enumValues(i) { e += "| `\(name)` | \(value) |\n" }
            try write(enumName(i), e)
        }
        try write("UploadFile", """
            # UploadFile


            ## Fields

            | Field | Type | Required | Description |
            | ----- | ---- | -------- | ----------- |
            | `file_name` | *str* | :heavy_check_mark: | N/A |
            | `content` | *Union[bytes, IO[bytes], io.BufferedReader]* | :heavy_check_mark: | N/A |
            | `content_type` | *Optional[str]* | :heavy_minus_sign: | N/A |

            """)
        try write("UploadBody", Self.page(title: "UploadBody", description: "A multipart/form-data upload.", fields: Self.uploadFields))
    }

    // MARK: OpenAPI 3.1

    static func schema(_ f: Field) -> [String: Any] {
        func ref(_ t: String) -> [String: Any] { ["$ref": "#/components/schemas/\(t)"] }
        func scalar(_ s: String) -> [String: Any] {
            switch s {
            case "int": return ["type": "integer"]
            case "float": return ["type": "number", "format": "double"]
            case "bool": return ["type": "boolean"]
            default: return ["type": "string"]
            }
        }
        var s: [String: Any]
        switch f.kind {
        case .str: s = scalar("str")
        case .int: s = scalar("int")
        case .float: s = scalar("float")
        case .bool: s = scalar("bool")
        case .nullable(let t), .optionalNullable(let t): s = ["type": [scalar(t)["type"]!, "null"]]
        case .list(let t): s = ["type": "array", "items": scalar(t)]
        case .dict(let t): s = ["type": "object", "additionalProperties": scalar(t)]
        case .enumRef(let t), .modelRef(let t): s = ref(t)
        case .modelList(let t): s = ["type": "array", "items": ref(t)]
        case .file: s = ["type": "string", "format": "binary"]
        }
        if case .enumRef = f.kind {} else if case .modelRef = f.kind {} else { s["description"] = f.description }
        return s
    }

    static func objectSchema(_ fields: [Field], description: String) -> [String: Any] {
        var properties: [String: Any] = [:]
        for f in fields { properties[f.name] = schema(f) }
        return [
            "type": "object", "description": description, "properties": properties,
            "required": fields.filter(\.required).map(\.name),
        ]
    }

    func openAPI() -> [String: Any] {
        var schemas: [String: Any] = [:]
        for i in 0..<models {
            schemas[modelName(i)] = Self.objectSchema(fields(ofModel: i), description: "Record number \(i) of the synthetic API.")
            schemas[enumName(i)] = ["type": "string", "description": "Lifecycle state of \(modelName(i)).", "enum": enumValues(i).map(\.1)]
        }
        schemas["UploadBody"] = Self.objectSchema(Self.uploadFields, description: "A multipart/form-data upload.")
        return [
            "openapi": "3.1.0",
            "info": ["title": "Workload", "version": "1.0.0"],
            "paths": [
                "/upload": [
                    "post": [
                        "operationId": "upload",
                        "requestBody": [
                            "required": true,
                            "content": ["multipart/form-data": ["schema": ["$ref": "#/components/schemas/UploadBody"]]],
                        ],
                        "responses": ["200": ["description": "OK"]],
                    ]
                ]
            ],
            "components": ["schemas": schemas],
        ]
    }
}

func usage() -> Never {
    FileHandle.standardError.write(Data("usage: workload N [--docs DIR] [--openapi FILE]\n".utf8))
    exit(2)
}

var args = Array(CommandLine.arguments.dropFirst())
guard let first = args.first, let n = Int(first), n > 0 else { usage() }
args.removeFirst()
var docs: String?
var openapi: String?
while let flag = args.first {
    args.removeFirst()
    guard let value = args.first else { usage() }
    args.removeFirst()
    switch flag {
    case "--docs": docs = value
    case "--openapi": openapi = value
    default: usage()
    }
}
let workload = Workload(models: n)
if let docs { try workload.writeDocs(to: URL(fileURLWithPath: docs)) }
if let openapi {
    let data = try JSONSerialization.data(withJSONObject: workload.openAPI(), options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
    try data.write(to: URL(fileURLWithPath: openapi))
}
