using Crm.Reporting.Reports;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Crm.Silo.Reports;

public static class ReportScheduleExtensions
{
    /// <summary>
    /// Tenants' report schedules: options from <see cref="ReportScheduleOptions.SectionName"/>, the generator and the
    /// publisher the schedule grains make reports with, and the schedules' clock (the system's unless a test sets one).
    /// </summary>
    public static IServiceCollection AddCrmReportSchedules(this IServiceCollection services)
    {
        services.AddOptions<ReportScheduleOptions>()
            .BindConfiguration(ReportScheduleOptions.SectionName)
            .Validate(o => o.CheckEvery > TimeSpan.Zero, $"{ReportScheduleOptions.SectionName}:CheckEvery must be positive.")
            .Validate(o => o.ClaimLease > TimeSpan.Zero, $"{ReportScheduleOptions.SectionName}:ClaimLease must be positive.")
            .ValidateOnStart();
        services.TryAddKeyedSingleton(ReportScheduleOptions.ClockKey, TimeProvider.System);
        services.TryAddSingleton<ReportGenerator>();
        services.TryAddSingleton<IReportPublisher, ReportPublisher>();
        services.AddOptions<Mail.ReportMailOptions>()
            .BindConfiguration(Mail.ReportMailOptions.SectionName)
            .Validate(o => !o.IsConfigured || o.Port is > 0 and < 65536, $"{Mail.ReportMailOptions.SectionName}:Port must be a TCP port.")
            .Validate(o => o.Timeout > TimeSpan.Zero, $"{Mail.ReportMailOptions.SectionName}:Timeout must be positive.")
            .Validate(o => !o.IsConfigured || MimeKit.MailboxAddress.TryParse(o.From, out _), $"{Mail.ReportMailOptions.SectionName}:From must be an e-mail address.")
            .Validate(o => o.RetrySchedule.TrueForAll(d => d >= TimeSpan.Zero), $"{Mail.ReportMailOptions.SectionName}:RetrySchedule holds a negative delay.")
            .ValidateOnStart();
        services.TryAddSingleton<Mail.IReportMailSender, Mail.SmtpReportMailSender>();
        // Each silo's readiness, a heartbeat a minute: the availability the reports measure.
        services.AddOptions<Availability.AvailabilityOptions>()
            .BindConfiguration(Availability.AvailabilityOptions.SectionName)
            .Validate(o => o.CheckEvery > TimeSpan.Zero && o.CheckEvery < TimeSpan.FromMinutes(1), $"{Availability.AvailabilityOptions.SectionName}:CheckEvery must be under a minute.")
            .ValidateOnStart();
        services.AddHostedService<Availability.SiloHeartbeat>();
        // Fonts and chart renderer loaded once at start, so the first scheduled report does not pay for them.
        services.AddHostedService<Crm.Reporting.Hosting.ReportRendererWarmup>();
        return services;
    }
}
