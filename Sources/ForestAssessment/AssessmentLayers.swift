import Foundation
import Geo
import ForestChange
import ForestMapCore

/// The assessment's auxiliary layers (README "Synthetic inputs and their schemas" gives the fields), read as
/// records per township. Only the records of the reporting period count: tasks of the year (`ND`), fires and
/// pest damage dated in the period (`FSRQ`), projects of the year.
public struct AssessmentLayers: Sendable {
    /// 营造林任务: one task polygon.
    public struct Task: Sendable, Hashable {
        public enum Kind: String, Sendable, CaseIterable, Codable, CodingKeyRepresentable { case afforestation = "造林", tending = "抚育", replanting = "退耕还林补植" }
        public var kind: Kind
        public var townshipCode: String
        /// RWMJ task area and WCMJ verified completed area, ha.
        public var taskHectares: Double
        public var doneHectares: Double
        public init(kind: Kind, townshipCode: String, taskHectares: Double, doneHectares: Double) {
            self.kind = kind
            self.townshipCode = townshipCode
            self.taskHectares = taskHectares
            self.doneHectares = doneHectares
        }
    }

    /// 森林火灾: SHMJ damaged forest (受害森林面积), ha.
    public struct Fire: Sendable, Hashable {
        public var townshipCode: String
        public var damagedForestHectares: Double
        public init(townshipCode: String, damagedForestHectares: Double) {
            self.townshipCode = townshipCode
            self.damagedForestHectares = damagedForestHectares
        }
    }

    /// 林业有害生物: CZMJ disaster area (成灾面积), ha.
    public struct Pest: Sendable, Hashable {
        public var townshipCode: String
        public var disasterHectares: Double
        public init(townshipCode: String, disasterHectares: Double) {
            self.townshipCode = townshipCode
            self.disasterHectares = disasterHectares
        }
    }

    /// nil: the config names no such layer.
    public var tasks: [Task]?
    public var fires: [Fire]?
    public var pests: [Pest]?
    /// Township code of each under-forest economy project (林下经济项目).
    public var projects: [String]?
    /// Records left out because they lie outside the period, per layer, for the notes.
    public var outsideThePeriod: [String: Int] = [:]
    /// Values of an optional area field that are not numbers (`FieldNumber`), counted as missing: per
    /// "layer: FIELD", their count and the first one's reason.
    public var badNumbers: [String: (count: Int, first: String)] = [:]

    public init(tasks: [Task]? = nil, fires: [Fire]? = nil, pests: [Pest]? = nil, projects: [String]? = nil) {
        self.tasks = tasks
        self.fires = fires
        self.pests = pests
        self.projects = projects
    }

    /// The reporting period (`[period]`, as `change` reads it) and its year.
    struct Period {
        var dates: ChangePeriod?
        var year: Int?

        init(config: ForestMapConfig) throws {
            year = config.year
            dates = try ChangePeriod.choose(year: nil, period: nil, config: config)
        }

        func contains(date raw: String?) -> Bool { dates?.contains(date: raw) ?? true }

        func contains(year raw: String?) -> Bool {
            guard let year, let raw, let y = Int(raw.trimmingCharacters(in: .whitespaces)) else { return true }
            return y == year
        }
    }

    public static func load(config: ForestMapConfig) throws -> AssessmentLayers {
        var result = AssessmentLayers()
        let period = try Period(config: config)
        let district = config.districtCode
        var skipped: [String: Int] = [:]
        var bad: [String: (count: Int, first: String)] = [:]
        func optional(_ f: Record, _ field: String, _ label: String) -> Double? {
            let value = f.numberValue(field)
            if value.isBad {
                let key = "\(label): \(field)"
                bad[key] = ((bad[key]?.count ?? 0) + 1, bad[key]?.first ?? "feature \(f.fid): \(value.why ?? "")")
            }
            return value.number
        }
        if let source = config.afforestationTasks {
            result.tasks = try read(source, config: config, fields: ["RWLX", "XZQDM", "RWMJ", "WCMJ"], optional: ["ND"]) { f, label in
                guard period.contains(year: f.text("ND")) else { skipped[label, default: 0] += 1; return nil }
                let raw = f.text("RWLX") ?? ""
                guard let kind = Task.Kind(rawValue: raw.trimmingCharacters(in: .whitespaces)) else {
                    throw ForestMapError.input("\(label): feature \(f.fid): RWLX \"\(raw)\" is not one of 造林, 抚育, 退耕还林补植")
                }
                return Task(kind: kind, townshipCode: try f.township(district), taskHectares: try f.number("RWMJ"), doneHectares: optional(f, "WCMJ", label) ?? 0)
            }
        }
        if let source = config.fires {
            result.fires = try read(source, config: config, fields: ["XZQDM", "SHMJ"], optional: ["FSRQ"]) { f, label in
                guard period.contains(date: f.text("FSRQ")) else { skipped[label, default: 0] += 1; return nil }
                return Fire(townshipCode: try f.township(district), damagedForestHectares: optional(f, "SHMJ", label) ?? 0)
            }
        }
        if let source = config.pests {
            result.pests = try read(source, config: config, fields: ["XZQDM", "CZMJ"], optional: ["FSRQ"]) { f, label in
                guard period.contains(date: f.text("FSRQ")) else { skipped[label, default: 0] += 1; return nil }
                return Pest(townshipCode: try f.township(district), disasterHectares: optional(f, "CZMJ", label) ?? 0)
            }
        }
        if let source = config.forestEconomy {
            result.projects = try read(source, config: config, fields: ["XZQDM"], optional: ["ND"]) { f, label in
                guard period.contains(year: f.text("ND")) else { skipped[label, default: 0] += 1; return nil }
                return try f.township(district)
            }
        }
        result.outsideThePeriod = skipped
        result.badNumbers = bad
        return result
    }

    /// One feature's attributes by field name, with messages naming the layer, feature and field.
    struct Record {
        let label: String
        let fid: Int64
        let values: [String: FieldValue]

        func text(_ field: String) -> String? { values[field]?.text }
        /// A numeric field's value (`FieldNumber`: ArcGIS's no-value, NaN and text are bad).
        func numberValue(_ field: String) -> FieldNumber { values[field].map(FieldNumber.init) ?? .empty }
        func number(_ field: String) throws -> Double {
            let value = numberValue(field)
            guard let v = value.number, v >= 0 else {
                throw ForestMapError.input("\(label): feature \(fid): \(field) \(value.why ?? "\"\(values[field]?.text ?? "")\"") is not an area; fill it in (ha)")
            }
            return v
        }
        func township(_ district: String) throws -> String {
            if let problem = TownshipCode.problem(text("XZQDM")) {
                throw ForestMapError.input("\(label): feature \(fid): XZQDM \(problem); correct it")
            }
            guard let code = TownshipCode.full(xiang: text("XZQDM"), xian: district) else {
                throw ForestMapError.input("\(label): feature \(fid) has no township code in XZQDM; fill it in (the 9-digit code)")
            }
            return code
        }
    }

    private static func read<T>(_ source: SourceReference, config: ForestMapConfig, fields: [String], optional: [String],
                                _ make: (Record, String) throws -> T?) throws -> [T] {
        let dataset = try VectorDataset(reading: source, encoding: config.shapefileEncoding)
        let layer = try dataset.layer(named: source.layerName)
        let label = layer.label
        var indices: [(String, Int)] = []
        for name in fields {
            guard let i = layer.fieldIndex(name) else {
                throw ForestMapError.input("\(label): no field \(name); fields: \(layer.fields.map(\.name).joined(separator: ", "))")
            }
            indices.append((name, i))
        }
        for name in optional { if let i = layer.fieldIndex(name) { indices.append((name, i)) } }
        var out: [T] = []
        try layer.forEachFeature { feature in
            let record = Record(label: label, fid: feature.fid, values: Dictionary(uniqueKeysWithValues: indices.map { ($0.0, feature.values[$0.1]) }))
            if let item = try make(record, label) { out.append(item) }
        }
        try layer.checkText()
        return out
    }
}
