import Foundation

/// What a path names, for refusing inputs that would block or never end: only regular files and folders are
/// read (a named pipe blocks until its writer comes, a device never ends).
public enum FileKind {
    /// Why `path` cannot be an input ("a named pipe (FIFO)", "a device"), or nil for a regular file, a folder or a
    /// path that does not exist.
    public static func unreadableKind(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG, S_IFDIR: return nil
        case S_IFIFO: return "a named pipe (FIFO)"
        case S_IFCHR, S_IFBLK: return "a device"
        case S_IFSOCK: return "a socket"
        default: return "not a regular file"
        }
    }
}
