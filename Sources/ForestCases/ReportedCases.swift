import Foundation
import Geo
import ForestMapCore

/// `forestmap cases add`: cases a patrol (巡查) found or the public reported (群众反映), from a CSV or XLSX table
/// with a header row: 日期 `date`, 来源 `source` (patrol/巡查, public/群众反映), 描述 `description`, and a
/// location: 经度/纬度 `lon`/`lat` (CGCS2000 degrees) or `x`/`y` (in the register's CRS); optionally
/// 乡镇代码 `township_code` (else the township whose boundary holds the point), 面积 `area_ha`, 报告人 `who`. Each
/// row becomes an open case numbered in its township and year; adding the same row again adds nothing.
public enum ReportedCases {
    public struct Outcome: Sendable {
        public var added: [String] = []
        public var unchanged = 0
        public var refused: [FieldFormImport.Refusal] = []
        public var summary: String { "cases add: \(added.count) cases added, \(unchanged) already in the register, \(refused.count) rows refused" }
    }

    static let headers: [String: [String]] = [
        "date": ["date", "日期", "发现日期", "报告日期"], "source": ["source", "来源"], "description": ["description", "描述", "问题描述", "情况"],
        "lon": ["lon", "经度", "longitude"], "lat": ["lat", "纬度", "latitude"], "x": ["x", "X坐标", "x坐标"], "y": ["y", "Y坐标", "y坐标"],
        "township_code": ["township_code", "乡镇代码"], "area_ha": ["area_ha", "面积", "面积（公顷）"], "who": ["who", "报告人", "巡查人"],
    ]

    /// Adds the rows of `file` to the register; `townships` locates a point's township when the row gives none.
    public static func perform(_ file: String, into register: CaseRegister, townships: TownshipBoundaries?, today: CaseDate) throws -> Outcome {
        let book: Spreadsheet
        do { book = try Spreadsheet(reading: file) } catch let e as GeoError { throw ForestMapError.input(e.message) }
        guard let sheet = book.sheets.first(where: { !$0.rows.isEmpty }), let headerRow = sheet.rows.firstIndex(where: { !$0.allSatisfy(\.isEmpty) }) else {
            throw ForestMapError.input("\(file): is empty; give a table with a header row (date, source, description, lon, lat)")
        }
        let header = sheet.rows[headerRow].map { $0.trimmingCharacters(in: .whitespaces) }
        func column(_ key: String) -> Int? { header.firstIndex { h in headers[key]!.contains { $0.caseInsensitiveCompare(h) == .orderedSame } } }
        guard let dateColumn = column("date"), let sourceColumn = column("source") else {
            throw ForestMapError.input("\(file): needs the columns date (日期) and source (来源); found: \(header.joined(separator: ", "))")
        }
        let lonLat = (column("lon"), column("lat")), xy = (column("x"), column("y"))
        guard (lonLat.0 != nil && lonLat.1 != nil) || (xy.0 != nil && xy.1 != nil) else {
            throw ForestMapError.input("\(file): needs a location: the columns lon and lat (经度, 纬度, CGCS2000) or x and y (in the register's CRS)")
        }
        guard let crs = register.spatialReference else { throw ForestMapError.input("\(register.location.displayPath): the register has no CRS") }
        let fromLonLat = try CoordinateTransform(from: SpatialReference(epsg: 4490), to: crs)
        let toLonLat = try CoordinateTransform(from: crs, to: SpatialReference(epsg: 4490))
        let context = GEOSContext()
        let townshipShapes = try townships.map { t in try t.parts.map { (code: t.townships[$0.township].code, name: t.townships[$0.township].name, shape: try Geometry(wkb: $0.wkb, context: context)) } }

        var outcome = Outcome()
        try register.update { state in
            for (k, cells) in sheet.rows.enumerated().dropFirst(headerRow + 1) {
                func cell(_ c: Int?) -> String { c.flatMap { $0 < cells.count ? cells[$0].trimmingCharacters(in: .whitespacesAndNewlines) : nil } ?? "" }
                guard !cells.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) else { continue }
                func refuse(_ reason: String) { outcome.refused.append(.init(file: file, sheet: sheet.name, row: k + 1, id: "", reason: reason)) }
                guard let date = CaseDate(text: cell(dateColumn)) else { refuse("date \"\(cell(dateColumn))\" is not a date; write it as 2022-03-31"); continue }
                guard date <= today else { refuse("date \(date) lies in the future (today is \(today))"); continue }
                guard let source = CaseSource(text: cell(sourceColumn)), source != .change else {
                    refuse("source \"\(cell(sourceColumn))\" is not patrol (巡查) or public (群众反映)"); continue
                }
                var x = [0.0], y = [0.0], lon = [0.0], lat = [0.0]
                if let a = Double(cell(lonLat.0)), let b = Double(cell(lonLat.1)) {
                    guard (-180...180).contains(a), (-90...90).contains(b) else { refuse("lon \(a), lat \(b) are not CGCS2000 degrees"); continue }
                    (lon[0], lat[0], x[0], y[0]) = (a, b, a, b)
                    try fromLonLat.transform(xs: &x, ys: &y)
                } else if let a = Double(cell(xy.0)), let b = Double(cell(xy.1)) {
                    (x[0], y[0], lon[0], lat[0]) = (a, b, a, b)
                    try toLonLat.transform(xs: &lon, ys: &lat)
                } else {
                    refuse("no location: fill lon and lat (or x and y) with numbers"); continue
                }
                let description = cell(column("description"))
                let key = "added|\(source.rawValue)|\(date)|\(FixedDecimal(lon[0], decimals: 6).text),\(FixedDecimal(lat[0], decimals: 6).text)|\(description)"
                guard !state.has(key: key) else { outcome.unchanged += 1; continue }
                let point = WKB(point: Point(x[0], y[0]))
                var township = cell(column("township_code")), name = ""
                if let shapes = townshipShapes {
                    let p = try Geometry(wkb: point, context: context)
                    if let hit = shapes.first(where: { $0.shape.intersects(p) }) {
                        if township.isEmpty { township = hit.code }
                        if township == hit.code { name = hit.name }
                    }
                }
                if name.isEmpty { name = Township.huaxi.first { $0.code == township }?.name ?? "" }
                guard !township.isEmpty else { refuse("no township: the point lies in no township boundary; fill township_code (乡镇代码)"); continue }
                let number = state.nextNumber(township: township, year: date.year)
                let id = RegisterCase.identifier(township: township, year: date.year, number: number)
                let hectares = Double(cell(column("area_ha"))) ?? 0
                state.put(RegisterCase(
                    caseID: id, source: source, townshipCode: township, townshipName: name, year: date.year, number: number, status: .open,
                    opened: date, lastEvent: date, confirmedOn: nil, squareMetres: hectares * 10_000, longitude: lon[0], latitude: lat[0],
                    x: x[0], y: y[0], hitIDs: [], attributes: ["description": description], description: description, geometry: point))
                state.record(.added, caseID: id, date: date, status: .open, who: cell(column("who")), notes: description,
                             origin: "\((file as NSString).lastPathComponent) row \(k + 1)", key: key)
                outcome.added.append(id)
            }
        }
        return outcome
    }
}
