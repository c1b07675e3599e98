import Foundation
import ThreatGraphCLI

exit(CLI.run(arguments: Array(CommandLine.arguments.dropFirst())).rawValue)
