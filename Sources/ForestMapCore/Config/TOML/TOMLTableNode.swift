/// A table of a TOML document while the document is read. How the table came to be decides what the rest of the
/// document may still add to it: TOML 1.0 defines each table once, by a header, by dotted keys or inline.
final class TOMLTableNode {
    /// How a table came to be.
    enum Origin {
        /// Made on the way to a header further in (`a` for `[a.b]`): may still get a header or dotted keys.
        case implied
        /// Made by its own `[header]`, or as one element of a `[[header]]` array; the document's root too.
        case header
        /// Made by dotted keys (`a.b = 1`) or inside an inline table: takes more dotted keys, and headers of
        /// sub-tables, but no header of its own.
        case dotted
    }

    /// What a key holds: a value (inline tables and arrays written as values included), a table still open to
    /// additions, or the tables of a `[[header]]` array.
    private enum Entry {
        case value(TOMLValue)
        case table(TOMLTableNode)
        case arrayOfTables([TOMLTableNode])
    }

    /// The table's full key from the root, for messages.
    let path: [String]
    private var origin: Origin
    private var keys: [String] = []
    private var entries: [String: Entry] = [:]

    init(path: [String], origin: Origin) {
        self.path = path
        self.origin = origin
    }

    /// The table as a value, with every table under it.
    var table: TOMLTable {
        var table = TOMLTable()
        for key in keys {
            switch entries[key]! {
            case .value(let value): table.append(key, value)
            case .table(let node): table.append(key, .table(node.table))
            case .arrayOfTables(let nodes): table.append(key, .array(nodes.map { .table($0.table) }))
            }
        }
        return table
    }

    /// `[a.b.c]`: the table a header names, given its header now. Called on the root.
    func defineTable(_ names: [TOMLKey]) throws(TOMLProblem) -> TOMLTableNode {
        let parent = try descend(names.dropLast())
        let key = names[names.count - 1]
        let name = TOMLKey.dotted(parent.path + [key.name])
        switch parent.entries[key.name] {
        case nil:
            return parent.add(key.name, origin: .header)
        case .table(let node) where node.origin == .implied:
            node.origin = .header
            return node
        case .table(let node) where node.origin == .header:
            throw TOMLProblem(at: key.offset, "the table [\(name)] is defined twice")
        case .table:
            throw TOMLProblem(at: key.offset, "the table [\(name)] is already defined by dotted keys (\(name).… = …); it cannot have a header too")
        case .arrayOfTables:
            throw TOMLProblem(at: key.offset, "\(name) is an array of tables; add a table to it with [[\(name)]]")
        case .value(let value):
            throw parent.notATable(key, value)
        }
    }

    /// `[[a.b.c]]`: a new table at the end of the array of tables a header names. Called on the root.
    func appendTable(_ names: [TOMLKey]) throws(TOMLProblem) -> TOMLTableNode {
        let parent = try descend(names.dropLast())
        let key = names[names.count - 1]
        let name = TOMLKey.dotted(parent.path + [key.name])
        switch parent.entries[key.name] {
        case nil, .arrayOfTables:
            break
        case .table:
            throw TOMLProblem(at: key.offset, "[[\(name)]] names the table [\(name)], which is not an array of tables")
        case .value(.array):
            throw TOMLProblem(at: key.offset, "\(name) is an array written as a value; [[\(name)]] cannot add to it")
        case .value(let value):
            throw parent.notATable(key, value)
        }
        return parent.appendToArrayOfTables(key.name)
    }

    /// `a.b.c = value` in this table: `a` and `a.b` are tables made (or added to) by dotted keys.
    func assign(_ names: [TOMLKey], _ value: TOMLValue) throws(TOMLProblem) {
        var table = self
        for key in names.dropLast() {
            switch table.entries[key.name] {
            case nil:
                table = table.add(key.name, origin: .dotted)
            case .table(let node) where node.origin != .header:
                // An implied table taken up by dotted keys is theirs now: no header may define it later.
                node.origin = .dotted
                table = node
            case .table(let node):
                throw TOMLProblem(at: key.offset, "the table [\(TOMLKey.dotted(node.path))] has a header of its own; its keys cannot be added with dotted keys from outside it")
            case .arrayOfTables:
                throw TOMLProblem(at: key.offset, "\(TOMLKey.dotted(table.path + [key.name])) is an array of tables; dotted keys cannot add to it")
            case .value(let value):
                throw table.notATable(key, value)
            }
        }
        let key = names[names.count - 1]
        guard table.entries[key.name] == nil else {
            throw TOMLProblem(at: key.offset, "the key \(TOMLKey.dotted(table.path + [key.name])) is set twice")
        }
        table.set(key.name, .value(value))
    }

    /// The table `names` leads to from this one, through tables and the last tables of arrays of tables, made
    /// where missing (as `.implied`): the way to a header's table.
    private func descend(_ names: ArraySlice<TOMLKey>) throws(TOMLProblem) -> TOMLTableNode {
        var table = self
        for key in names {
            switch table.entries[key.name] {
            case nil: table = table.add(key.name, origin: .implied)
            case .table(let node): table = node
            case .arrayOfTables(let nodes): table = nodes[nodes.count - 1]
            case .value(let value): throw table.notATable(key, value)
            }
        }
        return table
    }

    /// The problem of going into `key`, which holds `value`, as if it were a table open to additions.
    private func notATable(_ key: TOMLKey, _ value: TOMLValue) -> TOMLProblem {
        let name = TOMLKey.dotted(path + [key.name])
        if case .table = value {
            return TOMLProblem(at: key.offset, "\(name) is an inline table ({ … }), complete as written; nothing can be added to it")
        }
        return TOMLProblem(at: key.offset, "\(name) is already set to a value, so it cannot be a table too")
    }

    /// A new table at the end of the array of tables `key`, made if missing. The array is taken out of `entries`
    /// while it grows, so that it grows in place.
    private func appendToArrayOfTables(_ key: String) -> TOMLTableNode {
        let node = TOMLTableNode(path: path + [key], origin: .header)
        guard case .arrayOfTables(var nodes) = entries.removeValue(forKey: key) else {
            set(key, .arrayOfTables([node]))
            return node
        }
        nodes.append(node)
        entries[key] = .arrayOfTables(nodes)
        return node
    }

    private func add(_ key: String, origin: Origin) -> TOMLTableNode {
        let node = TOMLTableNode(path: path + [key], origin: origin)
        set(key, .table(node))
        return node
    }

    private func set(_ key: String, _ entry: Entry) {
        keys.append(key)
        entries[key] = entry
    }
}
