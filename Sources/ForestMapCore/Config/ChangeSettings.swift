/// The `[change]` settings of `forestmap change` (两期变化): what counts as a change on the ground, and how the
/// permit layer's kinds (PZLX) are read. The inspection unit is `[area] inspection_unit_m2`.
public struct ChangeSettings: Sendable, Hashable {
    /// 界线调整碎斑宽度: a patch nowhere wider than this (m) is a sliver from re-digitised boundaries, not a change
    /// on the ground. 5 m keeps a 6 m rural road and drops the shifts of up to 5 m a re-survey makes.
    public var sliverWidthMetres = 5.0
    /// PZLX values of harvest permits (林木采伐许可证).
    public var harvestKinds = ["采伐"]
    /// PZLX values of approvals to use forest land (使用林地审核同意书).
    public var landUseKinds = ["占用", "征收", "征用", "征占用"]
    /// PZLX values of temporary use (临时占用): valid only while in force at the end of the period (the land must
    /// be restored when it expires).
    public var temporaryKinds = ["临时占用", "临时使用"]

    public init() {}
}

extension ForestMapConfig {
    /// Reads the `[change]` section; `file` names the config in messages.
    package static func readChangeSettings(_ r: inout TOMLReader, file: String) throws -> ChangeSettings {
        var s = ChangeSettings()
        s.sliverWidthMetres = try r.double("sliver_width_m") ?? s.sliverWidthMetres
        guard s.sliverWidthMetres >= 0, s.sliverWidthMetres.isFinite else {
            throw ForestMapError.input("\(file): setting change.sliver_width_m must be 0 or more metres (5 by default)")
        }
        s.harvestKinds = try r.strings("harvest_permit_kinds") ?? s.harvestKinds
        s.landUseKinds = try r.strings("land_use_permit_kinds") ?? s.landUseKinds
        s.temporaryKinds = try r.strings("temporary_permit_kinds") ?? s.temporaryKinds
        return s
    }
}
