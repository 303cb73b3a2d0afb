using System.Collections.Immutable;
using Crm.Contracts.Common;
using Crm.Contracts.Surveys;
using Crm.Domain.Surveys;

namespace Crm.Grains.Tests.Surveys;

[Collection(ClusterCollection.Name)]
public sealed class SurveyGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Create_ListedInTheCatalogWithTheDefaultQuestions()
    {
        var desk = await SurveyDesk.CreateAsync(fixture.Client, customers: 0);

        var survey = await desk.Survey().GetAsync();
        var listed = await desk.Catalog.ListSurveysAsync();

        Assert.Equal(1, survey!.Current.Version);
        Assert.Equal(5, survey.Current.Content.Dimensions.Length);
        Assert.Equal(SurveyDesk.SurveyId, Assert.Single(listed).SurveyId);
    }

    [Fact]
    public async Task Create_Again_SameContentReturnsItOtherContentConflicts()
    {
        var desk = await SurveyDesk.CreateAsync(fixture.Client, customers: 0);

        var again = await desk.Survey().CreateAsync(new SurveyDraft("After-sales CSAT", SurveyContent.Default()), "analyst-1");

        Assert.Equal(1, again.VersionCount);
        await Assert.ThrowsAsync<ConflictException>(() => desk.Survey().CreateAsync(new SurveyDraft("Other", SurveyContent.Default()), "analyst-1"));
    }

    [Fact]
    public async Task Create_MissingChinese_IsRefusedWithTheFieldAndNothingStored()
    {
        var desk = await SurveyDesk.CreateAsync(fixture.Client, customers: 0);
        var bad = SurveyContent.Default() with { Title = new("Rate us", "") };

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => desk.Survey("other").CreateAsync(new SurveyDraft("x", bad), "analyst-1"));

        Assert.Equal("content.title.zhCn", Assert.Single(ex.Errors).Field);
        Assert.Null(await desk.Survey("other").GetAsync());
    }

    [Fact]
    public async Task Edit_Unanswered_CorrectsInPlace_Answered_MakesANewVersionAndResponsesKeepTheirs()
    {
        var desk = await SurveyDesk.CreateAsync(fixture.Client);
        var edited = SurveyContent.Default() with { AskNps = false };

        var inPlace = await desk.Survey().EditAsync(null, edited, "analyst-1");
        await desk.Results().RecordAsync([SurveyDesk.Response("r1", desk.CustomerIds[0], 5)], dryRun: false, "platform");
        var next = await desk.Survey().EditAsync(null, edited with { AskComment = false }, "analyst-1");
        var page = await desk.Results().ListResponsesAsync(new ResponseFilter(new SurveyResultsQuery()), 10, null);

        Assert.Equal(1, inPlace.Current.Version);
        Assert.False(inPlace.Current.Content.AskNps);
        Assert.Equal(2, next.Current.Version);
        Assert.Equal(1, Assert.Single(page.Items).Version);
        Assert.True((await desk.Survey().GetVersionAsync(1)).Answered);
        Assert.False((await desk.Survey().GetVersionAsync(2)).Answered);
        Assert.Equal(2, (await desk.Survey().ListVersionsAsync()).Length);
    }

    [Fact]
    public async Task Edit_SameContent_WritesNoVersion()
    {
        var desk = await SurveyDesk.CreateAsync(fixture.Client);
        await desk.Results().RecordAsync([SurveyDesk.Response("r1", desk.CustomerIds[0], 5)], dryRun: false, "platform");

        var same = await desk.Survey().EditAsync(null, SurveyContent.Default(), "analyst-1");

        Assert.Equal(1, same.VersionCount);
    }

    [Fact]
    public async Task GetVersion_Unknown_IsNotFound()
    {
        var desk = await SurveyDesk.CreateAsync(fixture.Client, customers: 0);

        await Assert.ThrowsAsync<NotFoundException>(() => desk.Survey().GetVersionAsync(2));
        await Assert.ThrowsAsync<NotFoundException>(() => desk.Survey("missing").GetVersionAsync(1));
    }
}
