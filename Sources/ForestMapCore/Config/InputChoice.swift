import Geo

extension ForestMapConfig {
    /// The source a command was given on its command line, else the one the config names; `missing` is the
    /// one-line error when there is neither.
    package static func source(_ given: String?, or configured: SourceReference?, missing: String) throws -> SourceReference {
        if let given { return try SourceReference(parsing: given) }
        if let configured { return configured }
        throw ForestMapError.input(missing)
    }
}
