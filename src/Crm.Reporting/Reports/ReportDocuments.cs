using System.Text;
using Crm.Reporting.Csv;
using Crm.Reporting.Html;
using Crm.Reporting.Pdf;

namespace Crm.Reporting.Reports;

/// <summary>One file of a finished report: "report.html", "report.pdf" or "tables/{table}.csv".</summary>
public sealed record ReportDocument(string Name, string ContentType, byte[] Content);

/// <summary>
/// Every file of a report, rendered from the one <see cref="ServiceReport"/>: the HTML page (its CSV links relative,
/// so they resolve beside it wherever the files are kept), the PDF and one CSV per table.
/// </summary>
public static class ReportDocuments
{
    public const string Html = "report.html";
    public const string Pdf = "report.pdf";
    public const string HtmlType = "text/html; charset=utf-8";
    public const string PdfType = "application/pdf";
    public const string CsvType = "text/csv; charset=utf-8";

    public static string Csv(string tableId) => "tables/" + tableId + ".csv";

    public static async Task<IReadOnlyList<ReportDocument>> RenderAsync(ServiceReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        var documents = new List<ReportDocument>
        {
            new(Html, HtmlType, Encoding.UTF8.GetBytes(HtmlReportRenderer.Render(report, table => Csv(Uri.EscapeDataString(table))))),
            new(Pdf, PdfType, PdfReportRenderer.Render(report)),
        };
        foreach (var table in report.Tables)
        {
            documents.Add(new(Csv(table.Id), CsvType, await ReportCsv.ToBytesAsync(table, cancellationToken)));
        }

        return documents;
    }
}
