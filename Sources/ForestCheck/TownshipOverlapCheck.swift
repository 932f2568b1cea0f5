import Foundation
import Geo
import ForestMapCore

/// 乡镇界线重叠 (`township_overlap`): the township layer's own error, where two townships' polygons overlap by more
/// than the boundary tolerance (`TownshipOverlap`, found when the layer is read). One problem per pair of
/// features, at the overlap polygon; `stats` and `change` refuse such a layer.
enum TownshipOverlapCheck {
    static func problems(_ inputs: CheckInputs) -> [CheckProblem] {
        guard let townships = inputs.townships, !townships.overlaps.isEmpty else { return [] }
        let worker = CheckWorker(inputs)
        return townships.overlaps.map { overlap in
            let a = townships.parts[overlap.first], b = townships.parts[overlap.second]
            let m2 = inputs.area.squareMetres(overlap.polygons)
            return CheckProblem(
                check: .townshipOverlap, featureIDs: [], keys: [], townshipCode: a.code,
                detail: "townships \(inputs.townshipLabel(a.code)) (feature \(a.fid)) and \(inputs.townshipLabel(b.code)) (feature \(b.fid)) of \(townships.label) overlap by \(MessageFormat.area(m2)), wider than \(inputs.settings.boundaryToleranceMetres) m in places: the overlap would count in both townships; correct the boundaries",
                geometry: WKB(polygons: overlap.polygons), point: try? worker.geometry(overlap.polygons).pointOnSurface(), squareMetres: m2)
        }
    }
}
