import Foundation
import Geo

/// Checks that a layer's CRS can be used as it is (docs/domain.md §7): it exists, it is not an old Chinese datum
/// without transformation parameters, and, in a Gauss-Kruger CRS, its eastings agree with its zone prefix.
package enum CRSCheck {
    package static func usable(_ srs: SpatialReference?, extent: Envelope?, label: String, towgs84: [Double]?) throws -> SpatialReference {
        // GeoPackage stores "no CRS" as srs_id 0 / -1, which GDAL reads as "Undefined geographic/Cartesian SRS".
        guard var srs, !srs.name.lowercased().hasPrefix("undefined") else {
            throw ForestMapError.input("\(label): the layer has no coordinate reference system; assign the right one (e.g. EPSG:4545 for CGCS2000 Gauss-Kruger CM 108E) in QGIS or with a .prj file")
        }
        let datum = srs.datumName.lowercased()
        if datum.contains("xian") || datum.contains("beijing") {
            let name = datum.contains("xian") ? "Xian 1980" : "Beijing 1954"
            if let towgs84 {
                srs = try srs.withTOWGS84(towgs84)
            } else if !srs.hasTOWGS84 {
                throw ForestMapError.input("\(label): the layer is in \(name) (\(srs.label)) with no transformation parameters to CGCS2000; reproject it to CGCS2000 (EPSG:4490 or its Gauss-Kruger zones) or give the 7 parameters as [crs] towgs84")
            }
        }
        // Only Gauss-Kruger (transverse Mercator) eastings carry a zone prefix; Web Mercator's run to 20,000 km.
        if srs.projectionMethod?.hasPrefix("Transverse_Mercator") == true, let falseEasting = srs.falseEasting, let extent {
            let hasPrefix = falseEasting >= 1_000_000
            let dataHasPrefix = extent.minX >= 1_000_000
            if hasPrefix != dataHasPrefix {
                let expected = suggestion(for: srs, withPrefix: dataHasPrefix)
                let eastings = String(format: "%.0f", extent.minX)
                throw ForestMapError.input("\(label): eastings (from \(eastings)) \(dataHasPrefix ? "carry" : "lack") a Gauss-Kruger zone prefix but the CRS \(srs.label) \(hasPrefix ? "has" : "has none")\(expected); assign the matching CRS")
            }
        }
        return srs
    }

    /// Why planar areas cannot be measured in `srs`: a Mercator projection (Web Mercator, EPSG:3857, or World
    /// Mercator), whose square metres grow away from the equator by 1 / cos² of the latitude (1.33 times the ground
    /// at 30°N); nil for other CRSs.
    static func planarAreaRefusal(_ srs: SpatialReference) -> String? {
        guard let method = srs.projectionMethod, method.contains("Mercator"), !method.contains("Transverse"), !method.contains("Oblique") else { return nil }
        return "planar area cannot be measured in \(srs.label): a Mercator projection's square metres grow away from the equator (1.33 times the ground at 30°N)"
    }

    /// "; the layer's CRS is probably EPSG:4524" for CGCS2000 3-degree zones.
    private static func suggestion(for srs: SpatialReference, withPrefix: Bool) -> String {
        guard srs.datumName.lowercased().contains("2000"), let cm = srs.centralMeridian,
              cm >= 75, cm <= 135, cm.truncatingRemainder(dividingBy: 3) == 0 else { return "" }
        let code = (withPrefix ? 4513 : 4534) + Int(cm - 75) / 3
        return "; the layer's CRS is probably EPSG:\(code)"
    }
}
