/// Reading infrastructure JSON: parsing within limits, and locating values and warnings.
enum ImportJSON {
    /// Parses a file within `limits`; a syntax error, or a YAML template, is a located error.
    static func parse(_ file: InputFile, limits: ImportLimits) throws(ImportError) -> JSONValue {
        guard file.bytes.count <= limits.maxFileBytes else {
            throw ImportError("too-large", ByteLimit.message(size: file.bytes.count, limit: limits.maxFileBytes), at: SourceLocation(file: file.name))
        }
        do {
            return try JSONReader.parse(file.bytes, limits: limits.json)
        } catch {
            if looksLikeYAML(file.bytes) {
                throw ImportError("yaml", "this looks like YAML; import reads JSON: run 'cdk synth --json', or convert the template with 'cfn-flip'",
                                  at: SourceLocation(file: file.name, line: 1, column: 1))
            }
            throw ImportError("syntax", error.message, at: SourceLocation(file: file.name, line: error.line, column: error.column))
        }
    }

    /// Whether the text starts like a YAML document rather than JSON (first non-blank, non-comment byte is no `{` or `[`).
    static func looksLikeYAML(_ bytes: [UInt8]) -> Bool {
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { i += 1; continue }
            if b == UInt8(ascii: "#") {
                while i < bytes.count && bytes[i] != 0x0A { i += 1 }
                continue
            }
            return b != UInt8(ascii: "{") && b != UInt8(ascii: "[")
        }
        return false
    }

    /// Locates values and collects warnings about skipped parts.
    struct Reader {
        /// The file as the user named it.
        let file: String
        /// Warnings so far.
        var diagnostics: [Diagnostic] = []

        /// Where a value is.
        func location(_ v: JSONValue, _ path: String) -> SourceLocation {
            SourceLocation(file: file, line: Int(v.line), column: Int(v.column), path: path)
        }

        /// Records a warning at a value (at most 1,000; the rest are counted in the last).
        mutating func warn(_ code: String, _ message: String, _ v: JSONValue, _ path: String) {
            if diagnostics.count < 1_000 {
                diagnostics.append(Diagnostic(.warning, "import.\(code)", message, at: location(v, path)))
            }
        }

        /// The array member `key` of an object; a missing member is empty, another type a warning and empty.
        mutating func array(_ object: JSONValue, _ key: String, _ path: String) -> [JSONValue] {
            guard let v = object[key] else { return [] }
            guard let items = v.array else {
                warn("wrong-type", "'\(key)' must be an array, not \(v.typeName); skipped", v, path + "." + key)
                return []
            }
            return items
        }
    }
}

/// Readable, valid model ids from resource addresses and CDK paths.
public enum ReadableID {
    /// An address without instance keys (`aws_subnet.private[0]` → `aws_subnet.private`), keys with dots included.
    public static func withoutIndex(_ address: String) -> String {
        guard address.utf8.contains(UInt8(ascii: "[")) else { return address }
        var out = ""
        var depth = 0, quoted = false
        for c in address {
            if depth > 0 {
                if c == "\"" { quoted.toggle() } else if !quoted && c == "]" { depth -= 1 }
                continue
            }
            if c == "[" { depth = 1; quoted = false; continue }
            out.append(c)
        }
        return out
    }

    /// The innermost module of a Terraform address (`module.app.module.api.aws_x.y` → `api`), nil at the root.
    static func moduleName(_ address: String) -> String? {
        let parts = withoutIndex(address).split(separator: ".")
        guard let last = parts.lastIndex(of: "module"), last + 1 < parts.count - 2 else { return nil }
        return String(parts[last + 1])
    }

    /// The readable part of a Terraform address: the resource name with its instance key
    /// (`module.app.aws_lambda_function.chat["eu"]` → `chat-eu`).
    static func terraformName(_ address: String) -> String {
        let base = withoutIndex(address)
        let name = base.split(separator: ".").last.map(String.init) ?? address
        guard address.hasSuffix("]") else { return name }
        var quoted = false
        var i = address.index(before: address.endIndex)
        while i > address.startIndex {
            i = address.index(before: i)
            if address[i] == "\"" { quoted.toggle() } else if address[i] == "[" && !quoted { break }
        }
        let key = String(address[address.index(after: i)..<address.index(before: address.endIndex)]).replacingOccurrences(of: "\"", with: "")
        return key.isEmpty ? name : name + "-" + key
    }

    /// A valid id: letters, digits, `-`, `_`, `.`; `_` and other characters become `-`, camel case is split, at most 64
    /// characters; `fallback` when nothing is left.
    public static func sanitize(_ text: String, fallback: String = "resource") -> String {
        var out: [UInt8] = []
        out.reserveCapacity(min(64, text.utf8.count + 4))
        var previous: UInt8 = 0x2D
        for b in text.utf8 {
            let upper = b >= 0x41 && b <= 0x5A, lower = b >= 0x61 && b <= 0x7A, digit = b >= 0x30 && b <= 0x39
            var next: UInt8 = 0x2D
            if upper || lower || digit {
                if upper && previous >= 0x61 && previous <= 0x7A { out.append(0x2D) }
                next = upper ? b + 32 : b
            } else if b == 0x2E {
                next = 0x2E
            }
            previous = b
            if next == 0x2D && (out.last == 0x2D || out.isEmpty) { continue }
            out.append(next)
            if out.count >= 64 { break }
        }
        while out.last == 0x2D || out.last == 0x2E { out.removeLast() }
        return out.isEmpty ? fallback : String(decoding: out, as: UTF8.self)
    }
}
