using System.Security.Claims;
using Crm.Client.Models;
using Crm.Client.Security;
using Crm.Contracts.Access;
using Crm.Contracts.Common;
using Crm.Contracts.Scoring;

namespace Crm.Client.Tests.Models;

/// <summary>
/// The models door refuses every change to a user without <see cref="Permission.ModelsManage"/> in the tenant before
/// it reaches the cluster or the audit (both are null here: a call that got past the check would fail otherwise).
/// </summary>
public sealed class ModelCommandsTests
{
    private static readonly ModelCommands Commands = new(null!, null!);

    private static ClaimsPrincipal Member(string tenant, Role role) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, "someone"), new Claim(CrmClaims.Membership, $"{tenant}|{role}")], CrmClaims.ResolvedType));

    public static TheoryData<string, Role> Refused => new()
    {
        { "t1", Role.Agent }, { "t1", Role.TeamLead }, { "t1", Role.AccountManager }, { "t2", Role.Analyst }, { "t2", Role.TenantAdmin },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task EveryChange_WithoutModelsManageInTheTenant_IsForbidden(string memberOf, Role role)
    {
        var user = Member(memberOf, role);

        await Assert.ThrowsAsync<ForbiddenException>(() => Commands.TrainAsync(user, "t1"));
        await Assert.ThrowsAsync<ForbiddenException>(() => Commands.TrainFromFileAsync(user, "t1", new TrainFromFileRequest("text,label\n", null, null)));
        await Assert.ThrowsAsync<ForbiddenException>(() => Commands.ActivateAsync(user, "t1", 1));
        await Assert.ThrowsAsync<ForbiddenException>(() => Commands.RollBackAsync(user, "t1"));
        await Assert.ThrowsAsync<ForbiddenException>(() => Commands.SetRetrainingAsync(user, "t1", new RetrainingRequest(RetrainingSchedule.Weekly)));
    }

    [Fact]
    public async Task Change_AnalystOfTheTenant_PassesTheCheck()
    {
        // Past the check the null cluster is reached: the analyst was let through.
        await Assert.ThrowsAsync<NullReferenceException>(() => Commands.ActivateAsync(Member("t1", Role.Analyst), "t1", 1));
    }
}

/// <summary>A stored featurization read in the page's language, and one of an unknown shape shown as it is.</summary>
public sealed class FeaturizationTextTests
{
    private sealed class Echo : Microsoft.Extensions.Localization.IStringLocalizer
    {
        public Microsoft.Extensions.Localization.LocalizedString this[string name] => new(name, name);

        public Microsoft.Extensions.Localization.LocalizedString this[string name, params object[] arguments] =>
            new(name, $"{name}({string.Join(",", arguments)})");

        public IEnumerable<Microsoft.Extensions.Localization.LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }

    [Fact]
    public void Describe_TheDefault_NamesWordsCharsLexiconAndLearner()
    {
        var text = FeaturizationText.Describe("WordsAndChars (chars 1-3, words 1-2), Lbfgs (L2 0.01), lexicon cues", new Echo());

        Assert.Equal("Featurization.Value(Featurization.Words(2)Featurization.AndFeaturization.Chars(3)Featurization.AndFeaturization.Lexicon,Featurization.Lbfgs(0.01))", text);
    }

    [Fact]
    public void Describe_TheWeightsAndNegationScope_NamesEach()
    {
        var text = FeaturizationText.Describe("WordsAndChars (chars 1-3, words 1-2), Lbfgs (L2 0.1), lexicon cues, log-count-ratio weights, negation scope", new Echo());

        Assert.Equal("Featurization.Value(Featurization.Words(2)Featurization.AndFeaturization.Chars(3)Featurization.AndFeaturization.Lexicon"
            + "Featurization.AndFeaturization.LogCountRatioFeaturization.AndFeaturization.Negation,Featurization.Lbfgs(0.1))", text);
        Assert.Contains("Featurization.TfIdf", FeaturizationText.Describe("Chars (chars 1-3, words 1-2), Lbfgs (L2 0.01), TF-IDF", new Echo()));
    }

    [Fact]
    public void Describe_UnknownShape_IsShownAsStored() =>
        Assert.Equal("something else", FeaturizationText.Describe("something else", new Echo()));
}
