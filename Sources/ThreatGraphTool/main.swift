import Foundation
import ThreatGraphCLI

exit(CLI.main(Array(CommandLine.arguments.dropFirst())))
