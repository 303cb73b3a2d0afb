using System.Collections.Immutable;
using System.Text.Json;
using Crm.Contracts.Cases;
using Crm.Contracts.Customers;
using Crm.Contracts.ServiceDesk;
using Crm.Contracts.Surveys;
using Crm.Domain.Cases;
using Crm.Domain.Surveys;
using Crm.Testing;

namespace Crm.Grains.Tests.Surveys;

[Collection(ClusterCollection.Name)]
public sealed class InvitationTests(ClusterFixture fixture)
{
    private static CaseFacts Facts(string caseId, DateTimeOffset resolvedAt, CaseKind kind = CaseKind.Complaint) =>
        new(caseId, kind, CaseSeverity.Normal, "logistics-delivery", CaseChannel.Chat, "agent-1", TimeSpan.FromMinutes(20), TimeSpan.FromHours(3), true, 0, resolvedAt);

    private static string IdOf(string name) => name + "-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Invite_TheLinkOpensTheQuestions_OneSubmissionIsCounted_TheSecondIsAlreadyAnswered()
    {
        var desk = await SurveyDesk.CreateAsync(fixture.Client);
        var invitation = await desk.CustomerSurveys().InviteAsync(SurveyDesk.SurveyId, IdOf("inv"), SurveySource.Campaign, DateTimeOffset.UtcNow.AddDays(14), null, null, "analyst-1");

        var page = await desk.Invitation(invitation.Token).OpenAsync();
        var first = await desk.Invitation(invitation.Token).SubmitAsync(new AnswersInput(2, Reason: "slow-response", Comment: "等太久"));
        var second = await desk.Invitation(invitation.Token).SubmitAsync(new AnswersInput(5));
        var after = await desk.Invitation(invitation.Token).OpenAsync();
        var row = Assert.Single((await desk.Results().GetResultsAsync(new())).Rows);
        await desk.DeliveredAsync();
        var archive = await desk.Customer().GetArchiveAsync(20, null);

        Assert.True(InvitationToken.IsWellFormed(invitation.Token));
        Assert.Equal(InvitationStatus.Open, page.Status);
        Assert.Equal("您对我们的服务满意吗？", page.Content!.Title.ZhCn);
        Assert.Equal(SubmissionOutcome.Accepted, first.Outcome);
        Assert.Equal(SubmissionOutcome.AlreadyAnswered, second.Outcome);
        Assert.Equal(InvitationStatus.Answered, after.Status);
        Assert.Null(after.Content);
        Assert.Equal(1, row.Responses);
        Assert.Equal(1, row.ResponseRate.N);
        Assert.Equal(2, archive.Entries.Count(e => e.Kind == ArchiveEntryKind.Survey));
    }

    [Fact]
    public async Task Submit_InvalidAnswers_ReportsFieldsAndStaysOpen()
    {
        var desk = await SurveyDesk.CreateAsync(fixture.Client);
        var invitation = await desk.CustomerSurveys().InviteAsync(SurveyDesk.SurveyId, IdOf("inv"), SurveySource.Campaign, DateTimeOffset.UtcNow.AddDays(1), null, null, "analyst-1");

        var result = await desk.Invitation(invitation.Token).SubmitAsync(new AnswersInput(0, Nps: 11));

        Assert.Equal(SubmissionOutcome.Invalid, result.Outcome);
        Assert.Equal(["csat", "nps"], result.Errors.Select(e => e.Field));
        Assert.Equal(InvitationStatus.Open, (await desk.Invitation(invitation.Token).OpenAsync()).Status);
    }

    [Fact]
    public async Task Open_ExpiredOrUnknownToken_ShowsNoQuestions()
    {
        var desk = await SurveyDesk.CreateAsync(fixture.Client);
        var expired = await desk.CustomerSurveys().InviteAsync(SurveyDesk.SurveyId, IdOf("inv"), SurveySource.Campaign, DateTimeOffset.UtcNow.AddSeconds(-1), null, null, "analyst-1");

        var page = await desk.Invitation(expired.Token).OpenAsync();
        var submit = await desk.Invitation(expired.Token).SubmitAsync(new AnswersInput(5));
        var unknown = await desk.Invitation(new string('A', InvitationToken.Length)).OpenAsync();

        Assert.Equal(InvitationStatus.Expired, page.Status);
        Assert.Null(page.Content);
        Assert.Equal(SubmissionOutcome.Expired, submit.Outcome);
        Assert.Null(unknown.Status);
        Assert.Equal(SubmissionOutcome.Unknown, (await desk.Invitation(new string('B', InvitationToken.Length)).SubmitAsync(new AnswersInput(5))).Outcome);
    }

    [Fact]
    public async Task Invite_Repeated_SameLinkAndCountedOnce()
    {
        var desk = await SurveyDesk.CreateAsync(fixture.Client);
        var id = IdOf("inv");
        var expires = DateTimeOffset.UtcNow.AddDays(3);

        var first = await desk.CustomerSurveys().InviteAsync(SurveyDesk.SurveyId, id, SurveySource.Campaign, expires, null, null, "analyst-1");
        var again = await desk.CustomerSurveys().InviteAsync(SurveyDesk.SurveyId, id, SurveySource.Campaign, expires, null, null, "analyst-1");
        var listed = await desk.Results().ListInvitationsAsync(null, 100, null);

        Assert.Equal(first.Token, again.Token);
        Assert.Equal(first.Token, Assert.Single(listed.Items).Token);
    }

    [Fact]
    public async Task Transactional_RuleOffersOncePerCooldown_AndTheResponseCarriesTheCaseFacts()
    {
        var desk = await SurveyDesk.CreateAsync(fixture.Client);
        await desk.Catalog.SetTransactionalRuleAsync(
            new TransactionalRuleView(true, SurveyDesk.SurveyId, [CaseKind.Complaint], TimeSpan.Zero, 30), "admin-1");
        var now = DateTimeOffset.UtcNow;

        var first = await desk.CustomerSurveys().OfferForResolvedCaseAsync(Facts("case-1", now));
        var repeated = await desk.CustomerSurveys().OfferForResolvedCaseAsync(Facts("case-1", now));
        var soon = await desk.CustomerSurveys().OfferForResolvedCaseAsync(Facts("case-2", now.AddSeconds(1)));
        var inquiry = await desk.CustomerSurveys(desk.CustomerIds[1]).OfferForResolvedCaseAsync(Facts("case-3", now, CaseKind.Inquiry));
        await desk.Invitation(first!.Token).SubmitAsync(new AnswersInput(4));
        var response = Assert.Single((await desk.Results().ListResponsesAsync(new ResponseFilter(new()), 10, null)).Items);
        var byAgent = await desk.Results().GetResultsAsync(new SurveyResultsQuery(By: ResultsBreakdown.Agent));

        Assert.Equal(first.Token, repeated!.Token);
        Assert.Null(soon);
        Assert.Null(inquiry);
        Assert.Equal("case-1", first.CaseId);
        Assert.Equal(SurveySource.Transactional, response.Source);
        Assert.Equal("logistics-delivery", response.Case!.Category);
        Assert.Equal(TimeSpan.FromHours(3), response.Case.ResolutionTime);
        Assert.Equal("agent-1", Assert.Single(byAgent.Rows).Group);
    }

    [Fact]
    public async Task SetTransactionalRule_UnknownSurvey_IsRefused()
    {
        var desk = await SurveyDesk.CreateAsync(fixture.Client, customers: 0);

        var ex = await Assert.ThrowsAsync<Crm.Contracts.Common.ValidationFailedException>(() =>
            desk.Catalog.SetTransactionalRuleAsync(new TransactionalRuleView(true, "nope", [CaseKind.Complaint], TimeSpan.Zero, 30), "admin-1"));

        Assert.Equal("surveyId", Assert.Single(ex.Errors).Field);
        Assert.False((await desk.Catalog.GetTransactionalRuleAsync()).Enabled);
    }

    [Fact]
    public async Task Campaign_InvitesTheAudienceOnce_AndEachInvitationGoesToTheWebhookWithItsLink()
    {
        var desk = await SurveyDesk.CreateAsync(fixture.Client, customers: 4);
        await using var receiver = await WebhookReceiver.StartAsync();
        await fixture.Client.GetGrain<IWebhookGrain>(desk.TenantId).ConfigureAsync(receiver.Url, "admin-1");
        var odd = desk.CustomerIds[2];
        await desk.Customer(odd).UpdateProfileAsync(Customers.CustomerBuilder.Profile() with { Tags = ["other"] }, null, "setup");
        // In the audience, but has not agreed to surveys: skipped and counted, never invited.
        var optedOut = desk.CustomerIds[3];
        await desk.Customer(optedOut).UpdateProfileAsync(Customers.CustomerBuilder.Profile() with { Consent = new ConsentFlags(Marketing: true, Surveys: false) }, null, "setup");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var campaigns = fixture.Client.GetGrain<ICampaignGrain>(SurveyKey.Format(desk.TenantId, "dec-returns"));
        var draft = new CampaignDraft(SurveyDesk.SurveyId, "December returns", today, today.AddDays(10), Tag: "returns");

        await campaigns.LaunchAsync(draft, "analyst-1");
        var campaign = await IssuedAsync(campaigns);
        var again = await campaigns.LaunchAsync(draft, "analyst-1");
        var listed = await desk.Results().ListInvitationsAsync("dec-returns", 100, null);
        await WaitForAsync(() => receiver.Received.Count >= 2);

        Assert.Equal(2, campaign.Invited);
        Assert.Equal(1, campaign.SkippedNoConsent);
        Assert.DoesNotContain(listed.Items, i => i.CustomerId == optedOut);
        Assert.Equal(campaign, again);
        Assert.Equal(2, listed.Items.Length);
        Assert.DoesNotContain(listed.Items, i => i.CustomerId == odd);
        Assert.Single(await desk.Catalog.ListCampaignsAsync(SurveyDesk.SurveyId));
        var bodies = receiver.Received.Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
        Assert.All(bodies, b => Assert.Equal("survey.invited", b.GetProperty("type").GetString()));
        var links = bodies.Select(b => b.GetProperty("data").GetProperty("link").GetString()).Order().ToList();
        Assert.Equal(listed.Items.Select(i => "http://127.0.0.1:5080/s/" + i.Token).Order(), links);
    }

    [Fact]
    public async Task Campaign_NoAudienceOrPastEnd_IsRefused()
    {
        var desk = await SurveyDesk.CreateAsync(fixture.Client, customers: 0);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var campaigns = fixture.Client.GetGrain<ICampaignGrain>(SurveyKey.Format(desk.TenantId, "c1"));

        var none = await Assert.ThrowsAsync<Crm.Contracts.Common.ValidationFailedException>(() =>
            campaigns.LaunchAsync(new CampaignDraft(SurveyDesk.SurveyId, "All", today, today), "analyst-1"));
        var past = await Assert.ThrowsAsync<Crm.Contracts.Common.ValidationFailedException>(() =>
            campaigns.LaunchAsync(new CampaignDraft(SurveyDesk.SurveyId, "Old", today.AddDays(-5), today.AddDays(-3), Tag: "x"), "analyst-1"));

        Assert.Equal("audience", Assert.Single(none.Errors).Field);
        Assert.Equal("to", Assert.Single(past.Errors).Field);
        Assert.Null(await campaigns.GetAsync());
    }

    [Fact]
    public async Task Campaign_ARestartMidWalk_GoesOnWhereItWas_EachEligibleCustomerInvitedOnce_AndEveryInvitationReachesTheWebhook()
    {
        // 14 customers, 2 without survey consent: 12 invitations, more than the test webhook outbox's 8, from a walk of
        // 5 steps of 3 customers; a slow receiver, so invitations arrive faster than they are delivered.
        var desk = await SurveyDesk.CreateAsync(fixture.Client, customers: 14);
        await using var receiver = await WebhookReceiver.StartAsync(_ =>
        {
            Thread.Sleep(100);
            return 204;
        });
        await fixture.Client.GetGrain<IWebhookGrain>(desk.TenantId).ConfigureAsync(receiver.Url, "admin-1");
        foreach (var optedOut in desk.CustomerIds.Take(2))
        {
            await desk.Customer(optedOut).UpdateProfileAsync(Customers.CustomerBuilder.Profile() with { Consent = new ConsentFlags(Marketing: true, Surveys: false) }, null, "setup");
        }

        var eligible = desk.CustomerIds.Skip(2).Order().ToList();
        var campaignId = IdOf("walk");
        var campaigns = fixture.Client.GetGrain<ICampaignGrain>(SurveyKey.Format(desk.TenantId, campaignId));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        // The launch's step and one more read the directory; then it fails until every silo stops.
        fixture.Directory.FailListsAfter(desk.TenantId, 2);

        var launched = await campaigns.LaunchAsync(new CampaignDraft(SurveyDesk.SurveyId, "Walk", today, today.AddDays(3), Tag: "returns"), "analyst-1");
        Assert.True(launched.Issuing);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (fixture.Directory.ListCalls(desk.TenantId) < 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.True(fixture.Directory.ListCalls(desk.TenantId) >= 3);
        await fixture.RestartClusterAsync();
        campaigns = fixture.Client.GetGrain<ICampaignGrain>(SurveyKey.Format(desk.TenantId, campaignId));

        // Only the reminder brings the campaign back: the test reads the survey's invitations, never the campaign, until done.
        var results = fixture.Client.GetGrain<ISurveyResultsGrain>(SurveyKey.Format(desk.TenantId, SurveyDesk.SurveyId));
        var listed = await results.ListInvitationsAsync(campaignId, 100, null);
        deadline = DateTime.UtcNow.AddSeconds(60);
        while (listed.Items.Length < eligible.Count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            listed = await results.ListInvitationsAsync(campaignId, 100, null);
        }

        Assert.Equal(eligible, listed.Items.Select(i => i.CustomerId).Order());
        var received = await receiver.WaitForAsync(r => r.Count >= eligible.Count, TimeSpan.FromSeconds(60));
        var invited = received.Select(r => JsonDocument.Parse(r.Body).RootElement).Where(b => b.GetProperty("type").GetString() == "survey.invited")
            .Select(b => b.GetProperty("data").GetProperty("customerId").GetString()).ToList();
        Assert.Equal(eligible, invited.Distinct().Order());
        var campaign = await IssuedAsync(campaigns);
        Assert.Equal((eligible.Count, 2, false), (campaign.Invited, campaign.SkippedNoConsent, campaign.Issuing));
        Assert.Equal(0, (await fixture.Client.GetGrain<IWebhookGrain>(desk.TenantId).GetStatusAsync()).Dropped);
    }

    /// <summary>The campaign once its walk is done.</summary>
    private static async Task<CampaignView> IssuedAsync(ICampaignGrain campaigns)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var campaign = await campaigns.GetAsync();
        while (campaign is not { Issuing: false } && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            campaign = await campaigns.GetAsync();
        }

        return campaign ?? throw new InvalidOperationException("No campaign.");
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(100);
        }
    }
}

[Collection(ClusterCollection.Name)]
public sealed class TransactionalSurveyTests(ClusterFixture fixture)
{
    [Fact]
    public async Task ResolvingACase_OffersTheSurveyThroughTheCaseOutbox_WithTheCasesFacts()
    {
        var desk = await Cases.CaseDesk.CreateAsync(fixture.Client);
        await fixture.Client.GetGrain<ISurveyGrain>(SurveyKey.Format(desk.TenantId, "csat")).CreateAsync(new SurveyDraft("CSAT", SurveyContent.Default()), "analyst-1");
        await fixture.Client.GetGrain<ISurveyCatalogGrain>(desk.TenantId).SetTransactionalRuleAsync(
            new TransactionalRuleView(true, "csat", [CaseKind.Complaint], TimeSpan.Zero, 30), "admin-1");
        var opened = await desk.OpenAsync();

        await desk.Case(opened.CaseId).ReplyAsync("We are sending a new vase today.", CaseAction.Resolve, "agent-1");
        var results = fixture.Client.GetGrain<ISurveyResultsGrain>(SurveyKey.Format(desk.TenantId, "csat"));
        InvitationPage page = new([], null);
        for (var i = 0; i < 50 && page.Items.IsEmpty; i++)
        {
            await Task.Delay(100);
            page = await results.ListInvitationsAsync(null, 10, null);
        }

        var invitation = Assert.Single(page.Items);
        Assert.Equal(opened.CaseId, invitation.CaseId);
        Assert.Equal(SurveySource.Transactional, invitation.Source);
        Assert.Equal(desk.CustomerId, invitation.CustomerId);
        var submitted = await fixture.Client.GetGrain<IInvitationGrain>(InvitationToken.Hash(invitation.Token)).SubmitAsync(new AnswersInput(5));
        var response = Assert.Single((await results.ListResponsesAsync(new ResponseFilter(new()), 10, null)).Items);
        Assert.Equal(SubmissionOutcome.Accepted, submitted.Outcome);
        Assert.Equal(opened.CaseId, response.Case!.CaseId);
        Assert.Equal("logistics-delivery", response.Case.Category);
        Assert.Equal(CaseChannel.Chat, response.Case.Channel);
        Assert.True(response.Case.SlaMet);
        Assert.NotNull(response.Case.FirstResponseTime);
        Assert.Equal(1, (await results.GetResultsAsync(new())).Rows[0].ResponseRate.N);
    }
}
