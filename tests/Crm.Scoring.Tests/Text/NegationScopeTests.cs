namespace Crm.Scoring.Tests.Text;

/// <summary>The English negation scope on hand-written sentences (input as <see cref="TextNormalizer"/> leaves it: lower case).</summary>
public sealed class NegationScopeTests
{
    [Theory]
    [InlineData("the food was not good", "the food was not not_good")]
    [InlineData("not good, but the staff were friendly", "not not_good but the staff were friendly")]
    [InlineData("i don't think i'll be back. great fries though", "i don't not_think not_i'll not_be not_back great fries though")]
    [InlineData("i don\u2019t like it", "i don't not_like not_it")]
    [InlineData("never again!", "never not_again")]
    [InlineData("no complaints; would return", "no not_complaints would return")]
    [InlineData("knot notable nothingness", "knot notable nothingness")]
    public void Segment_English_MarksTheWordsAfterANegatorUpToThePunctuation(string text, string expected)
    {
        Assert.Equal(expected, NegationScope.Segment(text));
    }

    [Theory]
    [InlineData("送餐很快，味道很好")]
    [InlineData("great service and fast delivery")]
    [InlineData("")]
    public void Segment_NoNegator_SameAsTheWordSegmenter(string text)
    {
        Assert.Equal(WordSegmenter.Segment(text), NegationScope.Segment(text));
    }

    [Theory]
    [InlineData("not", true)]
    [InlineData("isn't", true)]
    [InlineData("cannot", true)]
    [InlineData("note", false)]
    [InlineData("nothingness", false)]
    public void IsNegator_KnowsTheListAndTheNtEnding(string word, bool expected)
    {
        Assert.Equal(expected, NegationScope.IsNegator(word));
    }
}
