internal import CXLSX
import Foundation

/// A failure writing an .xlsx file; the message names the file, sheet or cell and what went wrong.
public struct XLSXError: Error, CustomStringConvertible, Sendable {
    public let message: String
    /// The file itself could not be written (disk full, no permission), not a cell or sheet refused.
    public var isWriteFailure = false
    public var description: String { message }
}

extension XLSXError {
    /// An error for a failed libxlsxwriter call, worded by `lxw_strerror`.
    init(_ context: String, _ code: lxw_error) {
        self.init(message: "\(context): \(String(cString: lxw_strerror(code)))")
    }
}

/// The content of one cell.
public enum CellValue: Sendable, Equatable {
    /// UTF-8 text; longer than Excel's 32767 characters is truncated.
    case text(String)
    /// A number; NaN and infinities, which Excel cannot store, become empty cells.
    case number(Double)
    /// An integer, stored as Excel stores every number: a Double (exact up to 2^53).
    case integer(Int64)
    /// Nothing; written as a blank cell only when a format is given, so borders still show.
    case empty
    /// An Excel formula such as "=SUM(B2:B9)"; Excel computes the value when the file is opened.
    case formula(String)
}

/// An .xlsx file being written with libxlsxwriter; nothing reaches disk until `close()`.
///
/// Not thread-safe: use a workbook and its worksheets from one task only.
public final class Workbook {
    /// The file written on `close()`.
    public let path: String
    /// The C workbook; nil once closed, because `workbook_close` also frees it and all it owns.
    private var handle: UnsafeMutablePointer<lxw_workbook>?
    /// Formats belong to the C workbook, so they are cached here, one per distinct `CellFormat`.
    private(set) var formats = FormatCache()

    /// Starts a workbook for `path` (`workbook_new`); the file itself is only created by `close()`.
    public init(path: String) throws {
        guard let handle = workbook_new(path) else {
            throw XLSXError(message: "cannot create workbook \(path): out of memory")
        }
        self.path = path
        self.handle = handle
    }

    /// Sets the creation time stored in the file (docProps/core.xml, `workbook_set_properties`), which is otherwise
    /// the time of writing: with a fixed date the same content gives the same bytes.
    public func setCreationDate(_ date: Date) throws {
        let context = "cannot set the creation date of \(path)"
        let workbook = try openHandle(context)
        var properties = lxw_doc_properties()
        properties.created = time_t(date.timeIntervalSince1970.rounded(.down))
        let result = workbook_set_properties(workbook, &properties)
        guard result == LXW_NO_ERROR else { throw XLSXError(context, result) }
    }

    /// Adds a sheet (`workbook_add_worksheet`). Names are at most 31 characters, Chinese allowed,
    /// without any of `[ ] : * ? / \`, not starting or ending with an apostrophe, and unique in the workbook.
    public func addWorksheet(named name: String) throws -> Worksheet {
        let context = "cannot add sheet \"\(name)\" to \(path)"
        let workbook = try openHandle(context)
        // workbook_validate_sheet_name reads before the start of an empty name, so reject it here.
        guard !name.isEmpty else { throw XLSXError(message: "\(context): empty sheet name") }
        // Validating first gives the reason, where workbook_add_worksheet only returns NULL.
        let validation = workbook_validate_sheet_name(workbook, name)
        guard validation == LXW_NO_ERROR else { throw XLSXError(context, validation) }
        guard let sheet = workbook_add_worksheet(workbook, name) else {
            throw XLSXError(message: "\(context): out of memory")
        }
        return Worksheet(workbook: self, handle: sheet, name: name)
    }

    /// Writes the file and frees the C workbook (`workbook_close`). Calling it again does nothing;
    /// any later use of the workbook or its sheets throws.
    public func close() throws {
        guard let workbook = handle else { return }
        handle = nil
        errno = 0
        // libxlsxwriter reports a failed write on stderr itself: its line is kept from the user, who gets ours.
        let result = Self.withStandardErrorQuiet { workbook_close(workbook) }
        let systemError = errno
        guard result != LXW_NO_ERROR else { return }
        let reason = String(cString: lxw_strerror(result))
        // For a file that cannot be created, errno still holds the system's reason (e.g. no such directory).
        if result == LXW_ERROR_CREATING_XLSX_FILE, systemError != 0 {
            let system = String(cString: strerror(systemError)).lowercased()
            throw XLSXError(message: "cannot write \(path): \(system) (libxlsxwriter: \(reason))", isWriteFailure: true)
        }
        throw XLSXError(message: "cannot write \(path) (libxlsxwriter: \(reason))", isWriteFailure: true)
    }

    /// Runs `body` with the process's stderr sent to /dev/null (its file descriptor 2 restored afterwards), for
    /// libraries that print their errors themselves; `errno` is kept as `body` left it.
    private static func withStandardErrorQuiet<T>(_ body: () -> T) -> T {
        let saved = dup(2), null = open("/dev/null", O_WRONLY)
        if saved >= 0, null >= 0 { dup2(null, 2) }
        let result = body()
        let error = errno
        if saved >= 0 { dup2(saved, 2); Foundation.close(saved) }
        if null >= 0 { Foundation.close(null) }
        errno = error
        return result
    }

    /// Writes the file if `close()` was never called; a failure here can only be reported by libxlsxwriter on stderr.
    deinit {
        if let handle { workbook_close(handle) }
    }

    /// Whether the workbook can still be written to.
    var isOpen: Bool { handle != nil }

    /// The C workbook, or an error prefixed with `context` if it is already closed.
    private func openHandle(_ context: @autoclosure () -> String) throws -> UnsafeMutablePointer<lxw_workbook> {
        guard let handle else { throw XLSXError(message: "\(context()): workbook \(path) is already closed") }
        return handle
    }

    /// The C format for `format` (nil for none), after checking the workbook is still open.
    func lxwFormat(_ format: CellFormat?, context: @autoclosure () -> String) throws -> UnsafeMutablePointer<lxw_format>? {
        let workbook = try openHandle(context())
        guard let format else { return nil }
        return try formats.format(for: format, in: workbook, context: context())
    }
}

@available(*, unavailable)
extension Workbook: Sendable {}

/// One sheet of a `Workbook`; rows and columns are zero-based, as in libxlsxwriter.
///
/// Keeps its workbook alive, since the C worksheet lives inside the C workbook.
public final class Worksheet {
    public let name: String
    private let workbook: Workbook
    private let handle: UnsafeMutablePointer<lxw_worksheet>

    init(workbook: Workbook, handle: UnsafeMutablePointer<lxw_worksheet>, name: String) {
        self.workbook = workbook
        self.handle = handle
        self.name = name
    }

    /// Writes one cell with `worksheet_write_string`, `_number`, `_formula` or `_blank`.
    public func write(_ value: CellValue, row: Int, column: Int, format: CellFormat? = nil) throws {
        let context = "sheet \(name), cell \(Self.cell(row, column))"
        let (r, c) = (try rowIndex(row, context), try columnIndex(column, context))
        let format = try workbook.lxwFormat(format, context: context)
        let result: lxw_error
        switch value {
        case .text(let text): result = worksheet_write_string(handle, r, c, Self.truncated(text), format)
        case .number(let number) where number.isFinite: result = worksheet_write_number(handle, r, c, number, format)
        case .integer(let integer): result = worksheet_write_number(handle, r, c, Double(integer), format)
        case .formula(let formula): result = worksheet_write_formula(handle, r, c, formula, format)
        case .number, .empty:
            // worksheet_write_blank ignores a blank without a format, so there is nothing to write.
            guard let format else { return }
            result = worksheet_write_blank(handle, r, c, format)
        }
        guard result == LXW_NO_ERROR else { throw XLSXError(context, result) }
    }

    /// Merges a range into one cell showing `text` (`worksheet_merge_range`); the range must span two cells or more.
    public func merge(
        _ text: String, firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int, format: CellFormat? = nil
    ) throws {
        let context = "sheet \(name), range \(Self.cell(firstRow, firstColumn)):\(Self.cell(lastRow, lastColumn))"
        let (r0, c0) = (try rowIndex(firstRow, context), try columnIndex(firstColumn, context))
        let (r1, c1) = (try rowIndex(lastRow, context), try columnIndex(lastColumn, context))
        let format = try workbook.lxwFormat(format, context: context)
        let result = worksheet_merge_range(handle, r0, c0, r1, c1, Self.truncated(text), format)
        guard result == LXW_NO_ERROR else { throw XLSXError(context, result) }
    }

    /// Lets a column's cells from `firstRow` to `lastRow` take only one of `values`, offered as a drop-down list
    /// (`worksheet_data_validation_range` with a list); other input is refused by Excel with `message`.
    public func dropDown(_ values: [String], column: Int, firstRow: Int, lastRow: Int, message: String) throws {
        let context = "sheet \(name), drop-down in \(Self.cell(firstRow, column)):\(Self.cell(lastRow, column))"
        let (r0, r1, c) = (try rowIndex(firstRow, context), try rowIndex(lastRow, context), try columnIndex(column, context))
        var list = values.map { strdup($0) }
        list.append(nil)
        let title = strdup("forestmap"), text = strdup(message)
        defer { list.forEach { free($0) }; free(title); free(text) }
        var validation = lxw_data_validation()
        validation.validate = UInt8(LXW_VALIDATION_TYPE_LIST.rawValue)
        validation.error_title = title
        validation.error_message = text
        let sheet = try openHandle(context)
        let result = list.withUnsafeMutableBufferPointer { buffer in
            validation.value_list = buffer.baseAddress
            return worksheet_data_validation_range(sheet, r0, c, r1, c, &validation)
        }
        guard result == LXW_NO_ERROR else { throw XLSXError(context, result) }
    }

    /// Sets a column's width in characters of the default font (`worksheet_set_column`).
    public func setColumnWidth(_ column: Int, width: Double) throws {
        let context = "sheet \(name), column index \(column)"
        let c = try columnIndex(column, context)
        guard width.isFinite, width >= 0 else { throw XLSXError(message: "\(context): invalid width \(width)") }
        let result = worksheet_set_column(try openHandle(context), c, c, width, nil)
        guard result == LXW_NO_ERROR else { throw XLSXError(context, result) }
    }

    /// Sets a row's height in points (`worksheet_set_row`).
    public func setRowHeight(_ row: Int, height: Double) throws {
        let context = "sheet \(name), row index \(row)"
        let r = try rowIndex(row, context)
        guard height.isFinite, height >= 0 else { throw XLSXError(message: "\(context): invalid height \(height)") }
        let result = worksheet_set_row(try openHandle(context), r, height, nil)
        guard result == LXW_NO_ERROR else { throw XLSXError(context, result) }
    }

    /// Keeps the rows above `row` and the columns left of `column` in view while scrolling (`worksheet_freeze_panes`).
    /// Traps on indices outside the sheet or on a closed workbook: both are programming errors.
    public func freezePanes(row: Int, column: Int) {
        precondition(Self.rows.contains(row) && Self.columns.contains(column), "freezePanes(row: \(row), column: \(column)) is outside the sheet")
        worksheet_freeze_panes(liveHandle(), lxw_row_t(row), lxw_col_t(column))
    }

    /// Prints in landscape orientation (`worksheet_set_landscape`), for wide tables.
    public func setLandscape() {
        worksheet_set_landscape(liveHandle())
    }

    /// Scales printing to at most `width` pages across and `height` pages down (`worksheet_fit_to_pages`);
    /// 0 means as many as needed, e.g. `fitToPages(width: 1, height: 0)` for "all columns on one page".
    public func fitToPages(width: Int, height: Int) {
        worksheet_fit_to_pages(liveHandle(), UInt16(clamping: width), UInt16(clamping: height))
    }

    // MARK: - Helpers

    private static let rows = 0..<Int(LXW_ROW_MAX)
    private static let columns = 0..<Int(LXW_COL_MAX)
    /// Excel's limit on characters in a cell, which libxlsxwriter counts in Unicode scalars.
    private static let maxTextLength = 32767

    /// The C worksheet, or an error prefixed with `context` if the workbook is already closed.
    private func openHandle(_ context: String) throws -> UnsafeMutablePointer<lxw_worksheet> {
        guard workbook.isOpen else { throw XLSXError(message: "\(context): workbook \(workbook.path) is already closed") }
        return handle
    }

    /// The C worksheet for calls that cannot throw; using a sheet of a closed workbook is a programming error.
    private func liveHandle() -> UnsafeMutablePointer<lxw_worksheet> {
        precondition(workbook.isOpen, "sheet \(name) used after its workbook \(workbook.path) was closed")
        return handle
    }

    private func rowIndex(_ row: Int, _ context: String) throws -> lxw_row_t {
        guard Self.rows.contains(row) else { throw XLSXError(message: "\(context): row \(row) is outside the sheet") }
        return lxw_row_t(row)
    }

    private func columnIndex(_ column: Int, _ context: String) throws -> lxw_col_t {
        guard Self.columns.contains(column) else {
            throw XLSXError(message: "\(context): column \(column) is outside the sheet")
        }
        return lxw_col_t(column)
    }

    /// "C5" for row 4, column 2 (as in `lxw_rowcol_to_cell`); indices outside the sheet are spelled out instead.
    static func cell(_ row: Int, _ column: Int) -> String {
        guard rows.contains(row), columns.contains(column) else { return "(row \(row), column \(column))" }
        var letters = ""
        var n = column + 1
        while n > 0 {
            n -= 1
            letters.insert(Character(Unicode.Scalar(UInt8(65 + n % 26))), at: letters.startIndex)
            n /= 26
        }
        return "\(letters)\(row + 1)"
    }

    /// `text` cut to Excel's cell limit, which libxlsxwriter would otherwise reject.
    private static func truncated(_ text: String) -> String {
        guard text.unicodeScalars.count > maxTextLength else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.prefix(maxTextLength)))
    }
}

@available(*, unavailable)
extension Worksheet: Sendable {}
