import Foundation
internal import CGDAL

/// An 8-bit image read whole through GDAL's raster drivers (PNG, JPEG, GeoTIFF): how a test looks at a screenshot
/// of `report.html` without a decoder of its own.
public struct RasterImage: Sendable {
    public let width: Int
    public let height: Int
    /// Bands per pixel: 3 (RGB) or 4 (RGBA); 1 for grey.
    public let bands: Int
    /// Pixel-interleaved samples, row by row from the top: RGBRGB… (or RGBARGBA…).
    public let samples: [UInt8]

    /// Reads every band of `path` as bytes (`GDALOpenEx` raster, `GDALDatasetRasterIO`).
    public static func read(path: String) throws -> RasterImage {
        _ = GDALLibrary.ready
        guard FileManager.default.fileExists(atPath: path) else { throw GeoError(.notFound, "\(path): no such file") }
        guard let dataset = GDALOpenEx(path, UInt32(GDAL_OF_RASTER | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR), nil, nil, nil) else {
            throw GeoError(.notADataset, "\(path): not an image GDAL can read\(GDALLibrary.reasonSuffix())")
        }
        defer { GDALClose(dataset) }
        let width = Int(GDALGetRasterXSize(dataset)), height = Int(GDALGetRasterYSize(dataset))
        let bands = Int(GDALGetRasterCount(dataset))
        guard width > 0, height > 0, bands > 0 else { throw GeoError(.notADataset, "\(path): the image has no pixels") }
        var samples = [UInt8](repeating: 0, count: width * height * bands)
        let status = samples.withUnsafeMutableBytes { buffer in
            GDALDatasetRasterIO(dataset, GF_Read, 0, 0, Int32(width), Int32(height), buffer.baseAddress, Int32(width), Int32(height),
                                GDT_Byte, Int32(bands), nil, Int32(bands), Int32(width * bands), 1)
        }
        guard status == CE_None else { throw GeoError(.library, "\(path): cannot read the pixels\(GDALLibrary.reasonSuffix())") }
        return RasterImage(width: width, height: height, bands: bands, samples: samples)
    }

    /// The red, green and blue of a pixel (grey repeated for one band).
    public func rgb(x: Int, y: Int) -> (r: UInt8, g: UInt8, b: UInt8) {
        let i = (y * width + x) * bands
        return bands >= 3 ? (samples[i], samples[i + 1], samples[i + 2]) : (samples[i], samples[i], samples[i])
    }
}
