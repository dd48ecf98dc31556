/// The lower-case words of a name as Speakeasy spells groups, operations and models: split at
/// spaces, punctuation and lower-to-upper case changes (`ChatRender` → chat, render;
/// `containerChatComplete` → container, chat, complete; `customer portal` → customer, portal).
public enum NameWords {
    public static func split(_ name: Substring) -> [String] {
        var words: [String] = []
        var current = ""
        var previous: Character?
        for character in name {
            if !(character.isLetter || character.isNumber) {
                if !current.isEmpty { words.append(current) }
                current = ""
            } else {
                if character.isUppercase, let before = previous, before.isLowercase || before.isNumber, !current.isEmpty {
                    words.append(current)
                    current = ""
                }
                current.append(character)
            }
            previous = character
        }
        if !current.isEmpty { words.append(current) }
        return words.map { $0.lowercased() }
    }

    public static func split(_ name: String) -> [String] { split(name[...]) }
}
