import Foundation
import Geo

/// The register's tables (README "Case register"), and how a register of an older schema is brought forward.
///
/// - `register_info`: `key`, `value` (`schema_version`, `created`).
/// - `cases`: one row per case, its geometry the patch or the reported point.
/// - `case_events`: the history, append-only.
/// - `case_subcompartments` (from schema 2): the sub-compartments of both years a case came from, for its dossier.
enum CaseRegisterSchema {
    /// The schema this forestmap writes. 1: cases and events; 2: the sub-compartment snapshot added.
    static let version = 2

    static let info = RecordStore.Table("register_info", fields: [.init("key", .string), .init("value", .string)])
    static let cases = RecordStore.Table("cases", geometry: .unknown, fields: [
        .init("case_id", .string), .init("source", .string), .init("township_code", .string), .init("township_name", .string),
        .init("year", .integer), .init("number", .integer), .init("case_status", .string), .init("opened", .string),
        .init("last_event", .string), .init("confirmed_on", .string), .init("area_m2", .real), .init("lon", .real), .init("lat", .real),
        .init("x", .real), .init("y", .real), .init("hit_ids", .string), .init("description", .string), .init("attributes", .string),
    ])
    static let events = RecordStore.Table("case_events", fields: [
        .init("case_id", .string), .init("sequence", .integer), .init("event", .string), .init("event_date", .string),
        .init("case_status", .string), .init("who", .string), .init("notes", .string), .init("origin", .string), .init("event_key", .string),
    ])
    static let snapshots = RecordStore.Table("case_subcompartments", geometry: .polygon, fields: [
        .init("case_id", .string), .init("side", .string), .init("layer", .string), .init("subcompartment", .string),
        .init("land_class", .string), .init("attributes", .string),
    ])

    /// The tables of a new register.
    static let tables = [info, cases, events, snapshots]

    /// Brings a register of schema `from` to `version`, inside the caller's transaction.
    static func migrate(_ store: RecordStore, from: Int, spatialReference: SpatialReference?) throws {
        if from < 2 { try store.createTable(snapshots, spatialReference: spatialReference) }
        try store.delete(from: info.name, where: "key", in: ["schema_version"])
        try store.insert([Record(values: ["key": .string("schema_version"), "value": .string(String(version))])], into: info.name)
    }
}

/// JSON text of a string map with sorted keys: what the register stores for attributes.
enum AttributeJSON {
    static func text(_ values: [String: String]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: values, options: [.sortedKeys, .withoutEscapingSlashes]) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    static func values(_ text: String) -> [String: String] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else { return [:] }
        return object.mapValues { "\($0)" }
    }
}
