import Foundation
import Geo
import ForestMapCore

/// `forestmap update` (一张图年度更新): last year's map plus this year's change patches, written all-or-nothing
/// into an output folder: the new map, the ledgers and the patches that did not apply.
public enum UpdateRun {
    public struct Request: Sendable {
        /// Last year's sub-compartment layer; nil: the config's `[inputs] previous`.
        public var map: String?
        public var patches: String
        /// The update year (BHND where a patch has none, the output layer's name); nil: `[period] year`, else the
        /// latest BHND of the patches.
        public var year: Int?
        /// The config, area method, output folder, threads and repair, as every command takes them.
        public var settings: CommandSettings

        public init(patches: String, outputFolder: String) {
            self.patches = patches
            settings = CommandSettings(outputFolder: outputFolder)
        }
    }

    public struct Report: Sendable {
        public var update: MapUpdate
        /// The new map's layer, as a source reference (`DIR/xiaoban_2021.gpkg|layername=xiaoban_2021`).
        public var mapSource: String
        /// The output folder as committed.
        public var folder: String
        public var files: [String]
        public var text: String

        /// Exit 3 when a patch was rejected (the outputs are written): every patch must be answered.
        public var failure: ForestMapError? {
            let rejected = update.problems.filter { $0.outcome == .rejected }.count
            guard rejected > 0 else { return nil }
            return ForestMapError(.problemsFound, "\(rejected) patch\(rejected == 1 ? "" : "es") not applied; see \(folder)/rejected_patches.csv")
        }
    }

    @discardableResult
    public static func perform(_ request: Request, print printing: Bool = true) throws -> Report {
        let settings = request.settings
        let config = try settings.loadConfig()
        let mapSource = try ForestMapConfig.source(request.map, or: config.previous,
                                                   missing: "no map to update: give --map SOURCE, or --config FILE with [inputs] previous")
        let patchSource = try SourceReference(parsing: request.patches)
        let folder = try settings.openOutputFolder(inputs: config.inputPaths + [mapSource.path, patchSource.path])
        let loadOptions = try config.layerLoadOptions()
        let map = try SubCompartmentLayer.load(mapSource, options: loadOptions)
        let mapFields = try VectorDataset(reading: mapSource, encoding: loadOptions.shapefileEncoding)
            .layer(named: mapSource.layerName).fields
        let keyFields: [String]? = map.subCompartments.first.map { $0.key.hasPrefix("fid:") } == true ? nil
            : config.fields.keyFields { name in mapFields.contains { $0.name.caseInsensitiveCompare(name) == .orderedSame } }
        let read = try UpdatePatchReader.read(patchSource, mapFields: mapFields.map(\.name), keyFields: keyFields, fields: config.fields,
                                              basisField: MapUpdate.basisField, mapCRS: try map.spatialReference(), options: loadOptions)
        let latest = read.patches.compactMap { Int($0.year) }.max()
        guard let year = request.year ?? config.year ?? latest else {
            throw ForestMapError.input("\(read.label): no update year: give --year, set [period] year, or fill BHND in the patches")
        }
        var options = MapUpdate.Options()
        options.fields = config.fields
        options.areaMethod = config.areaMethod
        options.mapUnitSquareMetres = config.mapUnitSquareMetres
        options.minimumSquareMetres = config.check.minimumProblemSquareMetres
        options.thinWidthMetres = config.check.thinWidthMetres
        options.year = String(year)
        options.threads = settings.threads
        let update = try MapUpdate.compute(map: map, mapFields: mapFields, patches: read, options: options)

        let layerName = "xiaoban_\(year)"
        let knownNames = Dictionary(Township.huaxi.map { ($0.code, $0.name) }) { a, _ in a }
        let townshipName = { @Sendable (code: String) in code == "total" ? "合计" : knownNames[code] ?? "" }
        let classOf = { @Sendable (code: String) in
            update.patchTable.classify(code)?.chineseName ?? update.mapTable.classify(code)?.chineseName ?? ""
        }
        let notes = self.notes(update, map: map, patches: read.label, options: options)
        let reportingUnit = config.reportingUnit, date = FiledDate.today()
        let mapFile = folder.file("\(layerName).gpkg"), ledgerFile = folder.file("forest_land_ledger.csv")
        let changedFile = folder.file("changed_subcompartments.csv"), problemsFile = folder.file("rejected_patches.csv")
        let conflictsFile = folder.file("patch_conflicts.csv"), workbookFile = folder.file("update.xlsx")
        let style = mapStyle(update, layerName: layerName, landClassField: config.fields.diLei)
        // The new map and the tables are written at the same time: the GeoPackage on one core, the rest on the other.
        _ = try ParallelJobs.map(jobs: 2, threads: settings.threads, state: {}) { _, job in
            if job == 0 {
                let writer = try VectorWriter(creating: mapFile.path, format: .geoPackage, timestamp: "\(year)-12-31T00:00:00Z")
                let layer = try writer.createLayer(named: layerName, geometry: .polygon, spatialReference: try map.spatialReference(),
                                                   fields: update.fieldDefinitions)
                try layer.write(update.outputs.map { Feature(values: $0.values, geometry: $0.geometry) })
                try writer.writeLayerStyles([style])
                try writer.close()
            } else {
                let ledger = UpdateTables.ledger(update)
                try UpdateTables.ledgerCSV(ledger, townshipName: townshipName).write(to: ledgerFile)
                try UpdateTables.changedCSV(update, classOf: classOf).write(to: changedFile)
                try UpdateTables.problemsCSV(update).write(to: problemsFile)
                try UpdateTables.conflictsCSV(update).write(to: conflictsFile)
                try FiledTable.write(UpdateTables.workbook(update, ledger: ledger, townshipName: townshipName, classOf: classOf,
                                                           reportingUnit: reportingUnit, date: date, notes: notes),
                                     to: workbookFile)
            }
        }
        let repaired = try RepairedCSV.write([map.repairList], into: folder)
        try folder.commit()
        let files = ["\(layerName).gpkg", "forest_land_ledger.csv", "changed_subcompartments.csv", "rejected_patches.csv",
                     "patch_conflicts.csv", "update.xlsx"] + repaired
        let text = ([summary(update, map: map, patches: read.label, year: year)] + (map.codeSystemNotes + RepairedCSV.summary([map.repairList]) + map.numberNotes).map { "note: \($0)" })
            .joined(separator: "\n")
        if printing {
            print(text)
            print("outputs: \(folder.target.path) (\(files.joined(separator: ", ")))")
        }
        return Report(update: update, mapSource: folder.target.appendingPathComponent("\(layerName).gpkg").path + "|layername=\(layerName)",
                      folder: folder.target.path, files: files, text: text)
    }

    /// The new map's default style: by its land-class field's codes (``UpdateStyles``).
    static func mapStyle(_ u: MapUpdate, layerName: String, landClassField: String) -> LayerStyle {
        let index = u.fieldDefinitions.firstIndex { $0.name.caseInsensitiveCompare(landClassField) == .orderedSame }
        let codes = index.map { i in Set(u.outputs.compactMap { $0.values[i].text }).sorted() } ?? []
        let style = UpdateStyles.map(field: index.map { u.fieldDefinitions[$0].name } ?? landClassField, codes: codes) {
            u.patchTable.classify($0) ?? u.mapTable.classify($0)
        }
        return style.layerStyle(layer: layerName, description: "年度更新 \(layerName) sub-compartments by land class")
    }

    static func notes(_ u: MapUpdate, map: SubCompartmentLayer, patches: String, options: MapUpdate.Options) -> [String] {
        var notes = [
            "上期 map: \(map.label) (\(u.mapTable.system.rawValue)); 变化图斑 patches: \(patches) (\(u.patchTable.system.rawValue))",
            options.areaMethod == .ellipsoidal ? "面积计算方法 area method: 椭球面积 ellipsoidal" : "面积计算方法 area method: 平面面积 planar",
            String(format: "最小上图面积 map unit %.1f m²: smaller pieces merged into the neighbour with the longest shared edge (BHYY 97)", options.mapUnitSquareMetres),
        ]
        if u.mapTable.system != u.patchTable.system {
            notes.append("代码体系转换 codes the patches do not set are carried from \(u.mapTable.system.rawValue) into \(u.patchTable.system.rawValue) by class")
        }
        if !u.untranslated.isEmpty {
            notes.append("\(u.untranslated.count) sub-compartments keep a \(u.mapTable.system.rawValue) code with no \(u.patchTable.system.rawValue) equivalent and no patch (e.g. \(u.untranslated.prefix(3).joined(separator: ", "))): give them a reclassification patch")
        }
        return notes
    }

    static func summary(_ u: MapUpdate, map: SubCompartmentLayer, patches: String, year: Int) -> String {
        let rejected = u.problems.filter { $0.outcome == .rejected }.count, trimmed = u.problems.count - rejected
        let cut = Set(u.outputs.filter(\.touched).map(\.parent)).count
        let renumbered = u.changed.filter { $0.status == "new_number" }.count
        var lines = [
            "\(map.label) + \(patches) → xiaoban_\(year): \(map.subCompartments.count) → \(u.outputs.count) sub-compartments",
            "  patches: \(u.appliedPatches) applied, \(u.recordUpdates) record updates, \(rejected) rejected, \(trimmed) trimmed, \(u.conflicts.count) conflicts decided",
            "  \(cut) sub-compartments cut or changed, \(renumbered) new numbers, \(u.slivers) slivers merged (BHYY 97)\(u.keptSlivers > 0 ? ", \(u.keptSlivers) slivers with no neighbour kept" : "")",
        ]
        let gained = u.classChanges.filter { !($0.from?.isForestLand ?? false) && ($0.to?.isForestLand ?? false) }.reduce(0) { $0 + $1.squareMetres }
        let lost = u.classChanges.filter { ($0.from?.isForestLand ?? false) && !($0.to?.isForestLand ?? false) }.reduce(0) { $0 + $1.squareMetres }
        lines.append(String(format: "  forest land 林地: +%.4f ha, −%.4f ha", AreaUnit.hectares(gained), AreaUnit.hectares(lost)))
        if !u.untranslated.isEmpty {
            lines.append("  note: \(u.untranslated.count) sub-compartments keep a code with no \(u.patchTable.system.rawValue) equivalent (see update.xlsx notes)")
        }
        return lines.joined(separator: "\n")
    }
}
