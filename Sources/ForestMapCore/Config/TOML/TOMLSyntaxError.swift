/// What is wrong in a TOML document and where: a line and a column (both from 1; the column counts characters).
struct TOMLSyntaxError: Error, Equatable {
    let line: Int
    let column: Int
    /// The problem in plain words, one line.
    let message: String
}

/// A problem found while parsing, at a byte offset into the document; `TOMLParser.parse` turns it into a line and
/// a column once, when it stops.
struct TOMLProblem: Error {
    let offset: Int
    let message: String

    init(at offset: Int, _ message: String) {
        self.offset = offset
        self.message = message
    }
}
