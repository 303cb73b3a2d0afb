using Crm.Contracts.Reports;
using Crm.Silo.Reports.Mail;
using MimeKit;
using UglyToad.PdfPig;

namespace Crm.Grains.Tests.Reports;

/// <summary>
/// Scheduled reports mailed through a real SMTP server the fixture runs: once per period across a retried make and a
/// restart of every silo, with the PDF attached and readable, the body in the report's language; a refusing server
/// is tried again.
/// </summary>
[Collection(ReportScheduleCollection.Name)]
public sealed class ReportMailTests(ReportScheduleFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(200);
        }
    }

    private async Task<(string Tenant, string Recipient)> MonthlyTenantMailingAsync()
    {
        fixture.Clock.Now = ReportScheduleFixture.Start;
        var desk = await Cases.CaseDesk.CreateAsync(fixture.Client);
        await desk.Settings.UpdateSlaPolicyAsync(
            new Crm.Contracts.ServiceDesk.SlaPolicyInput(TimeSpan.FromHours(2), TimeSpan.FromHours(4), TimeSpan.FromHours(24), 0.75, new Crm.Contracts.ServiceDesk.SlaCalendarView("Asia/Shanghai", [], [])),
            "admin");
        var recipient = $"manager-{Guid.NewGuid():N}"[..20] + "@example.com";
        var view = await fixture.Client.GetGrain<IReportScheduleGrain>(desk.TenantId).SetAsync(
            new ReportScheduleSettings(false, true, false, new TimeOnly(8, 0)) { Recipients = [recipient.ToUpperInvariant(), recipient] }, "admin");
        Assert.Equal([recipient], view.Recipients.AsEnumerable()); // one address once, lower-cased
        return (desk.TenantId, recipient);
    }

    [Fact]
    public async Task ScheduledReport_RetriedMakeAndARestart_IsMailedOnce_WithThePdfThatReadsBack()
    {
        var (tenant, recipient) = await MonthlyTenantMailingAsync();
        fixture.CompletionsToFail[tenant] = 1; // the period is made again after it queued its mail
        fixture.CompletionsToLose[tenant] = 1; // and the answer to the second completion is lost
        fixture.Clock.Now = new DateTimeOffset(2026, 12, 1, 1, 0, 0, TimeSpan.Zero); // November fell due at 08:00 on 1 December in Shanghai

        await EventuallyAsync(() => fixture.Smtp.To(recipient).Count >= 1, "the mail");
        await EventuallyAsync(() => fixture.CompletionsToLose[tenant] == 0 && fixture.Counts.Of(tenant, "2026-11") == 2, "the retried make");
        await fixture.RestartAsync();
        await Task.Delay(TimeSpan.FromSeconds(4)); // reminders of the schedule and of the outbox tick after the restart

        var mail = Assert.Single(fixture.Smtp.To(recipient));
        var run = Assert.Single(await fixture.Runs.ListAsync(tenant));
        Assert.Equal(SmtpReportMailSender.MessageId($"report.mail/{tenant}/2026-11"), mail.MessageId);
        Assert.Equal("reports@crm.example.com", mail.From.Mailboxes.Single().Address);
        Assert.Equal(run.Language == "zh-CN" ? "合同服务报告：2026年11月" : "Contract service report: November 2026", mail.Subject);
        Assert.Contains(run.Language == "zh-CN" ? "PDF 版见附件" : "The PDF is attached", mail.TextBody);

        var attachment = Assert.IsType<MimePart>(Assert.Single(mail.Attachments));
        Assert.Equal("report-2026-11.pdf", attachment.FileName);
        using var pdf = new MemoryStream();
        await attachment.Content!.DecodeToAsync(pdf);
        Assert.Equal(run.Documents["report.pdf"], pdf.Length);
        using var document = PdfDocument.Open(pdf.ToArray());
        var text = string.Concat(document.GetPages().Select(p => p.Text));
        Assert.Contains(run.Language == "zh-CN" ? "合同服务报告" : "Contract service report", text);

        var status = await fixture.Client.GetGrain<IReportMailGrain>(tenant).GetStatusAsync();
        Assert.Empty(status.Pending);
        Assert.NotNull(Assert.Single(status.Recent).SentAt);
    }

    [Fact]
    public async Task RefusingServer_IsTriedAgain_UntilTheMailIsAccepted()
    {
        var (tenant, recipient) = await MonthlyTenantMailingAsync();
        fixture.Smtp.RefusalsLeft[recipient] = 2;
        fixture.Clock.Now = new DateTimeOffset(2026, 12, 1, 1, 0, 0, TimeSpan.Zero);

        await EventuallyAsync(() => fixture.Smtp.To(recipient).Count >= 1, "the mail after two refusals");
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.Single(fixture.Smtp.To(recipient));
        Assert.Equal(0, fixture.Smtp.RefusalsLeft[recipient]);
        var sent = Assert.Single((await fixture.Client.GetGrain<IReportMailGrain>(tenant).GetStatusAsync()).Recent);
        Assert.Equal(3, sent.Attempts);
        Assert.NotNull(sent.SentAt);
    }

    [Fact]
    public async Task Recipients_NotAnAddress_AreRefusedAndNothingChanges()
    {
        var (tenant, recipient) = await MonthlyTenantMailingAsync();
        var schedule = fixture.Client.GetGrain<IReportScheduleGrain>(tenant);
        foreach (var bad in new[] { "not an address", "Name <a@example.com>", "a@localhost", "" })
        {
            var error = await Assert.ThrowsAsync<Crm.Contracts.Common.ValidationFailedException>(() =>
                schedule.SetAsync(new ReportScheduleSettings(true, true, false, new TimeOnly(9, 0)) { Recipients = [bad] }, "admin"));
            Assert.Equal("recipients", Assert.Single(error.Errors).Field);
        }

        var view = await schedule.GetAsync();
        Assert.Equal([recipient], view.Recipients.AsEnumerable());
        Assert.False(view.Weekly);
    }
}
