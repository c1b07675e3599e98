import Foundation
import ThreatGraph

// Placeholder replaced below.
