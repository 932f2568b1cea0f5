internal import CXLSX

/// Horizontal alignment of a cell's content (`format_set_align` with `LXW_ALIGN_*`).
public enum HorizontalAlignment: Hashable, Sendable {
    /// Excel's default: text to the left, numbers to the right.
    case general, left, center, right
}

/// Vertical alignment of a cell's content (`format_set_align` with `LXW_ALIGN_VERTICAL_*`).
public enum VerticalAlignment: Hashable, Sendable {
    case top, center, bottom
}

/// How a cell looks: a plain value that `Workbook` turns into one libxlsxwriter format per distinct value.
///
/// Unset options keep Excel's defaults (Calibri 11, no border, no fill), except `vertical`,
/// which defaults to `.center` because office tables with wrapped or merged cells read better that way.
public struct CellFormat: Hashable, Sendable {
    public var bold = false
    /// Font size in points; must be finite and positive.
    public var fontSize: Double? = nil
    /// Font name, e.g. "宋体" or "仿宋_GB2312" for tables filed as they are; nil keeps the workbook default.
    public var fontName: String? = nil
    /// Excel number format code, e.g. "0.00", "#,##0.0000", "0.0%".
    public var numberFormat: String? = nil
    public var horizontal: HorizontalAlignment = .general
    public var vertical: VerticalAlignment = .center
    /// A thin border on all four sides.
    public var border = false
    public var wrap = false
    /// Solid fill colour as 0xRRGGBB.
    public var background: UInt32? = nil
    /// Font colour as 0xRRGGBB.
    public var fontColor: UInt32? = nil

    public init(
        bold: Bool = false, fontSize: Double? = nil, fontName: String? = nil, numberFormat: String? = nil,
        horizontal: HorizontalAlignment = .general, vertical: VerticalAlignment = .center,
        border: Bool = false, wrap: Bool = false, background: UInt32? = nil, fontColor: UInt32? = nil
    ) {
        self.bold = bold
        self.fontSize = fontSize
        self.fontName = fontName
        self.numberFormat = numberFormat
        self.horizontal = horizontal
        self.vertical = vertical
        self.border = border
        self.wrap = wrap
        self.background = background
        self.fontColor = fontColor
    }
}

/// The workbook's libxlsxwriter formats, one per distinct `CellFormat`, created lazily.
///
/// Formats made by `workbook_add_format` belong to the workbook and are freed by `workbook_close`,
/// so the cache must not outlive the workbook it was filled from.
struct FormatCache {
    private var formats: [CellFormat: UnsafeMutablePointer<lxw_format>] = [:]

    /// Number of distinct formats created so far.
    var count: Int { formats.count }

    /// The format for `style`, created in `workbook` on first use; `context` prefixes error messages.
    mutating func format(
        for style: CellFormat, in workbook: UnsafeMutablePointer<lxw_workbook>, context: String
    ) throws -> UnsafeMutablePointer<lxw_format> {
        if let cached = formats[style] { return cached }
        if let size = style.fontSize, !(size.isFinite && size > 0) {
            throw XLSXError(message: "\(context): invalid font size \(size)")
        }
        guard let format = workbook_add_format(workbook) else {
            throw XLSXError(message: "\(context): cannot create cell format: out of memory")
        }
        if style.bold { format_set_bold(format) }
        if let size = style.fontSize { format_set_font_size(format, size) }
        if let name = style.fontName { format_set_font_name(format, name) }
        if let code = style.numberFormat { format_set_num_format(format, code) }
        if let align = style.horizontal.lxwAlign { format_set_align(format, align) }
        format_set_align(format, style.vertical.lxwAlign)
        if style.border { format_set_border(format, UInt8(LXW_BORDER_THIN.rawValue)) }
        if style.wrap { format_set_text_wrap(format) }
        // format_set_bg_color alone gives a solid fill: libxlsxwriter picks the pattern.
        if let rgb = style.background { format_set_bg_color(format, lxwColor(rgb)) }
        if let rgb = style.fontColor { format_set_font_color(format, lxwColor(rgb)) }
        formats[style] = format
        return format
    }

    /// libxlsxwriter reads colour 0x000000 as "unset", so black must be passed as `LXW_COLOR_BLACK`.
    private func lxwColor(_ rgb: UInt32) -> lxw_color_t {
        let masked = rgb & 0xFF_FFFF
        return masked == 0 ? lxw_color_t(LXW_COLOR_BLACK.rawValue) : masked
    }
}

extension HorizontalAlignment {
    /// The `LXW_ALIGN_*` value, or nil for `.general`, which is the absence of an alignment.
    fileprivate var lxwAlign: UInt8? {
        switch self {
        case .general: nil
        case .left: UInt8(LXW_ALIGN_LEFT.rawValue)
        case .center: UInt8(LXW_ALIGN_CENTER.rawValue)
        case .right: UInt8(LXW_ALIGN_RIGHT.rawValue)
        }
    }
}

extension VerticalAlignment {
    fileprivate var lxwAlign: UInt8 {
        switch self {
        case .top: UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue)
        case .center: UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue)
        case .bottom: UInt8(LXW_ALIGN_VERTICAL_BOTTOM.rawValue)
        }
    }
}
