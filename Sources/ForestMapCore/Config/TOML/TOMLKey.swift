/// A key as written in the document: its name, and where it starts (for messages).
struct TOMLKey {
    let name: String
    let offset: Int

    /// A dotted key for a message, on one line: bare parts as they are, others in quotes with `"`, `\` and
    /// control characters escaped.
    static func dotted(_ path: [String]) -> String {
        path.map { part in
            if !part.isEmpty && part.utf8.allSatisfy(\.isBareKeyCharacter) { return part }
            let escaped = part.unicodeScalars.map { c in
                switch c {
                case "\"", "\\": "\\\(c)"
                case _ where c.properties.generalCategory == .control: "\\u\(c.hexDigits)"
                default: String(c)
                }
            }
            return "\"" + escaped.joined() + "\""
        }.joined(separator: ".")
    }
}
