import ForestMapCore
import ForestStats

/// A zone's statistics as `township_stats` writes them (the hectare table, rounded once so that it closes): what
/// 附表1, 附表2, the findings and the report take, so that no two tables show one figure two ways.
struct WrittenFigures {
    var landHectares: Double
    var forestHectares: Double
    var forestLandHectares: Double
    /// m³, as written (1 decimal); 0 where the layer has no volume field.
    var stock: Double
    var naturalForestHectares: Double
    var publicWelfareHectares: Double

    /// Every zone of `stats` with its written figures, in the zones' order.
    static func rows(_ stats: ForestStatistics) -> [(StatsZone, WrittenFigures)] {
        let table = ClosingTable(stats, unit: .hectare)
        return zip(stats.zones, table.rows).map { zone, row in
            func value(_ column: StatsColumn) -> Double { row.cells[column]?.double ?? 0 }
            return (zone, WrittenFigures(landHectares: value(.landArea), forestHectares: value(.forest), forestLandHectares: value(.forestLand),
                                         stock: value(.stock), naturalForestHectares: value(.naturalForest),
                                         publicWelfareHectares: value(.publicWelfare)))
        }
    }
}
