using Crm.Contracts.Cases;
using Crm.Contracts.Scoring;
using Crm.Scoring;

namespace Crm.Grains.Tests.Cases;

/// <summary>The customer's tone on a case: scored from what the customer wrote, kept as the latest, shown and filtered in the queue.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CaseToneTests(ClusterFixture fixture)
{
    private const string Angry = "物流太慢了，客服态度也很差，非常失望";
    private const string Calm = "质量很好，发货快，客服很耐心，满意";

    [Fact]
    public async Task OpenAsync_AngryComplaint_SurfacesAsDissatisfiedInCaseAndQueue()
    {
        var desk = await CaseDesk.CreateAsync(fixture.Client);

        var angry = await desk.OpenAsync(desk.Report(subject: "快递一周没到") with { Description = Angry });
        var calm = await desk.OpenAsync(desk.Report(subject: "想确认一下尺码") with { Description = Calm });

        Assert.Equal(CommentTone.Dissatisfied, angry.Tone?.Tone);
        Assert.Equal(ScoringNames.LexiconVersion, angry.Tone!.ModelVersion);
        Assert.False(angry.Tone.FromModel);
        Assert.NotEqual(CommentTone.Dissatisfied, calm.Tone?.Tone);
        var queue = await desk.Queue.ListAsync(new CaseQueueQuery());
        Assert.Equal(angry.Tone, queue.Items.Single(i => i.CaseId == angry.CaseId).Tone);
        var dissatisfied = await desk.Queue.ListAsync(new CaseQueueQuery(Tone: CommentTone.Dissatisfied));
        Assert.Equal([angry.CaseId], dissatisfied.Items.Select(i => i.CaseId));
    }

    [Fact]
    public async Task ReceiveCustomerMessageAsync_LaterCalmMessage_ChangesTheToneAndLeavesTheDissatisfiedFilter()
    {
        var desk = await CaseDesk.CreateAsync(fixture.Client);
        var opened = await desk.OpenAsync(desk.Report(subject: "快递一周没到") with { Description = Angry });

        var after = await desk.Case(opened.CaseId).ReceiveCustomerMessageAsync(Calm, "agent-1");

        Assert.Equal(CommentTone.Dissatisfied, opened.Tone?.Tone);
        Assert.NotEqual(CommentTone.Dissatisfied, after.Tone?.Tone);
        Assert.True(after.Tone!.Score < opened.Tone!.Score);
        Assert.Equal(after.Tone, (await desk.Case(opened.CaseId).GetAsync())!.Tone);
        Assert.Empty((await desk.Queue.ListAsync(new CaseQueueQuery(Tone: CommentTone.Dissatisfied))).Items);
        Assert.Equal(after.Tone, Assert.Single((await desk.Queue.ListAsync(new CaseQueueQuery(Tone: after.Tone.Tone))).Items).Tone);
    }

    [Fact]
    public async Task ReplyAsync_AgentsWords_LeaveTheCustomersToneAsItWas()
    {
        var desk = await CaseDesk.CreateAsync(fixture.Client);
        var opened = await desk.OpenAsync(desk.Report(subject: "快递一周没到") with { Description = Angry });

        var replied = await desk.Case(opened.CaseId).ReplyAsync("非常抱歉，我们马上为您催件，满意为止。", null, "agent-1");

        Assert.Equal(opened.Tone, replied.Tone);
    }

    [Fact]
    public async Task ListAsync_ToneSurvivesARestart_LoadedFromTheQueueIndex()
    {
        var desk = await CaseDesk.CreateAsync(fixture.Client);
        var opened = await desk.OpenAsync(desk.Report(subject: "快递一周没到") with { Description = Angry });

        await fixture.RestartClusterAsync();

        var queue = await fixture.Client.GetGrain<ICaseQueueGrain>(desk.TenantId).ListAsync(new CaseQueueQuery(Tone: CommentTone.Dissatisfied));
        Assert.Equal(opened.Tone, Assert.Single(queue.Items).Tone);
    }
}
