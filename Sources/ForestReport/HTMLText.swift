import ForestMapCore

/// Text for HTML and SVG: the five characters markup gives a meaning escaped, line breaks kept as `<br>` where asked.
enum HTMLText {
    static func escape(_ text: String) -> String { MarkupText.escape(text) }

    /// Escaped, with each line break as `<br>` (multi-line table headers).
    static func escapeLines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { escape(String($0)) }.joined(separator: "<br>")
    }
}
