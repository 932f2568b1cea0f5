import Foundation
import Geo
import ForestMapCore

/// The case register (问题整改台账): a GeoPackage file, or a PostGIS database several people share, holding every
/// case year to year (README "Case register"). Read whole, changed only in `update`, one transaction each: a
/// process killed at any moment leaves it as it was before or after, never half-written.
public final class CaseRegister {
    public let location: SourceReference
    private let store: RecordStore
    /// The CRS of the case geometries: the layers' CRS when the register was made.
    public let spatialReference: SpatialReference?

    private init(location: SourceReference, store: RecordStore) throws {
        self.location = location
        self.store = store
        spatialReference = try store.spatialReference(CaseRegisterSchema.cases.name)
    }

    /// Whether a register exists at `location`.
    public static func exists(_ location: SourceReference) throws -> Bool {
        try RecordStore.exists(location, table: CaseRegisterSchema.cases.name)
    }

    /// Opens the register at `location`, making it (in `spatialReference`, the layers' CRS) when there is none; a
    /// register of an older schema is migrated, one of a newer forestmap refused.
    public static func open(_ location: SourceReference, creatingIn spatialReference: SpatialReference?) throws -> CaseRegister {
        if try !exists(location) {
            guard let spatialReference else {
                throw ForestMapError.input("\(location.displayPath): no case register there; give the register's path (--register or [cases] register), or run `forestmap run` first, which makes it")
            }
            if location.isDatabase {
                let store = try RecordStore(opening: location)
                try store.transaction {
                    for table in CaseRegisterSchema.tables where !store.tableExists(table.name) {
                        try store.createTable(table, spatialReference: spatialReference)
                    }
                    try store.insert(Self.infoRows(), into: CaseRegisterSchema.info.name)
                }
            } else {
                try RecordStore.createGeoPackage(at: location.path, tables: CaseRegisterSchema.tables, spatialReference: spatialReference)
                let store = try RecordStore(opening: location)
                try store.transaction { try store.insert(Self.infoRows(), into: CaseRegisterSchema.info.name) }
            }
        }
        return try openExisting(location)
    }

    /// Opens an existing register; none there is an error naming the path.
    public static func openExisting(_ location: SourceReference) throws -> CaseRegister {
        guard try exists(location) else {
            throw ForestMapError.input("\(location.displayPath): no case register there; give the register's path (--register or [cases] register), or run `forestmap run` first, which makes it")
        }
        let store: RecordStore
        do { store = try RecordStore(opening: location) } catch let e as GeoError {
            throw ForestMapError.input("\(location.displayPath): cannot open the case register: \(e.message)")
        }
        guard store.tableExists(CaseRegisterSchema.info.name), store.tableExists(CaseRegisterSchema.events.name) else {
            throw ForestMapError.input("\(location.displayPath): not a forestmap case register (no register_info or case_events table); give the register's path")
        }
        let register = try CaseRegister(location: location, store: store)
        try register.migrate()
        return register
    }

    private static func infoRows() -> [Record] {
        [Record(values: ["key": .string("schema_version"), "value": .string(String(CaseRegisterSchema.version))]),
         Record(values: ["key": .string("created"), "value": .string(CaseDate.today().description)])]
    }

    /// The register's schema version.
    public func schemaVersion() throws -> Int {
        let rows = try store.rows(CaseRegisterSchema.info.name)
        guard let text = rows.first(where: { $0.text("key") == "schema_version" })?.text("value"), let v = Int(text) else {
            throw ForestMapError.input("\(location.displayPath): the case register has no schema_version in register_info; it is damaged or not a forestmap register")
        }
        return v
    }

    private func migrate() throws {
        let v = try schemaVersion()
        guard v <= CaseRegisterSchema.version else {
            throw ForestMapError.input("\(location.displayPath): the case register has schema \(v), made by a newer forestmap (this one reads up to \(CaseRegisterSchema.version)); update forestmap")
        }
        guard v < CaseRegisterSchema.version else { return }
        try store.transaction { try CaseRegisterSchema.migrate(store, from: v, spatialReference: spatialReference) }
    }

    /// The register as it is now.
    public func read() throws -> RegisterState {
        var state = RegisterState()
        for row in try store.rows(CaseRegisterSchema.cases.name) {
            let c = try Self.registerCase(row, location: location)
            state.cases[c.caseID] = c
        }
        for row in try store.rows(CaseRegisterSchema.events.name) {
            state.events.append(try Self.event(row, location: location))
        }
        state.events.sort { $0.sequence < $1.sequence }
        state.eventKeys = Set(state.events.map(\.key))
        state.snapshotCases = Set(try store.rows(CaseRegisterSchema.snapshots.name).map { $0.text("case_id") })
        return state
    }

    /// The sub-compartment snapshots of some cases.
    public func snapshots(of caseIDs: Set<String>) throws -> [CaseSnapshot] {
        try store.rows(CaseRegisterSchema.snapshots.name).filter { caseIDs.contains($0.text("case_id")) }.compactMap { row in
            row.geometry.map {
                CaseSnapshot(caseID: row.text("case_id"), side: row.text("side"), layer: row.text("layer"), subCompartmentKey: row.text("subcompartment"),
                             landClass: row.text("land_class"), attributes: AttributeJSON.values(row.text("attributes")), geometry: $0)
            }
        }
    }

    /// Reads the register, lets `body` change it, and writes what changed in one transaction: all of it or,
    /// when `body` or a write throws, nothing.
    public func update<T>(_ body: (inout RegisterState) throws -> T) throws -> T {
        try store.transaction {
            var state = try read()
            state.changed = []
            let value = try body(&state)
            let changed = state.changed.sorted()
            try store.delete(from: CaseRegisterSchema.cases.name, where: "case_id", in: changed)
            try store.insert(changed.map { Self.record(state.cases[$0]!) }, into: CaseRegisterSchema.cases.name)
            try store.insert(state.newEvents.map(Self.record), into: CaseRegisterSchema.events.name)
            try store.insert(state.newSnapshots.map(Self.record), into: CaseRegisterSchema.snapshots.name)
            return value
        }
    }

    // MARK: rows

    private static func record(_ c: RegisterCase) -> Record {
        Record(values: [
            "case_id": .string(c.caseID), "source": .string(c.source.rawValue), "township_code": .string(c.townshipCode),
            "township_name": .string(c.townshipName), "year": .integer(Int64(c.year)), "number": .integer(Int64(c.number)),
            "case_status": .string(c.status.rawValue), "opened": .string(c.opened.description), "last_event": .string(c.lastEvent.description),
            "confirmed_on": c.confirmedOn.map { .string($0.description) } ?? .null, "area_m2": .real(c.squareMetres),
            "lon": .real(c.longitude), "lat": .real(c.latitude), "x": .real(c.x), "y": .real(c.y),
            "hit_ids": .string(c.hitIDs.joined(separator: ";")), "description": .string(c.description),
            "attributes": .string(AttributeJSON.text(c.attributes)),
        ], geometry: c.geometry)
    }

    private static func record(_ e: CaseEvent) -> Record {
        Record(values: [
            "case_id": .string(e.caseID), "sequence": .integer(Int64(e.sequence)), "event": .string(e.kind.rawValue),
            "event_date": .string(e.date.description), "case_status": .string(e.status.rawValue), "who": .string(e.who),
            "notes": .string(e.notes), "origin": .string(e.origin), "event_key": .string(e.key),
        ])
    }

    private static func record(_ s: CaseSnapshot) -> Record {
        Record(values: [
            "case_id": .string(s.caseID), "side": .string(s.side), "layer": .string(s.layer), "subcompartment": .string(s.subCompartmentKey),
            "land_class": .string(s.landClass), "attributes": .string(AttributeJSON.text(s.attributes)),
        ], geometry: s.geometry)
    }

    private static func registerCase(_ r: Record, location: SourceReference) throws -> RegisterCase {
        let id = r.text("case_id")
        func damaged(_ what: String) -> ForestMapError {
            ForestMapError.input("\(location.displayPath): case \(id.isEmpty ? "(no case_id)" : id) has \(what); the register is damaged: restore it from a backup")
        }
        guard !id.isEmpty else { throw damaged("no case_id") }
        guard let source = CaseSource(rawValue: r.text("source")) else { throw damaged("an unknown source '\(r.text("source"))'") }
        guard let status = CaseStatus(rawValue: r.text("case_status")) else { throw damaged("an unknown case_status '\(r.text("case_status"))'") }
        guard let opened = CaseDate(text: r.text("opened")), let last = CaseDate(text: r.text("last_event")) else { throw damaged("no opening date") }
        return RegisterCase(
            caseID: id, source: source, townshipCode: r.text("township_code"), townshipName: r.text("township_name"),
            year: Int(r["year"].number ?? 0), number: Int(r["number"].number ?? 0), status: status, opened: opened, lastEvent: last,
            confirmedOn: CaseDate(text: r.text("confirmed_on")), squareMetres: r["area_m2"].number ?? 0,
            longitude: r["lon"].number ?? 0, latitude: r["lat"].number ?? 0, x: r["x"].number ?? 0, y: r["y"].number ?? 0,
            hitIDs: r.text("hit_ids").split(separator: ";").map(String.init), attributes: AttributeJSON.values(r.text("attributes")),
            description: r.text("description"), geometry: r.geometry)
    }

    private static func event(_ r: Record, location: SourceReference) throws -> CaseEvent {
        guard let kind = CaseEvent.Kind(rawValue: r.text("event")), let status = CaseStatus(rawValue: r.text("case_status")),
              let date = CaseDate(text: r.text("event_date")) else {
            throw ForestMapError.input("\(location.displayPath): an event of case \(r.text("case_id")) is unreadable (event '\(r.text("event"))', date '\(r.text("event_date"))'); the register is damaged: restore it from a backup")
        }
        return CaseEvent(caseID: r.text("case_id"), sequence: Int(r["sequence"].number ?? 0), kind: kind, date: date, status: status,
                         who: r.text("who"), notes: r.text("notes"), origin: r.text("origin"), key: r.text("event_key"))
    }
}

@available(*, unavailable)
extension CaseRegister: Sendable {}

/// The register's cases and history in memory, and what an `update` changed.
public struct RegisterState: Sendable {
    public internal(set) var cases: [String: RegisterCase] = [:]
    public internal(set) var events: [CaseEvent] = []
    var eventKeys: Set<String> = []
    /// Cases that have a sub-compartment snapshot.
    var snapshotCases: Set<String> = []
    var changed: Set<String> = []
    var newEvents: [CaseEvent] = []
    var newSnapshots: [CaseSnapshot] = []

    /// Adds or replaces a case.
    mutating func put(_ c: RegisterCase) {
        cases[c.caseID] = c
        changed.insert(c.caseID)
    }

    /// Whether an event of this key is in the register.
    func has(key: String) -> Bool { eventKeys.contains(key) }

    /// Appends an event to a case's history (unless one of its key is there) and sets the case's status and last
    /// event date; returns whether it was added.
    @discardableResult
    mutating func record(_ kind: CaseEvent.Kind, caseID: String, date: CaseDate, status: CaseStatus, who: String = "", notes: String = "",
                         origin: String, key: String) -> Bool {
        guard !eventKeys.contains(key), var c = cases[caseID] else { return false }
        let event = CaseEvent(caseID: caseID, sequence: (events.last?.sequence ?? 0) + 1, kind: kind, date: date, status: status,
                              who: who, notes: notes, origin: origin, key: key)
        events.append(event)
        newEvents.append(event)
        eventKeys.insert(key)
        c.status = status
        c.lastEvent = max(c.lastEvent, date)
        if kind == .verdict, status == .confirmed { c.confirmedOn = date }
        put(c)
        return true
    }

    /// Sets a case's status from its history: `open` from its detection or report, then the last verdict,
    /// handling, reopening or closing by date (and by the order written); a verdict 属实 dates `confirmedOn`. A
    /// detection is where the case starts whatever its date: a form filled before the run that recorded the hit
    /// (dated before the detection) still decides the status.
    mutating func settle(_ caseID: String) {
        guard var c = cases[caseID] else { return }
        let setting: Set<CaseEvent.Kind> = [.verdict, .handling, .reopened, .closed]
        let history = events.filter { $0.caseID == caseID && setting.contains($0.kind) }.sorted { ($0.date, $0.sequence) < ($1.date, $1.sequence) }
        c.status = history.last?.status ?? .open
        c.confirmedOn = history.last { $0.kind == .verdict && $0.status == .confirmed }?.date
        c.lastEvent = events.filter { $0.caseID == caseID }.map(\.date).max() ?? c.lastEvent
        if c != cases[caseID] { put(c) }
    }

    mutating func addSnapshots(_ snapshots: [CaseSnapshot], of caseID: String) {
        guard !snapshotCases.contains(caseID), !snapshots.isEmpty else { return }
        newSnapshots += snapshots
        snapshotCases.insert(caseID)
    }

    /// A case's history, oldest first.
    public func history(of caseID: String) -> [CaseEvent] { events.filter { $0.caseID == caseID } }

    /// The next free number of a township's cases of a year.
    func nextNumber(township: String, year: Int) -> Int {
        (cases.values.filter { $0.townshipCode == township && $0.year == year }.map(\.number).max() ?? 0) + 1
    }
}
