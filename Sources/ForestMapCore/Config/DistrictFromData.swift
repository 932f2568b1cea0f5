extension ForestMapConfig {
    /// The config with the district the data names where `[district]` names none: the county code (6 digits) most
    /// sub-compartments carry in XIAN or their 9-digit XIANG, and as the name that code, or else the layer's own
    /// name (e.g. `clc18_mt`). A layer from anywhere is never labelled with a district it is not.
    public func withDistrict(from layer: SubCompartmentLayer) -> ForestMapConfig {
        guard districtName.isEmpty || districtCode.isEmpty else { return self }
        var config = self
        if config.districtCode.isEmpty {
            var counts: [Substring: Int] = [:]
            for s in layer.subCompartments where s.townshipCode.utf8.count == 9 { counts[s.townshipCode.prefix(6), default: 0] += 1 }
            if let (code, _) = counts.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }) { config.districtCode = String(code) }
        }
        if config.districtName.isEmpty {
            config.districtName = config.districtCode.isEmpty ? Self.layerName(layer.label) : config.districtCode
        }
        return config
    }

    /// "dir/file.gpkg|layername=x" → "x"; "dir/file.shp" → "file".
    static func layerName(_ label: String) -> String {
        if let range = label.range(of: "|layername=") { return String(label[range.upperBound...]) }
        let file = label.split(separator: "/").last.map(String.init) ?? label
        return file.split(separator: ".").first.map(String.init) ?? file
    }
}
