using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Crm.Reporting.Reports;

namespace Crm.Reporting.Html;

/// <summary>A report as one self-contained HTML page: every text encoded, charts inline, links to each table's CSV.</summary>
public static class HtmlReportRenderer
{
    private const string Style = """
        body{font-family:"Noto Sans CJK SC","Droid Sans Fallback","DejaVu Sans",system-ui,sans-serif;margin:2rem auto;max-width:60rem;color:#1f2328;line-height:1.5}
        h1{font-size:1.6rem;margin-bottom:.5rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #d0d7de}h3{font-size:1rem}
        dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}dd{margin:0}
        table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.9rem}th,td{border:1px solid #d0d7de;padding:.25rem .5rem;text-align:left}
        th{background:#f6f8fa}td.n{text-align:right;font-variant-numeric:tabular-nums}img{max-width:100%;height:auto}
        .csv{font-size:.8rem;margin-left:.5rem}
        """;

    // The default encoder escapes everything outside Basic Latin; Chinese stays readable text, markup is still escaped.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <param name="csvLink">The address of a table's CSV by table id; null leaves the links out.</param>
    public static string Render(ServiceReport report, Func<string, string>? csvLink = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var h = Encoder;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"").Append(h.Encode(report.Language)).Append("\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>").Append(h.Encode(report.Title))
            .Append("</title><style>").Append(Style).Append("</style></head><body><main>");
        html.Append("<h1>").Append(h.Encode(report.Title)).Append("</h1><dl>");
        foreach (var (label, value) in report.Header)
        {
            html.Append("<dt>").Append(h.Encode(label)).Append("</dt><dd>").Append(h.Encode(value)).Append("</dd>");
        }

        html.Append("</dl>");
        foreach (var section in report.Sections)
        {
            html.Append("<section><h2>").Append(h.Encode(section.Title)).Append("</h2>");
            foreach (var p in section.Paragraphs)
            {
                html.Append("<p>").Append(h.Encode(p)).Append("</p>");
            }

            foreach (var chart in section.Charts)
            {
                html.Append("<figure><img alt=\"").Append(h.Encode(chart.Title)).Append("\" width=\"").Append(chart.Width)
                    .Append("\" height=\"").Append(chart.Height).Append("\" src=\"data:image/png;base64,")
                    .Append(Convert.ToBase64String(chart.Png)).Append("\"></figure>");
            }

            foreach (var table in section.Tables)
            {
                AppendTable(html, h, table, csvLink);
            }

            html.Append("</section>");
        }

        html.Append("</main></body></html>");
        return html.ToString();
    }

    private static void AppendTable(StringBuilder html, HtmlEncoder h, ReportTable table, Func<string, string>? csvLink)
    {
        html.Append("<table id=\"table-").Append(h.Encode(table.Id)).Append("\"><caption><h3>").Append(h.Encode(table.Title));
        if (csvLink is not null)
        {
            html.Append("<a class=\"csv\" href=\"").Append(h.Encode(csvLink(table.Id))).Append("\">CSV</a>");
        }

        html.Append("</h3></caption><thead><tr>");
        foreach (var column in table.Columns)
        {
            html.Append("<th scope=\"col\">").Append(h.Encode(column)).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var row in table.Rows)
        {
            html.Append("<tr>");
            foreach (var cell in row)
            {
                html.Append(cell.IsNumeric ? "<td class=\"n\">" : "<td>").Append(h.Encode(cell.Text)).Append("</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table>");
    }
}
