import Foundation
import ForestMapCore

/// `forestmap synth`: writes a synthetic district and a config naming every input into an output folder,
/// all-or-nothing; with `fieldForms`, also what comes back from the field for its hits (`SynthFieldForms`).
public enum SynthRun {
    public static func perform(_ options: SynthOptions, outputFolder: String, overwrite: Bool, fieldForms: Bool = true) throws {
        let folder = try OutputFolder(outputFolder, overwrite: overwrite)
        let summary = try DistrictSynthesizer.write(options, into: folder.staging)
        try Data(config(options, fieldForms: fieldForms).utf8).write(to: folder.file("forestmap.toml"))
        if fieldForms { try SynthFieldForms.write(options, into: folder.staging) }
        try folder.commit()
        let planted = summary.events.values.reduce(0, +)
        print("synthetic district: \(summary.subcompartments) sub-compartments in \(options.previousYear), \(summary.currentSubcompartments) in \(options.currentYear), \(summary.townships) townships, seed \(options.seed)")
        print("truth: \(planted) rows, \(summary.events.filter { $0.value > 0 }.count) kinds of event (truth.csv)")
        if options.defects {
            print("defects: \(summary.defects.values.reduce(0, +)) problems of \(summary.defects.filter { $0.value > 0 }.count) checks (defects_truth.csv)")
        }
        print("outputs: \(folder.target.path) (\((summary.files + ["forestmap.toml"] + (fieldForms ? SynthFieldForms.fileNames : [])).joined(separator: ", ")))")
    }

    /// The config's lines on the files that come back from the field.
    static let fieldFormsComment = """
        # For the case register's loop (forestmap cases import / cases add, the register under ../out/): the 核查表 of
        # the hits filled from the truth (\(SynthFieldForms.formFileName)) and patrol reports (\(SynthFieldForms.patrolFileName)).
        """

    /// The config for the synthetic district; paths are relative to the folder it lies in.
    /// `origin` replaces the first line's parenthesis (a region's county says which region command made it);
    /// `register` is the case register's path.
    static func config(_ o: SynthOptions, fieldForms: Bool = true, origin: String? = nil,
                       register: String = "../out/forestmap_cases.gpkg") -> String {
        let county = o.county
        let origin = origin ?? "forestmap synth --subcompartments \(o.subcompartments) --seed \(o.seed)\(o.defects ? " --defects" : "")\(fieldForms ? "" : " --no-field-forms")"
        let guiAn = county.code == HuaxiTownships.county ? "\ninclude_gui_an = true" : ""
        return """
        # forestmap config for a synthetic district (\(origin)).
        # Paths are relative to this file. See the README's Settings section for every key.
        # Also written, for checking results: exact township outlines (townships_dissolved.gpkg|layername=townships_dissolved),
        # the change patches for forestmap update (patches_\(o.currentYear).gpkg|layername=patches_\(o.currentYear)) and
        # truth.csv\(o.defects ? ", defects_truth.csv (for \(o.defectsLayerName).gpkg|layername=\(o.defectsLayerName))" : "") (see the README's synth section).\(fieldForms ? "\n" + fieldFormsComment : "")

        [district]
        name = "\(county.name)"
        code = "\(county.code)"
        reporting_unit = "\(county.reportingUnit)"\(guiAn)

        [inputs]
        previous = "\(o.previousLayerName).gpkg|layername=\(o.previousLayerName)"
        current = "\(o.currentLayerName).gpkg|layername=\(o.currentLayerName)"
        townships = "townships.gpkg|layername=\(SynthOptions.townshipLayerName)"
        permits = "permits.gpkg|layername=permits"
        ring_belt = "ring_belt.gpkg|layername=ring_belt"
        afforestation_tasks = "afforestation_tasks.gpkg|layername=afforestation_tasks"
        fires = "fires.gpkg|layername=fires"
        pests = "pests.gpkg|layername=pests"
        forest_economy = "forest_economy.gpkg|layername=forest_economy"
        targets = "targets.csv"                  # 附表1 targets per township (targets.xlsx is the same, for people)

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

        \(scoringBlock)

        # The case register (问题整改台账, README "Case register"): kept year to year under the runs' output folder,
        # never among the inputs.
        [cases]
        register = "\(register)"

        """
    }

    /// The config's [scoring] and [scoring.items] (a region's config has the same).
    static let scoringBlock = """
        # 附表2 scoring rules (README "Settings"): per item the full marks, points per unit of shortfall and per
        # case, bonus when met; items that do not apply score full marks.
        [scoring]
        not_applicable = "full"
        major_fire_ha = 100
        grades = { "优秀" = 90, "良好" = 80, "合格" = 60 }

        [scoring.items]
        forest_coverage_rate = { weight = 20, deduct_per_unit = 2 }
        forest_land_area = { weight = 10, deduct_per_unit = 1, shortfall = "percent_of_target" }
        standing_volume = { weight = 10, deduct_per_unit = 1, shortfall = "percent_of_target" }
        afforestation_completion_rate = { weight = 15, deduct_per_unit = 0.5 }
        tending_completion_rate = { weight = 5, deduct_per_unit = 0.2 }
        farmland_replanting_completion_rate = { weight = 5, deduct_per_unit = 0.2 }
        fire_damage_rate = { weight = 10, deduct_per_unit = 5, unit = 0.1 }
        major_fires = { weight = 0, deduct_per_case = 10, floor_at_zero = false }
        pest_disaster_rate = { weight = 5, deduct_per_unit = 1, unit = 0.1 }
        under_forest_economy_projects = { weight = 5, deduct_per_unit = 2.5, bonus = 1 }
        harvest_quota = { weight = 5, deduct_per_unit = 1, shortfall = "percent_of_target" }
        unapproved_patches = { weight = 10, deduct_per_case = 2 }
        ring_belt_loss = { weight = 0, deduct_per_case = 2, floor_at_zero = false }
        natural_forest_harvest = { weight = 0, deduct_per_case = 5, floor_at_zero = false }
        """
}
