/// The command-line grammar of docmodelgen's subcommands: what each accepts, how arguments are
/// split into options, flags and inputs, and the `--help` text.
///
/// A small hand-written parser (instead of swift-argument-parser, which was most of the tool's
/// clean build time). It supports exactly what the subcommands use:
/// - `--name VALUE` and `--name=VALUE` options; repeatable ones collect every value, the others
///   keep the last;
/// - `--name` flags;
/// - inputs (positional arguments) anywhere, and everything after `--` as inputs;
/// - `-h`/`--help`.

/// One option or flag of a subcommand.
struct OptionSpec: Sendable {
    /// The long name without dashes: `output` for `--output`.
    var name: String
    /// The value's placeholder in help (`<output>`); nil for a flag, which takes no value.
    var valueName: String?
    /// One sentence for `--help`.
    var help: String

    /// An option that takes a value, shown as `<valueName>` (by default the option's name).
    static func option(_ name: String, valueName: String? = nil, help: String) -> OptionSpec {
        OptionSpec(name: name, valueName: valueName ?? name, help: help)
    }

    /// A flag: present or absent, no value.
    static func flag(_ name: String, help: String) -> OptionSpec {
        OptionSpec(name: name, valueName: nil, help: help)
    }

    /// `--output <output>` or `--check`.
    var synopsis: String {
        valueName.map { "--\(name) <\($0)>" } ?? "--\(name)"
    }
}

/// What a subcommand accepts, and its help text.
struct CommandSpec: Sendable {
    /// The subcommand's name: `generate`.
    var name: String
    /// One line for the tool's overview and the top of `--help`.
    var abstract: String
    /// A paragraph after the abstract in `--help`, if any.
    var discussion: String? = nil
    /// Help for the inputs (positional arguments).
    var inputsHelp: String
    /// Whether at least one input is required.
    var inputsRequired: Bool
    var options: [OptionSpec] = []

    /// A subcommand that takes one or more inputs and nothing else (`schema`, `validate`).
    static func inputsOnly(_ name: String, abstract: String, options: [OptionSpec] = []) -> CommandSpec {
        CommandSpec(
            name: name, abstract: abstract,
            inputsHelp: "Markdown pages or folders searched recursively for .md files.", inputsRequired: true, options: options)
    }

    /// The usage line: `docmodelgen generate [<options>] [<inputs> ...]`.
    var usage: String {
        let inputs = inputsRequired ? "<inputs> ..." : "[<inputs> ...]"
        return "\(CommandLineTool.name) \(name)\(options.isEmpty ? "" : " [<options>]") \(inputs)"
    }

    /// The `--help` text.
    var helpText: String {
        var text = "OVERVIEW: \(HelpFormatter.wrap(abstract, indent: 0, firstLineUsed: 10))\n\n"
        if let discussion { text += HelpFormatter.wrap(discussion, indent: 0) + "\n\n" }
        text += "USAGE: \(usage)\n\nARGUMENTS:\n"
        text += HelpFormatter.row("<inputs>", inputsHelp) + "\nOPTIONS:\n"
        for option in options { text += HelpFormatter.row(option.synopsis, option.help) }
        text += HelpFormatter.row("-h, --help", "Show help information.") + "\n"
        return text
    }

    /// Splits `arguments` (those after the subcommand's name) by this command's grammar.
    func parse(_ arguments: [String]) throws(UsageError) -> ParsedArguments {
        // Help anywhere before `--` wins over any problem elsewhere on the line.
        if arguments.prefix(while: { $0 != "--" }).contains(where: { $0 == "-h" || $0 == "--help" }) {
            throw UsageError.helpRequested
        }
        var parsed = ParsedArguments()
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            if argument == "--" {
                parsed.inputs += remaining
                break
            }
            guard argument.hasPrefix("-"), argument != "-" else {
                parsed.inputs.append(argument)
                continue
            }
            let spelled = argument.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let attached = spelled.count == 2 ? String(spelled[1]) : nil
            guard argument.hasPrefix("--"), let option = options.first(where: { "--" + $0.name == spelled[0] }) else {
                throw UsageError("unknown option '\(spelled[0])'")
            }
            guard option.valueName != nil else {
                if attached != nil { throw UsageError("'--\(option.name)' takes no value") }
                parsed.flags.insert(option.name)
                continue
            }
            if let attached {
                parsed.values[option.name, default: []].append(attached)
            } else if let next = remaining.first, !next.hasPrefix("-") || next == "-" {
                parsed.values[option.name, default: []].append(next)
                remaining.removeFirst()
            } else {
                throw UsageError("missing value for '\(option.synopsis)'")
            }
        }
        if inputsRequired && parsed.inputs.isEmpty { throw UsageError("missing expected argument '<inputs> ...'") }
        return parsed
    }
}

/// The arguments of one subcommand, split by its `CommandSpec`.
struct ParsedArguments: Sendable, Equatable {
    /// Positional arguments, in order.
    var inputs: [String] = []
    /// Every value given for each option, in order, by option name.
    var values: [String: [String]] = [:]
    /// The flags given, by name.
    var flags: Set<String> = []

    /// The last value given for `--name`, or nil.
    func value(_ name: String) -> String? { values[name]?.last }

    /// Every value given for a repeatable `--name`.
    func allValues(_ name: String) -> [String] { values[name] ?? [] }

    /// Whether the flag `--name` was given.
    func flag(_ name: String) -> Bool { flags.contains(name) }
}

/// A command line that does not fit the grammar (exit status 2), or a request for help (0).
struct UsageError: Error, Equatable, Sendable {
    /// The one-line problem; nil when help was asked for.
    var message: String?

    init(_ message: String) { self.message = message }
    private init() { message = nil }

    /// `-h` or `--help` was given.
    static let helpRequested = UsageError()
}

/// The tool as a whole: its subcommands and its top-level help.
enum CommandLineTool {
    static let name = "docmodelgen"
    static let abstract = "Generate Swift models from markdown model docs (Speakeasy docs/models pages)."

    /// The top-level `--help` text, listing `commands`.
    static func helpText(_ commands: [CommandSpec]) -> String {
        var text = "OVERVIEW: \(HelpFormatter.wrap(abstract, indent: 0, firstLineUsed: 10))\n\n"
        text += "USAGE: \(name) <subcommand>\n\nOPTIONS:\n"
        text += HelpFormatter.row("-h, --help", "Show help information.")
        text += "\nSUBCOMMANDS:\n"
        for command in commands { text += HelpFormatter.row(command.name, command.abstract) }
        text += "\n  See '\(name) help <subcommand>' for detailed help.\n"
        return text
    }
}

/// Lays out help text in 80 columns: option rows with their help in a column at 26.
enum HelpFormatter {
    static let width = 80
    static let column = 26

    /// `  --output <output>       Folder for …`, the help on the next line when the name leaves no
    /// space before the column.
    static func row(_ name: String, _ help: String) -> String {
        let lead = "  " + name
        let text = wrap(help, indent: column)
        if lead.count < column {
            return lead + String(repeating: " ", count: column - lead.count) + text + "\n"
        }
        return lead + "\n" + String(repeating: " ", count: column) + text + "\n"
    }

    /// `text` broken at spaces into lines shorter than `width` columns; lines after the first are
    /// indented by `indent`, and the first starts after `firstLineUsed` columns (default `indent`).
    static func wrap(_ text: String, indent: Int, firstLineUsed: Int? = nil) -> String {
        var lines: [String] = []
        var line = ""
        var used = firstLineUsed ?? indent
        for word in text.split(separator: " ") {
            if !line.isEmpty, used + line.count + 1 + word.count >= width {
                lines.append(line)
                line = ""
                used = indent
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        lines.append(line)
        return lines.joined(separator: "\n" + String(repeating: " ", count: indent))
    }
}
