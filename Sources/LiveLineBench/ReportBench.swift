import Foundation
import GridModel
import Reliability
import Reports

/// Rendering the HTML report of a 1,000-feeder generated network (network drawing + reliability).
func benchReport() {
    print("== report: HTML for a 1,000-feeder network with the reliability section (target: render < 5 s)")
    let network = generatedNetwork(feeders: 1_000)
    let evaluation = measure(repeats: 1) { AnalyticalEvaluation.evaluate(network) }
    let json = ReliabilityReport(file: "generated-1000.json", network: network, result: evaluation.result).json().rendered()
    guard let document = try? JSONParser.parse(Array(json.utf8)) else {
        print("reliability JSON could not be read back")
        exit(1)
    }
    var input = ReportInput(network: network, networkFile: "generated-1000.json")
    input.reliability = document
    input.saidiOverlay = true
    let render = measure { HTMLReport.render(input) }
    print(String(format: "%d feeders, %d sections: evaluation %.3f s (not part of the report), render %.3f s, %.1f MB of HTML",
                 network.topology.feeders.count, network.model.sections.count, evaluation.seconds, render.seconds, Double(render.result.utf8.count) / 1e6))
}
