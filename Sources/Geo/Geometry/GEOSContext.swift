internal import CGEOS

/// One GEOS context (`GEOSContextHandle_t`) with its error messages captured instead of printed.
///
/// GEOS objects belong to the context that made them and never cross tasks: make one context per task and pass
/// geometries between tasks as `WKB`.
public final class GEOSContext {
    let handle: OpaquePointer
    /// The last error GEOS reported through this context.
    private let messages = MessageBox()

    public init() {
        handle = GEOS_init_r()
        let box = Unmanaged.passUnretained(messages).toOpaque()
        GEOSContext_setErrorMessageHandler_r(handle, { message, userdata in
            guard let message, let userdata else { return }
            Unmanaged<MessageBox>.fromOpaque(userdata).takeUnretainedValue().last = String(cString: message)
        }, box)
        GEOSContext_setNoticeMessageHandler_r(handle, { _, _ in }, nil)
    }

    deinit { GEOS_finish_r(handle) }

    /// Reads and clears the last GEOS error, as " (GEOS: ...)" for messages.
    func reasonSuffix() -> String {
        defer { messages.last = nil }
        return messages.last.map { " (GEOS: \($0))" } ?? ""
    }

    private final class MessageBox { var last: String? }
}

@available(*, unavailable)
extension GEOSContext: Sendable {}
