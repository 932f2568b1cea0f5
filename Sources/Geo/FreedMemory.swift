internal import CGDAL

/// The process's heap, as the C library keeps it.
public enum FreedMemory {
    /// Gives the memory freed so far back to the system (glibc's `malloc_trim`). Freed memory otherwise stays with
    /// the process: a step that held a large layer and let it go would leave the next step starting on top of it,
    /// and the annual run's peak would be the sum of its steps' instead of the largest.
    public static func giveBack() {
        _ = malloc_trim(0)
    }
}
