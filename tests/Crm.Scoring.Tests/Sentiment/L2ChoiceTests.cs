using Crm.Scoring.Sentiment;

namespace Crm.Scoring.Tests.Sentiment;

public sealed class L2ChoiceTests
{
    [Fact]
    public void Best_TheMostAccurateWins()
    {
        Assert.Equal(0.01f, L2Choice.Best([0.01f, 0.03f, 0.1f], [0.90, 0.88, 0.89]));
        Assert.Equal(0.03f, L2Choice.Best([0.01f, 0.03f, 0.1f], [0.88, 0.90, 0.89]));
    }

    [Fact]
    public void Best_ATie_GoesToTheStrongerPenalty_InAnyOrder()
    {
        Assert.Equal(0.1f, L2Choice.Best([0.01f, 0.03f, 0.1f], [0.90, 0.88, 0.90]));
        Assert.Equal(0.1f, L2Choice.Best([0.1f, 0.01f], [0.90, 0.90]));
        // Accuracies summed in another order differ in the last bits; they are still a tie.
        Assert.Equal(0.1f, L2Choice.Best([0.01f, 0.1f], [0.1 + 0.2, 0.3]));
    }

    [Fact]
    public void Best_MismatchedOrEmpty_Refused()
    {
        Assert.Throws<ArgumentException>(() => L2Choice.Best([0.01f, 0.1f], [0.9]));
        Assert.Throws<ArgumentException>(() => L2Choice.Best([], []));
    }
}
