import Geo
import ForestMapCore

/// The default styles of `changes.gpkg` and `hitlist.gpkg` in GIS (QGIS reads them from `layer_styles`), in the
/// report's palette: change patches by 变化类型, hits by 核查优先级, labelled with their ids.
enum ChangeStyles {
    /// 变化图斑: one class per change type, labelled with the patch id from 1:50,000 in.
    static let changes = MapStyle(
        field: "change_type",
        classes: ChangePatch.ChangeType.allCases.map { .init(.value($0.rawValue), label: $0.chineseName, colour: $0.colour) },
        strokeWidth: 0.2, opacity: 0.85, label: [.field("patch_id")], labelScale: 50_000)

    /// 重点核查图斑 (the patches, layer `hitlist`): one class per priority, outlined in its colour, labelled with
    /// the hit id and why it is listed (未批先占, …) from 1:50,000 in.
    static let hitList = MapStyle(
        field: "priority",
        classes: HitPriority.all.map { .init(.value(String($0)), label: HitPriority.name($0), colour: HitPriority.colour($0)) },
        stroke: "#ffffff", strokeWidth: 0.3, opacity: 0.9, label: [.field("hit_id"), .text(" "), .field("reason")], labelScale: 50_000)

    /// The same hits as points (layer `hitlist_points`), for GPS apps: circles in the priority's colour, labelled
    /// with the hit id at every scale.
    static let hitPoints = MapStyle(
        field: "priority",
        classes: hitList.classes, shape: .marker, stroke: "#ffffff", strokeWidth: 0.4, label: [.field("hit_id")])

    static func changesStyle() -> LayerStyle {
        changes.layerStyle(layer: "changes", description: "变化图斑 change patches by change type")
    }

    static func hitListStyles() -> [LayerStyle] {
        [hitList.layerStyle(layer: "hitlist", description: "重点核查图斑 hit list by priority"),
         hitPoints.layerStyle(layer: "hitlist_points", description: "核查点位 hit list points by priority")]
    }
}
