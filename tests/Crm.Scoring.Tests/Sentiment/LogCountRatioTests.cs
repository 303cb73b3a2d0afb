using Crm.Scoring.Sentiment;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Crm.Scoring.Tests.Sentiment;

/// <summary>The naive-Bayes log-count ratios, worked by hand on three slots, and ML.NET's scaling by their magnitude.</summary>
public sealed class LogCountRatioTests
{
    // Dissatisfied texts have slots {0, 1} and {0}; the satisfied one {1, 2}. With α = 1:
    // p = 1 + [2, 1, 0] = [3, 2, 1], |p| = 6; q = 1 + [0, 1, 1] = [1, 2, 2], |q| = 5.
    private static readonly double[] Expected = [Math.Log(3.0 / 6 / (1.0 / 5)), Math.Log(2.0 / 6 / (2.0 / 5)), Math.Log(1.0 / 6 / (2.0 / 5))];

    private static LogCountRatio HandCounted()
    {
        var counts = new LogCountRatio(3);
        counts.Add([0, 1], isDissatisfied: true);
        counts.Add([0], isDissatisfied: true);
        counts.Add([1, 2], isDissatisfied: false);
        return counts;
    }

    [Fact]
    public void Ratios_ThreeTexts_MatchTheHandWorkedFigures()
    {
        var ratios = HandCounted().Ratios();

        Assert.Equal(Expected.Length, ratios.Length);
        for (var i = 0; i < Expected.Length; i++)
        {
            Assert.Equal(Expected[i], ratios[i], 12);
        }

        Assert.True(ratios[0] > 0, "slot 0 occurs only in dissatisfied texts");
        Assert.True(ratios[2] < 0, "slot 2 occurs only in the satisfied text");
    }

    [Fact]
    public void Add_ASlotListedTwice_CountsOnce()
    {
        var twice = new LogCountRatio(3);
        twice.Add([0, 0, 1], isDissatisfied: true);
        twice.Add([0], isDissatisfied: true);
        twice.Add([1, 2, 2], isDissatisfied: false);

        Assert.Equal(HandCounted().Ratios(), twice.Ratios());
    }

    [Fact]
    public void Ratios_NoTexts_AllZero()
    {
        Assert.Equal([0.0, 0.0], new LogCountRatio(2).Ratios());
    }

    [Fact]
    public void Ratios_AlphaNotPositive_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => HandCounted().Ratios(0));
    }

    [Fact]
    public void Scaling_HandCountedRows_MultipliesEachSlotByTheRatiosMagnitude()
    {
        var ml = new MLContext(seed: 1);
        var rows = new[]
        {
            new Row { Features = [0.5f, 2f, 0], Label = true },
            new Row { Features = [0.25f, 0, 0], Label = true },
            new Row { Features = [0, 4f, 0.5f], Label = false },
        };
        var data = ml.Data.LoadFromEnumerable(rows);

        var scaled = LogCountRatioScaling.Fit(ml, data, nameof(Row.Features), nameof(Row.Label)).Transform(data);

        var actual = scaled.GetColumn<float[]>(nameof(Row.Features)).ToArray();
        for (var r = 0; r < rows.Length; r++)
        {
            for (var i = 0; i < 3; i++)
            {
                Assert.Equal(rows[r].Features[i] * Math.Abs(Expected[i]), actual[r][i], 5);
            }
        }
    }

    private sealed class Row
    {
        [VectorType(3)]
        public float[] Features { get; set; } = [];

        public bool Label { get; set; }
    }
}
