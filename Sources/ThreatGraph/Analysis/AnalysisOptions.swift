/// What an analysis is run with, besides the catalog and the workload.
public struct AnalysisOptions: Sendable {
    /// Frameworks in force (nil: the model's, else the default).
    public var frameworks: [String]?
    /// As-of date for acceptances.
    public var asOf: CalendarDate

    /// Creates options.
    public init(frameworks: [String]? = nil, asOf: CalendarDate) {
        self.frameworks = frameworks
        self.asOf = asOf
    }
}
