using Crm.Domain.Surveys;

namespace Crm.Domain.Tests.Surveys;

public sealed class SurveyRulesTests
{
    private static readonly SurveyDefinition Default = SurveyDefaults.Definition();

    [Fact]
    public void Normalize_TheDefaults_AreValidWithTheFiveContractDimensions()
    {
        var (definition, problems) = SurveyRules.Normalize(Default);

        Assert.Empty(problems);
        Assert.Equal(["product-quality", "logistics-delivery", "service-attitude", "after-sales", "response-speed"], definition.Dimensions.Select(d => d.Key));
        Assert.True(definition.AskNps);
        Assert.True(definition.AskComment);
        Assert.Contains(definition.Reasons, r => r.Key == "other");
        Assert.All(definition.Dimensions.Concat(definition.Reasons), c => Assert.NotEqual(c.Label.En, c.Label.ZhCn));
    }

    [Fact]
    public void Normalize_TrimsTextsAndLowercasesKeys()
    {
        var input = Default with
        {
            Title = new("  Rate us ", " 请评价 "),
            Intro = new(" ", ""),
            Dimensions = [new(" Speed ", new(" Speed ", " 速度 "))],
        };

        var (definition, problems) = SurveyRules.Normalize(input);

        Assert.Empty(problems);
        Assert.Equal(new LocalizedText("Rate us", "请评价"), definition.Title);
        Assert.Null(definition.Intro);
        Assert.Equal(new SurveyChoice("speed", new("Speed", "速度")), Assert.Single(definition.Dimensions));
    }

    [Fact]
    public void Normalize_MissingChinese_NamesTheLanguageField()
    {
        var (_, problems) = SurveyRules.Normalize(Default with { Title = new("Rate us", " ") });

        Assert.Equal("title.zhCn", Assert.Single(problems).Field);
    }

    [Fact]
    public void Normalize_NoTitle_IsRequired()
    {
        var (_, problems) = SurveyRules.Normalize(Default with { Title = null! });

        Assert.Equal("title", Assert.Single(problems).Field);
    }

    [Fact]
    public void Normalize_HalfAnIntro_NamesTheMissingLanguage()
    {
        var (_, problems) = SurveyRules.Normalize(Default with { Intro = new("Hello", "") });

        Assert.Equal("intro.zhCn", Assert.Single(problems).Field);
    }

    [Theory]
    [InlineData(SurveyRules.MaxTitleLength, 0)]
    [InlineData(SurveyRules.MaxTitleLength + 1, 1)]
    public void Normalize_TitleLength_IsBounded(int length, int expectedProblems)
    {
        var (_, problems) = SurveyRules.Normalize(Default with { Title = new(new string('a', length), "标题") });

        Assert.Equal(expectedProblems, problems.Count);
    }

    [Fact]
    public void Normalize_DuplicateOrBadKeys_NameTheItem()
    {
        var label = new LocalizedText("A", "甲");
        var input = Default with { Dimensions = [new("speed", label), new("SPEED", label), new("-bad", label)], Reasons = [new("", label)] };

        var (definition, problems) = SurveyRules.Normalize(input);

        Assert.Equal(["dimensions[1].key", "dimensions[2].key", "reasons[0].key"], problems.Select(p => p.Field));
        Assert.Single(definition.Dimensions);
    }

    [Fact]
    public void Normalize_LabelWithoutEnglish_NamesTheLabel()
    {
        var (_, problems) = SurveyRules.Normalize(Default with { Reasons = [new("late", new("", "太慢"))] });

        Assert.Equal("reasons[0].label.en", Assert.Single(problems).Field);
    }

    [Fact]
    public void Normalize_TooManyDimensions_IsRefused()
    {
        var many = Enumerable.Range(0, SurveyRules.MaxDimensions + 1).Select(i => new SurveyChoice($"d{i}", new($"D{i}", $"维度{i}"))).ToList();

        var (_, problems) = SurveyRules.Normalize(Default with { Dimensions = many });

        Assert.Equal("dimensions", Assert.Single(problems).Field);
        Assert.Empty(SurveyRules.Normalize(Default with { Dimensions = many[..SurveyRules.MaxDimensions] }).Problems);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(4, true)]
    [InlineData(5, false)]
    public void Normalize_ReasonThreshold_IsALowRatingBelowTheTop(int threshold, bool valid)
    {
        var (_, problems) = SurveyRules.Normalize(Default with { ReasonThreshold = threshold });

        Assert.Equal(valid, problems.Count == 0);
    }

    [Fact]
    public void Normalize_UnknownLanguage_IsRefused()
    {
        var (_, problems) = SurveyRules.Normalize(Default with { Language = (SurveyLanguage)7 });

        Assert.Equal("language", Assert.Single(problems).Field);
    }

    [Fact]
    public void LocalizedText_In_PicksTheSurveyLanguage()
    {
        Assert.Equal("您对我们的服务满意吗？", SurveyDefaults.Title.In(SurveyLanguage.ZhCn));
        Assert.Equal("How did we do?", SurveyDefaults.Title.In(SurveyLanguage.En));
    }

    [Fact]
    public void Versioning_EditWithResponses_MakesANewVersion()
    {
        var edited = Default with { AskNps = false };

        Assert.Equal(SurveySaveMode.NewVersion, SurveyVersioning.Decide(Default, edited, responsesToCurrent: 1));
        Assert.Equal(SurveySaveMode.InPlace, SurveyVersioning.Decide(Default, edited, responsesToCurrent: 0));
    }

    [Fact]
    public void Versioning_SameContentInNewLists_IsUnchanged()
    {
        var copy = Default with { Dimensions = [.. Default.Dimensions], Reasons = [.. Default.Reasons] };

        Assert.Equal(SurveySaveMode.Unchanged, SurveyVersioning.Decide(Default, copy, responsesToCurrent: 5));
    }

    [Theory]
    [InlineData("title")]
    [InlineData("intro")]
    [InlineData("language")]
    [InlineData("dimension")]
    [InlineData("reason")]
    [InlineData("threshold")]
    [InlineData("comment")]
    [InlineData("nps")]
    public void Versioning_AnyChange_CountsAsAnEdit(string what)
    {
        var edited = what switch
        {
            "title" => Default with { Title = new("x", "x") },
            "intro" => Default with { Intro = null },
            "language" => Default with { Language = SurveyLanguage.En },
            "dimension" => Default with { Dimensions = Default.Dimensions.Skip(1).ToList() },
            "reason" => Default with { Reasons = Default.Reasons.Skip(1).ToList() },
            "threshold" => Default with { ReasonThreshold = 3 },
            "comment" => Default with { AskComment = false },
            _ => Default with { AskNps = false },
        };

        Assert.False(Default.SameAs(edited));
        Assert.Equal(SurveySaveMode.NewVersion, SurveyVersioning.Decide(Default, edited, 3));
    }

    [Fact]
    public void Defaults_AskNpsAndAComment()
    {
        // Made here, not in a static field: the defaults are what a new survey starts with.
        var definition = SurveyDefaults.Definition(SurveyLanguage.En);

        Assert.True(definition.AskNps);
        Assert.True(definition.AskComment);
        Assert.Equal(SurveyLanguage.En, definition.Language);
        Assert.True(new SurveyDefinition().AskComment);
        Assert.False(new SurveyDefinition().AskNps);
    }

    [Fact]
    public void Normalize_NoTitle_StoresAnEmptyTitle_AndNoListsAreEmptyLists()
    {
        var (definition, problems) = SurveyRules.Normalize(new SurveyDefinition { Title = null!, Dimensions = null!, Reasons = null! });

        Assert.Equal(new LocalizedText("", ""), definition.Title);
        Assert.Empty(definition.Dimensions);
        Assert.Empty(definition.Reasons);
        Assert.Equal(["title"], problems.Select(p => p.Field));
    }

    [Fact]
    public void LocalizedText_Trimmed_MissingLanguagesBecomeEmpty()
    {
        Assert.Equal(new LocalizedText("", ""), new LocalizedText(null!, null!).Trimmed());
        Assert.Equal(new LocalizedText("a", "b"), new LocalizedText(" a ", " b ").Trimmed());
    }
}
