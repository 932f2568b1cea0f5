import Foundation
internal import CGDAL

/// Chooses the text encoding of a Shapefile's .dbf when the file does not say.
///
/// GDAL honours a .cpg file and the .dbf's language driver byte (LDID); with neither it assumes ISO-8859-1, which
/// turns GBK (CP936) Chinese into garbage. Chinese offices often deliver exactly such files. This reads up to
/// `sampleSize` features' text raw (`ENCODING=""`) and picks UTF-8 when every value is valid UTF-8, else CP936.
enum ShapefileEncoding {
    static let sampleSize = 2_000

    /// The ENCODING open option to use, or nil to leave GDAL's own choice (not a Shapefile, .cpg or LDID present).
    static func detect(path: String) throws -> String? {
        let url = URL(fileURLWithPath: path)
        guard url.pathExtension.lowercased() == "shp" else { return nil }
        let base = url.deletingPathExtension()
        let fm = FileManager.default
        if ["cpg", "CPG"].contains(where: { fm.fileExists(atPath: base.appendingPathExtension($0).path) }) { return nil }
        guard let dbf = ["dbf", "DBF"].map({ base.appendingPathExtension($0) }).first(where: { fm.fileExists(atPath: $0.path) }),
              let header = try? FileHandle(forReadingFrom: dbf).read(upToCount: 32), header.count == 32 else { return nil }
        if header[29] != 0 { return nil }
        return allTextIsUTF8(path: path) ? "UTF-8" : "CP936"
    }

    /// Reads text fields without recoding and reports whether all of them are valid UTF-8.
    private static func allTextIsUTF8(path: String) -> Bool {
        let flags = UInt32(GDAL_OF_VECTOR | GDAL_OF_READONLY)
        guard let ds = GDALLibrary.withOptionList(["ENCODING": ""], { GDALOpenEx(path, flags, nil, $0, nil) }) else { return true }
        defer { GDALClose(ds) }
        guard let layer = GDALDatasetGetLayer(ds, 0), let defn = OGR_L_GetLayerDefn(layer) else { return true }
        let textFields = (0..<OGR_FD_GetFieldCount(defn)).filter { OGR_Fld_GetType(OGR_FD_GetFieldDefn(defn, $0)) == OFTString }
        guard !textFields.isEmpty else { return true }
        var seen = 0
        while seen < sampleSize, let feature = OGR_L_GetNextFeature(layer) {
            defer { OGR_F_Destroy(feature) }
            seen += 1
            for i in textFields where OGR_F_IsFieldSetAndNotNull(feature, i) != 0 {
                guard let raw = OGR_F_GetFieldAsString(feature, i) else { continue }
                if String(validatingCString: raw) == nil { return false }
            }
        }
        return true
    }
}
