using Crm.Domain.Cases;
using FsCheck.Xunit;

namespace Crm.Domain.Tests.Cases;

public sealed class CaseCategoriesTests
{
    [Theory]
    [InlineData("payment", true)]
    [InlineData("a", true)]
    [InlineData("9-lives", true)]
    [InlineData("logistics-delivery", true)]
    [InlineData("-leading-dash", false)]
    [InlineData("Payment", false)]
    [InlineData("two words", false)]
    [InlineData("退货", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("payment\n", false)]
    [InlineData("xpayment", true)]
    public void IsCategory_Slug_OnlyLowercaseLettersDigitsAndDashes(string? value, bool expected) =>
        Assert.Equal(expected, CaseCategories.IsCategory(value));

    [Fact]
    public void IsCategory_Length_AtMostForty()
    {
        Assert.True(CaseCategories.IsCategory(new string('a', 40)));
        Assert.False(CaseCategories.IsCategory(new string('a', 41)));
        Assert.False(CaseCategories.IsCategory("ab-" + new string('c', 38)));
    }

    [Fact]
    public void Defaults_EndWithOther_AndAreAllCategories()
    {
        Assert.Equal("other", CaseCategories.Other);
        Assert.Equal(CaseCategories.Other, CaseCategories.Defaults[^1]);
        Assert.Equal(7, CaseCategories.Defaults.Count);
        Assert.All(CaseCategories.Defaults, c => Assert.True(CaseCategories.IsCategory(c)));
        Assert.Equal(CaseCategories.Defaults, CaseCategories.Normalize(CaseCategories.Defaults).Categories);
    }

    [Fact]
    public void Normalize_Input_TrimsLowercasesDeduplicatesAndKeepsTheOrder()
    {
        var (categories, problems) = CaseCategories.Normalize([" Payment ", "logistics", "payment", "LOGISTICS"]);

        Assert.Empty(problems);
        Assert.Equal(["payment", "logistics", "other"], categories);
    }

    [Fact]
    public void Normalize_OtherGiven_StaysWhereItWasAndIsNotRepeated()
    {
        var (categories, problems) = CaseCategories.Normalize(["other", "payment"]);

        Assert.Empty(problems);
        Assert.Equal(["other", "payment"], categories);
    }

    [Fact]
    public void Normalize_NothingGiven_IsJustOther()
    {
        Assert.Equal(["other"], CaseCategories.Normalize(null).Categories);
        Assert.Empty(CaseCategories.Normalize(null).Problems);
        Assert.Equal(["other"], CaseCategories.Normalize([]).Categories);
        Assert.Empty(CaseCategories.Normalize([]).Problems);
    }

    [Fact]
    public void Normalize_BadEntries_NameEachByItsIndex()
    {
        var (categories, problems) = CaseCategories.Normalize(["payment", "bad slug", null!, "  ", "ok"]);

        Assert.Equal(["categories[1]", "categories[2]", "categories[3]"], problems.Select(p => p.Field));
        Assert.All(problems, p => Assert.Equal(
            "A category is 1-40 lowercase letters, digits or '-', starting with a letter or digit.", p.Message));
        Assert.Equal(["payment", "ok", "other"], categories);
    }

    [Fact]
    public void Normalize_FortyWithOther_IsAccepted()
    {
        var (categories, problems) = CaseCategories.Normalize(Enumerable.Range(0, 39).Select(i => $"c{i}"));

        Assert.Empty(problems);
        Assert.Equal(CaseCategories.MaxCount, categories.Count);
        Assert.Equal(40, CaseCategories.MaxCount);
    }

    [Fact]
    public void Normalize_MoreThanForty_IsRefusedAsAWhole()
    {
        var (categories, problems) = CaseCategories.Normalize(Enumerable.Range(0, 40).Select(i => $"c{i}"));

        var problem = Assert.Single(problems);
        Assert.Equal(("categories", "At most 40 categories."), (problem.Field, problem.Message));
        Assert.Equal(41, categories.Count);
    }

    [Theory]
    [InlineData("logistics-delivery", "Logistics delivery")]
    [InlineData("product-quality-check", "Product quality check")]
    [InlineData("other", "Other")]
    [InlineData("x", "X")]
    [InlineData("9-lives", "9 lives")]
    [InlineData("", "")]
    public void Label_Slug_ReadsAsASentence(string category, string expected) =>
        Assert.Equal(expected, CaseCategories.Label(category));

    [Property(MaxTest = 200)]
    public bool Normalize_Twice_ChangesNothingMore(string[]? input)
    {
        var once = CaseCategories.Normalize(input).Categories;
        var twice = CaseCategories.Normalize(once);
        return twice.Problems.Count == 0 == (once.Count <= CaseCategories.MaxCount) && twice.Categories.SequenceEqual(once);
    }

    [Property(MaxTest = 200)]
    public bool Normalize_AnyInput_EndsWithOtherOnceAndOnlySlugs(string[]? input)
    {
        var categories = CaseCategories.Normalize(input).Categories;
        return categories.Count(c => c == CaseCategories.Other) == 1
               && categories.All(CaseCategories.IsCategory)
               && categories.Distinct().Count() == categories.Count;
    }
}
