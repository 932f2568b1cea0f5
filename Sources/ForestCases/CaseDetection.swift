import Foundation
import Geo
import ForestMapCore
import ForestChange

/// What a run writes into the register for its hits (after its output folder is in place): new cases with their
/// sub-compartment snapshot, re-detections and reopenings. A rerun of the same year adds nothing: each event's key
/// names the case, the kind and the survey year.
public enum CaseDetection {
    /// Records the matched hits; `toLonLat` gives CGCS2000 degrees of a point in the layers' CRS. Returns the
    /// numbers of new, re-detected and reopened cases.
    @discardableResult
    public static func record(_ matching: HitMatching, hits: [Hit], change: ChangeRun.Result, registerCRS: SpatialReference?,
                              into state: inout RegisterState, origin: String) throws -> (new: Int, redetected: Int, reopened: Int) {
        let names = ChangeNames(townships: change.townships, previous: change.previous, current: change.current)
        let layerCRS = try change.current.spatialReference()
        let transform = try registerCRS.flatMap { $0.isSame(as: layerCRS) ? nil : try CoordinateTransform(from: layerCRS, to: $0) }
        let snapshots = Snapshots(hits: hits, change: change, transform: transform)
        var counts = (new: 0, redetected: 0, reopened: 0)
        let date = matching.asOf, year = matching.year
        for h in hits {
            guard let outcome = matching.outcomes[h.hitID], let geometry = matching.geometries[h.hitID] else { continue }
            let id = outcome.caseID
            let area = CSVTable.number(AreaUnit.hectares(h.patch.squareMetres), decimals: 4)
            switch outcome {
            case .new:
                let parts = id.split(separator: "-")
                state.put(RegisterCase(
                    caseID: id, source: .change, townshipCode: h.patch.townshipCode, townshipName: names.township(h.patch.townshipCode),
                    year: year, number: Int(parts.last ?? "") ?? 0, status: .open, opened: date, lastEvent: date, confirmedOn: nil,
                    squareMetres: h.patch.squareMetres, longitude: h.longitude, latitude: h.latitude, x: h.patch.pointX, y: h.patch.pointY,
                    hitIDs: [h.hitID], attributes: attributes(h, names: names), description: h.reason, geometry: geometry))
                if state.record(.detected, caseID: id, date: date, status: .open, notes: "\(h.hitID) \(area) ha: \(h.reason)",
                                origin: origin, key: "\(id)|detected|\(year)") { counts.new += 1 }
                state.addSnapshots(try snapshots.of(h, caseID: id), of: id)
            case .open, .closed, .reopened:
                guard var c = state.cases[id] else { continue }
                let key = "\(id)|detected|\(year)"
                if state.has(key: key) || state.has(key: "\(id)|reopened|\(year)") { continue }
                let reopening: Bool
                if case .reopened = outcome { reopening = true } else { reopening = false }
                let before = CSVTable.number(AreaUnit.hectares(c.squareMetres), decimals: 4)
                if !c.hitIDs.contains(h.hitID) { c.hitIDs.append(h.hitID) }
                c.attributes = attributes(h, names: names)
                if !c.isClosed || reopening {
                    c.geometry = geometry
                    c.squareMetres = h.patch.squareMetres
                    (c.longitude, c.latitude, c.x, c.y) = (h.longitude, h.latitude, h.patch.pointX, h.patch.pointY)
                }
                state.put(c)
                if reopening {
                    state.record(.reopened, caseID: id, date: date, status: .open,
                                 notes: "detected again in \(year) as \(h.hitID), \(area) ha, larger than the closed case's \(before) ha",
                                 origin: origin, key: "\(id)|reopened|\(year)")
                    counts.reopened += 1
                } else {
                    state.record(.redetected, caseID: id, date: date, status: c.status,
                                 notes: "\(h.hitID) \(area) ha" + (c.isClosed ? " (case closed: not listed again)" : ""),
                                 origin: origin, key: key)
                    counts.redetected += 1
                }
                state.addSnapshots(try snapshots.of(h, caseID: id), of: id)
            }
        }
        return counts
    }

    /// The hit's row as the case keeps it.
    static func attributes(_ h: Hit, names: ChangeNames) -> [String: String] {
        let p = h.patch
        return [
            "hit_id": h.hitID, "patch_id": p.patchID, "priority": String(h.priority), "reason": h.reason,
            "change_type": p.changeType.rawValue, "village_code": p.villageCode,
            "from_class": p.fromClass, "from_name": names.fromClass(p.fromClass), "to_class": p.toClass, "to_name": names.toClass(p.toClass),
            "area_ha": CSVTable.number(AreaUnit.hectares(p.squareMetres), decimals: 4),
            "permit_status": p.permitStatus?.rawValue ?? "", "permit_ids": p.permitIDs.joined(separator: ";"),
            "uncovered_ha": CSVTable.number(AreaUnit.hectares(p.uncoveredSquareMetres), decimals: 4),
            "in_ring_belt": p.inRingBelt ? "yes" : "no", "public_welfare": p.publicWelfareGrade, "natural_forest": p.naturalForest ? "yes" : "no",
            "from_ids": p.fromIDs.joined(separator: ";"), "to_ids": p.toIDs.joined(separator: ";"),
        ]
    }

    /// The sub-compartments of both years the hits came from, found in one pass over each year.
    struct Snapshots {
        var previous: [String: SubCompartment] = [:], current: [String: SubCompartment] = [:]
        let previousLayer: SubCompartmentLayer, currentLayer: SubCompartmentLayer
        /// From the layers' CRS to the register's, when they differ.
        let transform: CoordinateTransform?

        init(hits: [Hit], change: ChangeRun.Result, transform: CoordinateTransform?) {
            self.transform = transform
            previousLayer = change.previous
            currentLayer = change.current
            let from = Set(hits.flatMap(\.patch.fromIDs)), to = Set(hits.flatMap(\.patch.toIDs))
            for s in change.previous.subCompartments where from.contains(s.key) { previous[s.key] = s }
            for s in change.current.subCompartments where to.contains(s.key) { current[s.key] = s }
        }

        func of(_ h: Hit, caseID: String) throws -> [CaseSnapshot] {
            func shot(_ s: SubCompartment, side: String, layer: SubCompartmentLayer) throws -> CaseSnapshot {
                var attributes: [String: String] = [:]
                for (name, value) in zip(layer.fieldNames, s.attributes) { if let t = value.text { attributes[name] = t } }
                return CaseSnapshot(caseID: caseID, side: side, layer: layer.label, subCompartmentKey: s.key, landClass: s.landClassCode,
                                    attributes: attributes, geometry: try transform.map { WKB(polygons: try $0.transform(try s.geometry.polygons())) } ?? s.geometry)
            }
            return try h.patch.fromIDs.compactMap { try previous[$0].map { try shot($0, side: "previous", layer: previousLayer) } }
                + h.patch.toIDs.compactMap { try current[$0].map { try shot($0, side: "current", layer: currentLayer) } }
        }
    }
}
