namespace Crm.Silo.Reports.Mail;

/// <summary>Sends one report mail; throws when the server refuses it or cannot be reached.</summary>
public interface IReportMailSender
{
    Task SendAsync(string tenantId, ReportMail mail, CancellationToken cancellationToken = default);
}
