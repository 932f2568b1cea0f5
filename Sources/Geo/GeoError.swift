/// An error from the geospatial layer: one line a GIS officer can act on.
///
/// `message` names the file, layer, field or feature and says what to do; `kind` lets the caller choose an exit
/// code (bad input versus a failure inside a library).
public struct GeoError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// The file or folder does not exist.
        case notFound
        /// The file exists but no GDAL vector driver can read it.
        case notADataset
        /// The named layer is not in the source, or a multi-layer source needs a layer name.
        case missingLayer
        /// A required field is not in the layer.
        case missingField
        /// The layer has no coordinate reference system, or one that cannot be used as it is.
        case badCRS
        /// The layer has no features.
        case emptyLayer
        /// A geometry that cannot be used (unreadable WKB, self-intersection where validity is required).
        case badGeometry
        /// An output cannot be written (folder missing, permission, driver refused).
        case cannotWrite
        /// A library call failed for a reason that is not the input's fault.
        case library
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
