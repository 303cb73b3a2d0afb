using Crm.Contracts.Common;
using Crm.Contracts.ServiceDesk;
using Crm.Domain.Cases;

namespace Crm.Grains.Tests.Cases;

[Collection(ClusterCollection.Name)]
public sealed class ServiceDeskGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Defaults_AreTheContractTargets()
    {
        var desk = await CaseDesk.CreateAsync(fixture.Client);

        var policy = await desk.Settings.GetSlaPolicyAsync();
        var settings = await desk.Settings.GetSettingsAsync();

        Assert.Equal((1, TimeSpan.FromHours(2), TimeSpan.FromHours(4), TimeSpan.FromHours(24), 0.75),
            (policy.Version, policy.FirstResponse, policy.Resolution, policy.MajorResolution, policy.WarningShare));
        Assert.Equal(CaseCategories.Defaults, settings.Categories.AsEnumerable());
        Assert.Equal((7, AssignmentMode.Manual), (settings.ReopenWindowDays, settings.Assignment));
    }

    [Fact]
    public async Task UpdateSlaPolicyAsync_BadPolicy_NamesFieldsAndKeepsTheCurrentVersion()
    {
        var desk = await CaseDesk.CreateAsync(fixture.Client);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => desk.Settings.UpdateSlaPolicyAsync(
            new SlaPolicyInput(TimeSpan.Zero, TimeSpan.FromHours(4), TimeSpan.FromHours(24), 1.5,
                new SlaCalendarView("Mars/Olympus", [new WorkingHours(DayOfWeek.Monday, TimeSpan.FromHours(18), TimeSpan.FromHours(9))], [])),
            "admin"));

        Assert.Equal(["calendar.hours[0]", "calendar.timeZoneId", "firstResponse", "warningShare"], error.Errors.Select(e => e.Field).Order(StringComparer.Ordinal));
        Assert.Equal(1, (await desk.Settings.GetSlaPolicyAsync()).Version);
    }

    [Fact]
    public async Task UpdateSettingsAsync_KeepsOtherAndRefusesStaleVersions()
    {
        var desk = await CaseDesk.CreateAsync(fixture.Client);

        var saved = await desk.Settings.UpdateSettingsAsync(new ServiceDeskSettingsInput(["Payment", "fraud"], 14, AssignmentMode.RoundRobin), 0, "admin");

        Assert.Equal(["payment", "fraud", "other"], saved.Categories.AsEnumerable());
        await Assert.ThrowsAsync<PreconditionFailedException>(() =>
            desk.Settings.UpdateSettingsAsync(new ServiceDeskSettingsInput([], 7, AssignmentMode.Manual), 0, "admin"));
        var bad = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            desk.Settings.UpdateSettingsAsync(new ServiceDeskSettingsInput(["ok", "not ok"], 0, AssignmentMode.Manual), null, "admin"));
        Assert.Equal(["categories[1]", "reopenWindowDays"], bad.Errors.Select(e => e.Field));
    }

    [Fact]
    public async Task Macros_CanBeSavedReplacedAndDeleted()
    {
        var desk = await CaseDesk.CreateAsync(fixture.Client);

        var macro = await desk.Settings.SaveMacroAsync(null, new MacroInput("Refund issued", "We have issued your refund; it arrives in 3-5 days."), "lead");
        await desk.Settings.SaveMacroAsync(macro.MacroId, new MacroInput("Refund issued", "Refund sent: 3-5 working days."), "lead");

        var listed = Assert.Single(await desk.Settings.ListMacrosAsync());
        Assert.Equal("Refund sent: 3-5 working days.", listed.Body);
        await desk.Settings.DeleteMacroAsync(macro.MacroId, "lead");
        Assert.Empty(await desk.Settings.ListMacrosAsync());
        await Assert.ThrowsAsync<NotFoundException>(() => desk.Settings.DeleteMacroAsync(macro.MacroId, "lead"));
        await Assert.ThrowsAsync<ValidationFailedException>(() => desk.Settings.SaveMacroAsync(null, new MacroInput("", "x"), "lead"));
    }

    [Fact]
    public async Task SaveMacroAsync_UnknownPlaceholder_IsRefusedNamingTheBody_KnownOnesAreKept()
    {
        var desk = await CaseDesk.CreateAsync(fixture.Client);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            desk.Settings.SaveMacroAsync(null, new MacroInput("Hello", "Hello {customer.nmae}"), "lead"));
        var saved = await desk.Settings.SaveMacroAsync(null, new MacroInput("Hello", "{customer.name}您好，订单 {case.orderReference}"), "lead");

        Assert.Equal("body", Assert.Single(error.Errors).Field);
        Assert.Contains("{customer.nmae}", Assert.Single(error.Errors).Message);
        Assert.Equal("{customer.name}您好，订单 {case.orderReference}", Assert.Single(await desk.Settings.ListMacrosAsync()).Body);
        Assert.Equal(saved.MacroId, (await desk.Settings.ListMacrosAsync())[0].MacroId);
    }

    [Fact]
    public async Task UpdateSettingsAsync_AcknowledgeOnFirstReply_IsOnByDefault_AndLeftOutKeepsIt()
    {
        var desk = await CaseDesk.CreateAsync(fixture.Client);
        Assert.True((await desk.Settings.GetSettingsAsync()).AcknowledgeOnFirstReply);

        var off = await desk.Settings.UpdateSettingsAsync(new ServiceDeskSettingsInput([.. CaseCategories.Defaults], 7, AssignmentMode.Manual, false), null, "admin");
        var kept = await desk.Settings.UpdateSettingsAsync(new ServiceDeskSettingsInput([.. CaseCategories.Defaults], 9, AssignmentMode.Manual), off.Version, "admin");

        Assert.False(off.AcknowledgeOnFirstReply);
        Assert.False(kept.AcknowledgeOnFirstReply);
        Assert.True((await desk.Settings.UpdateSettingsAsync(new ServiceDeskSettingsInput([.. CaseCategories.Defaults], 9, AssignmentMode.Manual, true), null, "admin")).AcknowledgeOnFirstReply);
    }
}
