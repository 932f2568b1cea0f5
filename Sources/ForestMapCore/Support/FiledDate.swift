import Foundation

/// The date a filed table (填表日期) or report carries.
package enum FiledDate {
    /// Today's date as filed tables print it: 2021-12-31.
    package static func today() -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "yyyy-MM-dd"
        return f.string(from: Date())
    }
}
