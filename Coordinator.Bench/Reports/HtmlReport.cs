using System.Globalization;
using System.Net;
using System.Text;
using Coordinator.Bench.Compare;

namespace Coordinator.Bench.Reports;

/// <summary>
/// A self-contained HTML page (inline CSS and SVG, no external assets), per shape: bar charts of the
/// throughput, p99 and memory ratios, the figures table and one latency-distribution chart per workload.
/// </summary>
public static class HtmlReport
{
    private static readonly string[] Colors = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd"];

    public static string Render(ComparisonReport report)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Coordinator vs ZooKeeper</title><style>")
            .Append("body{font-family:sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse;font-size:14px}")
            .Append("th,td{border:1px solid #ccc;padding:4px 8px;text-align:right}th:first-child,td:first-child{text-align:left}")
            .Append(".charts{display:flex;flex-wrap:wrap;gap:12px}svg text{font-size:11px;font-family:sans-serif}")
            .Append("</style></head><body>");
        html.Append($"<h1>Coordinator vs Apache ZooKeeper</h1><p>{Text(report.Date.ToString("u", CultureInfo.InvariantCulture))} · ")
            .Append($"{Text(report.Machine.Cpu)}, {report.Machine.Cores} cores, {Num(report.Machine.MemoryGiB, "0.#")} GiB, ")
            .Append($"{Text(report.Machine.OperatingSystem)}, {Text(report.Machine.Runtime)}</p><p><code>{Text(report.Command)}</code></p>");

        foreach (var shape in report.Shapes)
        {
            html.Append($"<h2>{Text(shape)}</h2><div class=\"charts\">")
                .Append(RatioChart(report, shape, "Throughput (ops/s)", report.ThroughputRatio, higherIsBetter: true))
                .Append(RatioChart(report, shape, "p99 latency", report.P99Ratio, higherIsBetter: false))
                .Append(RatioChart(report, shape, "Resident memory (peak)", report.MemoryRatio, higherIsBetter: false))
                .Append("</div>");
            html.Append("<h3>Figures</h3>").Append(FiguresTable(report, shape));
            html.Append("<h3>Latency distribution (ms, log scale)</h3><div class=\"charts\">");
            foreach (var workload in report.Workloads(shape))
                html.Append(LatencyChart(report, shape, workload));
            html.Append("</div>");
        }
        return html.Append("</body></html>").ToString();
    }

    /// <summary>One bar per workload: Coordinator ÷ ZooKeeper for one metric, green where it favours Coordinator.</summary>
    private static string RatioChart(ComparisonReport report, string shape, string metric, Func<string, string, double?> ratioOf,
        bool higherIsBetter)
    {
        const int rowHeight = 22, labelWidth = 130, barWidth = 240;
        var ratios = report.Workloads(shape).Select(w => (Workload: w, Ratio: ratioOf(shape, w))).ToArray();
        var scaleMax = Math.Max(1.2, ratios.Max(r => r.Ratio ?? 0) * 1.1);
        var height = ratios.Length * rowHeight + 50;
        var svg = new StringBuilder($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{labelWidth + barWidth + 50}\" height=\"{height}\">")
            .Append($"<text x=\"{labelWidth}\" y=\"14\" font-weight=\"bold\">{Text(metric)}: Coordinator ÷ ZooKeeper ({(higherIsBetter ? "higher" : "lower")} is better)</text>");
        for (var i = 0; i < ratios.Length; i++)
        {
            var y = i * rowHeight + 25;
            svg.Append($"<text x=\"{labelWidth - 6}\" y=\"{y + 15}\" text-anchor=\"end\">{Text(ratios[i].Workload)}</text>");
            if (ratios[i].Ratio is { } ratio)
            {
                var width = ratio / scaleMax * barWidth;
                svg.Append($"<rect x=\"{labelWidth}\" y=\"{y}\" width=\"{Num(width)}\" height=\"{rowHeight - 8}\" fill=\"{(ComparisonReport.FavoursOurs(ratio, higherIsBetter) ? "#2ca02c" : "#ff7f0e")}\"/>")
                    .Append($"<text x=\"{Num(labelWidth + width + 4)}\" y=\"{y + 14}\">{Num(ratio, "0.00")}</text>");
            }
            else
            {
                svg.Append($"<text x=\"{labelWidth + 4}\" y=\"{y + 14}\">n/a</text>");
            }
        }
        var one = labelWidth + 1 / scaleMax * barWidth;
        svg.Append($"<line x1=\"{Num(one)}\" x2=\"{Num(one)}\" y1=\"20\" y2=\"{height - 20}\" stroke=\"#000\" stroke-dasharray=\"4 3\"/>")
            .Append($"<text x=\"{Num(one)}\" y=\"{height - 6}\" text-anchor=\"middle\">1.0 = parity</text></svg>");
        return svg.ToString();
    }

    private static string FiguresTable(ComparisonReport report, string shape)
    {
        var servers = report.In(shape);
        var table = new StringBuilder("<table><tr><th>Workload</th>");
        foreach (var server in servers)
            table.Append($"<th>{Text(server.Server)} ops/s</th><th>p50 ms</th><th>p99 ms</th><th>p99.9 ms</th><th>errors</th><th>RSS peak MiB</th><th>CPU steal %</th>");
        table.Append("<th>ops/s ratio</th><th>p99 ratio</th><th>RSS ratio</th></tr>");
        foreach (var workload in report.Workloads(shape))
        {
            table.Append($"<tr><td>{Text(workload)}</td>");
            foreach (var server in servers)
            {
                var f = server.Workloads.FirstOrDefault(w => w.Workload == workload);
                table.Append(f is null
                    ? "<td>-</td><td>-</td><td>-</td><td>-</td><td>-</td><td>-</td><td>-</td>"
                    : $"<td>{Num(f.OpsPerSecond, "N0")}</td><td>{Num(f.Latency.P50Ms, "0.###")}</td><td>{Num(f.Latency.P99Ms, "0.###")}</td>"
                      + $"<td>{Num(f.Latency.P999Ms, "0.###")}</td><td title=\"{Text(string.Join("; ", f.ErrorKinds.Select(e => $"{e.Value} × {e.Key}")))}\">{f.Errors}</td>"
                      + $"<td>{Num(f.RssPeakMiB, "0")}</td><td>{Num(f.StealPercent, "0.#")}{(f.Attempts > 1 ? " (2nd run)" : "")}</td>");
            }
            table.Append($"<td>{Ratio(report.ThroughputRatio(shape, workload))}</td><td>{Ratio(report.P99Ratio(shape, workload))}</td>")
                .Append($"<td>{Ratio(report.MemoryRatio(shape, workload))}</td></tr>");
        }
        return table.Append("</table>").ToString();
    }

    private static string LatencyChart(ComparisonReport report, string shape, string workload)
    {
        const int width = 340, height = 220, left = 46, right = 10, top = 24, bottom = 40;
        var series = report.In(shape)
            .Select(s => (s.Server, Figures: s.Workloads.FirstOrDefault(w => w.Workload == workload)))
            .Where(s => s.Figures is { Operations: > 0 })
            .ToArray();
        var svg = new StringBuilder($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\">")
            .Append($"<text x=\"{width / 2}\" y=\"14\" text-anchor=\"middle\" font-weight=\"bold\">{Text(workload)}</text>");
        if (series.Length == 0)
            return svg.Append("<text x=\"20\" y=\"60\">no operations</text></svg>").ToString();

        var values = series.SelectMany(s => s.Figures!.Latency.Distribution.Select(p => Math.Max(p.Ms, 0.001))).ToArray();
        var low = Math.Floor(Math.Log10(values.Min()));
        var high = Math.Max(low + 1, Math.Ceiling(Math.Log10(values.Max())));
        var points = LatencyFigures.CurvePercentiles;
        double X(int i) => left + i * (width - left - right) / (double)(points.Length - 1);
        double Y(double ms) => top + (high - Math.Log10(Math.Max(ms, 0.001))) / (high - low) * (height - top - bottom);

        for (var decade = low; decade <= high; decade++)
            svg.Append($"<line x1=\"{left}\" x2=\"{width - right}\" y1=\"{Num(Y(Math.Pow(10, decade)))}\" y2=\"{Num(Y(Math.Pow(10, decade)))}\" stroke=\"#eee\"/>")
                .Append($"<text x=\"{left - 4}\" y=\"{Num(Y(Math.Pow(10, decade)) + 4)}\" text-anchor=\"end\">{Num(Math.Pow(10, decade), "0.###")}</text>");
        for (var i = 0; i < points.Length; i++)
            svg.Append($"<text x=\"{Num(X(i))}\" y=\"{height - bottom + 14}\" text-anchor=\"middle\">{(points[i] == 100 ? "max" : Num(points[i], "0.##"))}</text>");
        svg.Append($"<text x=\"{width / 2}\" y=\"{height - 6}\" text-anchor=\"middle\">percentile</text>");

        for (var s = 0; s < series.Length; s++)
        {
            var color = Colors[s % Colors.Length];
            var line = string.Join(' ', series[s].Figures!.Latency.Distribution.Select((p, i) => $"{Num(X(i))},{Num(Y(p.Ms))}"));
            svg.Append($"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" points=\"{line}\"/>")
                .Append($"<text x=\"{left + 6 + s * 90}\" y=\"{top + 10}\" fill=\"{color}\">{Text(series[s].Server)}</text>");
        }
        return svg.Append("</svg>").ToString();
    }

    private static string Ratio(double? ratio) => ratio is { } r ? Num(r, "0.00") : "-";

    private static string Num(double value, string format = "0.#") => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Text(string value) => WebUtility.HtmlEncode(value);
}
