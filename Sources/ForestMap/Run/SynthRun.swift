import Foundation

/// `forestmap synth`: writes a synthetic district and a config naming every input into an output folder,
/// all-or-nothing.
public enum SynthRun {
    public static func perform(_ options: SynthOptions, outputFolder: String, overwrite: Bool) throws {
        let folder = try OutputFolder(outputFolder, overwrite: overwrite)
        let summary = try DistrictSynthesizer.write(options, into: folder.staging)
        try Data(config(options).utf8).write(to: folder.file("forestmap.toml"))
        try folder.commit()
        let planted = summary.events.values.reduce(0, +)
        print("synthetic district: \(summary.subcompartments) sub-compartments in \(options.previousYear), \(summary.currentSubcompartments) in \(options.currentYear), \(summary.townships) townships, seed \(options.seed)")
        print("truth: \(planted) rows, \(summary.events.filter { $0.value > 0 }.count) kinds of event (truth.csv)")
        if options.defects {
            print("defects: \(summary.defects.values.reduce(0, +)) problems of \(summary.defects.filter { $0.value > 0 }.count) checks (defects_truth.csv)")
        }
        print("outputs: \(folder.target.path) (\((summary.files + ["forestmap.toml"]).joined(separator: ", ")))")
    }

    /// The config for the synthetic district; paths are relative to the folder it lies in.
    static func config(_ o: SynthOptions) -> String {
        """
        # forestmap config for a synthetic district (forestmap synth --subcompartments \(o.subcompartments) --seed \(o.seed)\(o.defects ? " --defects" : "")).
        # Paths are relative to this file. See the README's Settings section for every key.
        # Other inputs synth writes, for commands that will read them (see the README's synth section):
        #   afforestation tasks     afforestation_tasks.gpkg|layername=afforestation_tasks
        #   fires and pests         fires.gpkg|layername=fires, pests.gpkg|layername=pests
        #   under-forest economy    forest_economy.gpkg|layername=forest_economy
        #   targets (附表1)          targets.csv, targets.xlsx
        #   exact township outlines townships_dissolved.gpkg|layername=townships_dissolved
        #   change patches          patches_\(o.currentYear).gpkg|layername=patches_\(o.currentYear) (forestmap update)
        #   truth                   truth.csv\(o.defects ? ", defects_truth.csv (for \(o.defectsLayerName).gpkg|layername=\(o.defectsLayerName))" : "")

        [district]
        name = "花溪区"
        code = "520111"
        reporting_unit = "贵阳市花溪区林业局"
        include_gui_an = true

        [inputs]
        previous = "\(o.previousLayerName).gpkg|layername=\(o.previousLayerName)"
        current = "\(o.currentLayerName).gpkg|layername=\(o.currentLayerName)"
        townships = "townships.gpkg|layername=\(SynthOptions.townshipLayerName)"
        permits = "permits.gpkg|layername=permits"
        ring_belt = "ring_belt.gpkg|layername=ring_belt"

        [permit_fields]
        number = "PZWH"
        kind = "PZLX"
        valid_from = "YXQ_Q"
        valid_to = "YXQ_Z"
        approved_area = "PZMJ"
        approved_use = "PZYT"

        [land_class]
        system = "auto"

        [area]
        method = "ellipsoidal"
        map_unit_mu = 1.0
        inspection_unit_m2 = 400

        [period]
        year = \(o.currentYear)

        """
    }
}
