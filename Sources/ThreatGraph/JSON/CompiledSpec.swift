/// An object spec prepared for reading: field names and enumeration values as UTF-8 bytes, so that member names
/// and values are matched in the source bytes without building strings.
final class CompiledSpec: Sendable {
    /// How a field's value is checked.
    enum Check: Sendable {
        case string, identifier, enumeration, boolean, arrayOfObjects, object, arrayOfStrings, arrayOfChoices
        /// A number in `min...max`; whole when `whole`.
        case number(min: Double, max: Double, whole: Bool)
        /// Any other type: checked by `DecodeContext.check`.
        case general
    }

    /// The spec.
    let spec: ObjectSpec
    /// Lowercased description, for messages.
    let noun: String
    /// How each field is checked.
    let checks: [Check]
    /// Field names in UTF-8, one after another; field `f` is `nameBytes[nameStarts[f]..<nameStarts[f + 1]]`.
    let nameBytes: [UInt8]
    let nameStarts: [Int]
    /// Whether every field name is ASCII.
    let namesASCII: Bool
    /// Per field: the first eight bytes of its name (little-endian, zero-padded) and its length, to match member
    /// names a word at a time.
    let nameWords: [UInt64]
    let nameLengths: [Int]
    /// Allowed values of enumeration fields in UTF-8, one after another; value `c` of all fields'
    /// values is `choiceBytes[choiceStarts[c]..<choiceStarts[c + 1]]`, and field `f` has values
    /// `fieldChoices[f]..<fieldChoices[f + 1]`.
    let choiceBytes: [UInt8]
    let choiceStarts: [Int]
    let fieldChoices: [Int]
    /// For enumeration fields, whether every allowed value is ASCII.
    let choicesASCII: [Bool]
    /// Indices of required fields.
    let required: [Int]
    /// Required fields as a bit mask (specs of at most 64 fields).
    let requiredMask: UInt64

    init(_ spec: ObjectSpec) {
        self.spec = spec
        noun = spec.description.lowercased()
        var nameBytes: [UInt8] = [], nameStarts = [0]
        for field in spec.fields {
            nameBytes += Array(field.name.utf8)
            nameStarts.append(nameBytes.count)
        }
        self.nameBytes = nameBytes
        self.nameStarts = nameStarts
        namesASCII = nameBytes.allSatisfy { $0 < 0x80 }
        nameWords = spec.fields.map { field in
            field.name.utf8.prefix(8).enumerated().reduce(0) { $0 | UInt64($1.element) << UInt64($1.offset * 8) }
        }
        nameLengths = spec.fields.map { $0.name.utf8.count }
        var checks: [Check] = []
        var choiceBytes: [UInt8] = [], choiceStarts = [0], fieldChoices = [0]
        var choicesASCII: [Bool] = []
        for field in spec.fields {
            var allowed: [String] = []
            switch field.type {
            case .string: checks.append(.string)
            case .identifier: checks.append(.identifier)
            case .enumeration(let values):
                checks.append(.enumeration)
                allowed = values
            case .boolean: checks.append(.boolean)
            case .array(.object): checks.append(.arrayOfObjects)
            case .array(.string): checks.append(.arrayOfStrings)
            case .array(.enumeration(let values)):
                checks.append(.arrayOfChoices)
                allowed = values
            case .number(let lo, let hi): checks.append(.number(min: lo, max: hi, whole: false))
            case .integer(let lo, let hi): checks.append(.number(min: Double(lo), max: Double(hi), whole: true))
            case .object: checks.append(.object)
            default: checks.append(.general)
            }
            for value in allowed {
                choiceBytes += Array(value.utf8)
                choiceStarts.append(choiceBytes.count)
            }
            fieldChoices.append(choiceStarts.count - 1)
            choicesASCII.append(allowed.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } })
        }
        self.checks = checks
        self.choiceBytes = choiceBytes
        self.choiceStarts = choiceStarts
        self.fieldChoices = fieldChoices
        self.choicesASCII = choicesASCII
        required = spec.fields.indices.filter { spec.fields[$0].required }
        requiredMask = required.reduce(0) { $1 < 64 ? $0 | 1 << UInt64($1) : $0 }
    }

    /// The index of the field a member name (a string node) names, as Swift compares strings, or nil.
    func field(named key: JSONNode, in document: JSONDocument) -> Int? {
        if namesASCII && document.isPlainASCII(key) {
            return document.withView { view in field(named: view.text(key.index), in: view.bytes) }
        }
        let text = document.string(key) ?? ""
        return spec.fields.firstIndex { $0.name == text }
    }

    /// The field whose (ASCII) name is `bytes[range]`, or nil.
    @inline(__always)
    private func field(named range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let length = range.count
        // The name's first eight bytes as one word; a name in the source is followed by its closing quote, so the
        // word is read whole whenever eight bytes remain, and masked to the name.
        var word: UInt64 = 0
        if range.lowerBound + 8 <= bytes.count {
            word = UnsafeRawBufferPointer(bytes).loadUnaligned(fromByteOffset: range.lowerBound, as: UInt64.self)
            if length < 8 { word &= (1 << UInt64(length * 8)) - 1 }
        } else {
            for i in 0..<min(length, 8) { word |= UInt64(bytes[range.lowerBound + i]) << UInt64(i * 8) }
        }
        var f = 0
        while f < nameWords.count {
            if nameWords[f] == word && nameLengths[f] == length {
                guard length > 8 else { return f }
                let start = nameStarts[f]
                var i = 8
                while i < length && nameBytes[start + i] == bytes[range.lowerBound + i] { i += 1 }
                if i == length { return f }
            }
            f += 1
        }
        return nil
    }

    /// The index of a field by name.
    func field(named name: String) -> Int? { spec.fields.firstIndex { $0.name == name } }

    /// The position of a string node's value among field `f`'s allowed values, as Swift compares strings, or nil.
    func choice(_ f: Int, of value: JSONNode, in document: JSONDocument) -> Int? {
        guard f >= 0 && f < checks.count, document.isString(value) else { return nil }
        if choicesASCII[f] && document.isPlainASCII(value) {
            return document.withView { view in choice(f, view.text(value.index), in: view.bytes) }
        }
        guard case .enumeration(let allowed) = spec.fields[f].type, let text = document.string(value) else { return nil }
        return allowed.firstIndex(of: text)
    }

    /// The position of the (ASCII) text `bytes[range]` among field `f`'s allowed values, or nil.
    @inline(__always)
    private func choice(_ f: Int, _ range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let length = range.count
        var c = fieldChoices[f]
        while c < fieldChoices[f + 1] {
            let start = choiceStarts[c]
            if choiceStarts[c + 1] - start == length {
                var i = 0
                while i < length && choiceBytes[start + i] == bytes[range.lowerBound + i] { i += 1 }
                if i == length { return c - fieldChoices[f] }
            }
            c += 1
        }
        return nil
    }

    /// Reads an object whose members are all well-formed, recording each field's value in `slots`: every member
    /// name is plain ASCII and names a field once, every value passes its field's check and every required field
    /// is present. Returns false, having reported nothing, when the object needs the full check.
    /// - Complexity: O(m · f) for m members and f fields.
    func scan(_ object: Int, _ view: JSONDocument.View, into slots: inout FieldSlots) -> Bool {
        guard namesASCII, checks.count <= 64, object < view.count else { return false }
        let end = view.next(object)
        var seen: UInt64 = 0
        var i = object + 1
        while i + 1 < end {
            let key = i, value = i + 1
            i = view.next(value)
            guard view.kind(key) == 4, view.isPlainASCII(key), let f = field(named: view.text(key), in: view.bytes) else { return false }
            let bit: UInt64 = 1 << UInt64(f)
            guard seen & bit == 0 else { return false }
            seen |= bit
            let kind = view.kind(value)
            switch checks[f] {
            case .string:
                guard kind == 4 else { return false }
            case .identifier:
                guard kind == 4, view.isUnescaped(value) else { return false }
                let range = view.text(value)
                guard !range.isEmpty, range.count <= 200 else { return false }
                for b in view.bytes[range] where !Identifier.isIDByte(b) { return false }
            case .enumeration:
                guard isChoice(f, value, view) else { return false }
            case .boolean:
                guard kind == 1 || kind == 2 else { return false }
            case .arrayOfObjects:
                guard kind == 5, everyElement(of: value, view, { view.kind($0) == 6 }) else { return false }
            case .object:
                guard kind == 6 else { return false }
            case .arrayOfStrings:
                guard kind == 5, everyElement(of: value, view, { view.kind($0) == 4 }) else { return false }
            case .arrayOfChoices:
                guard kind == 5, everyElement(of: value, view, { isChoice(f, $0, view) }) else { return false }
            case .number(let lo, let hi, let whole):
                guard kind == 3 else { return false }
                let n = Double(bitPattern: view.payloads[value])
                guard n >= lo && n <= hi && (!whole || n == n.rounded()) else { return false }
            case .general:
                return false
            }
            slots[f] = JSONNode(value)
        }
        return seen & requiredMask == requiredMask
    }

    /// Whether entry `i` is a plain ASCII string naming one of field `f`'s allowed values.
    @inline(__always)
    private func isChoice(_ f: Int, _ i: Int, _ view: JSONDocument.View) -> Bool {
        view.kind(i) == 4 && choicesASCII[f] && view.isPlainASCII(i) && choice(f, view.text(i), in: view.bytes) != nil
    }

    /// Whether every element of array entry `array` passes `test`.
    @inline(__always)
    private func everyElement(of array: Int, _ view: JSONDocument.View, _ test: (Int) -> Bool) -> Bool {
        var e = array + 1
        let stop = view.next(array)
        while e < stop {
            guard test(e) else { return false }
            e = view.next(e)
        }
        return true
    }
}
