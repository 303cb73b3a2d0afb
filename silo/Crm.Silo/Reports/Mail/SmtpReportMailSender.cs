using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Crm.Domain.Reports;
using Crm.Grains.Reports;
using Crm.Reporting.Reports;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Crm.Silo.Reports.Mail;

/// <summary>
/// Mails a finished report through the configured SMTP server with MailKit: a localized subject and body and the
/// stored PDF attached. The Message-ID is the mail's own, so a mail sent again after a lost answer is the same
/// message to the recipients' servers, which can drop it.
/// </summary>
public sealed class SmtpReportMailSender(IReportDocumentStore documents, IOptions<ReportMailOptions> options) : IReportMailSender
{
    public const string PdfName = "report.pdf";

    public async Task SendAsync(string tenantId, ReportMail mail, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        var pdf = await documents.GetAsync(tenantId, mail.Period, PdfName, cancellationToken)
            ?? throw new InvalidOperationException($"The report {mail.Period} has no stored PDF.");
        var message = Message(tenantId, mail, pdf.Content, o.From);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(o.Timeout);
        using var client = new SmtpClient { Timeout = (int)o.Timeout.TotalMilliseconds };
        await client.ConnectAsync(o.Host ?? throw new InvalidOperationException("No SMTP host is configured."), o.Port, o.Security, timeout.Token);
        if (!string.IsNullOrEmpty(o.Username))
        {
            await client.AuthenticateAsync(o.Username, o.Password ?? "", timeout.Token);
        }

        await client.SendAsync(message, timeout.Token);
        await client.DisconnectAsync(quit: true, timeout.Token);
    }

    /// <summary>The message as the recipients get it (public so a test can read what is sent without a server).</summary>
    public static MimeMessage Message(string tenantId, ReportMail mail, byte[] pdf, string from)
    {
        var text = new ReportText(CultureInfo.GetCultureInfo(mail.Language));
        var period = ReportPeriod.TryParse(mail.Period, out var p) ? text.Period(p) : mail.Period;
        var message = new MimeMessage
        {
            Subject = text.Format("MailSubject", period),
            MessageId = MessageId(mail.Id),
            Date = DateTimeOffset.UtcNow,
        };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.AddRange(mail.Recipients.Select(MailboxAddress.Parse));
        message.Headers.Add("X-Crm-Tenant", tenantId);
        message.Headers.Add("X-Crm-Report-Period", mail.Period);

        var body = new BodyBuilder { TextBody = text.Format("MailBody", period) };
        body.Attachments.Add($"report-{mail.Period}.pdf", pdf, new ContentType("application", "pdf"));
        message.Body = body.ToMessageBody();
        return message;
    }

    /// <summary>Stable per mail id, and only characters a Message-ID may hold whatever the tenant id is.</summary>
    public static string MessageId(string mailId) =>
        "report." + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(mailId)))[..32] + "@crm.reports";
}
