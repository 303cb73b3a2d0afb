using Crm.Scoring.Satisfaction;

namespace Crm.Scoring.Tests.Satisfaction;

public sealed class DriverSchemaTests
{
    private static SatisfactionRecord Record(double? hours, string? channel, bool satisfied = true) => new(
        null,
        hours is { } h ? new Dictionary<string, double> { ["firstResponseHours"] = h } : new Dictionary<string, double>(),
        channel is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["channel"] = channel },
        satisfied);

    [Fact]
    public void Learn_NumbersAndCategories_NamesEverySlot()
    {
        var records = Enumerable.Range(0, 6).Select(i => Record(i, "email")).Append(Record(1, "chat")).ToArray();

        var schema = DriverSchema.Learn(records, minValueCount: 1);

        Assert.Equal(["comment.dissatisfaction", "comment.missing", "firstResponseHours", "firstResponseHours.missing", "channel=email", "channel=chat"], schema.SlotNames);
        Assert.Equal(16.0 / 7, schema.Numeric[0].Mean, 10); // (0+1+2+3+4+5+1)/7
    }

    [Fact]
    public void Vectorize_StandardizesNumbers_FlagsWhatIsMissing_OneHotsCategories()
    {
        var schema = new DriverSchema([new NumericDriver("firstResponseHours", 2, 4)], [new CategoricalDriver("channel", ["email", "chat"])]);

        Assert.Equal([0.9f, 0, 2, 0, 0, 1], schema.Vectorize(Record(10, "chat"), 0.9));
        Assert.Equal([0.5f, 1, 0, 1, 0, 0], schema.Vectorize(Record(null, "phone"), null));
    }

    [Fact]
    public void Learn_RareCategoryValues_AreLeftOut_AndConstantNumbersKeepUnitSpread()
    {
        var records = Enumerable.Range(0, 5).Select(_ => Record(3, "email")).Append(Record(3, "fax")).ToArray();

        var schema = DriverSchema.Learn(records, minValueCount: 2);

        Assert.Equal(["email"], schema.Categorical[0].Values);
        Assert.Equal(1, schema.Numeric[0].StandardDeviation);
    }

    [Fact]
    public void Learn_SpreadIsTheSampleStandardDeviation_AndOneValueKeepsUnitSpread()
    {
        var schema = DriverSchema.Learn([Record(1, null), Record(3, null), Record(8, null)]);

        Assert.Equal(4, schema.Numeric[0].Mean, 10);
        Assert.Equal(Math.Sqrt((9 + 1 + 16) / 2.0), schema.Numeric[0].StandardDeviation, 10);
        Assert.Equal(1, DriverSchema.Learn([Record(7, null)]).Numeric[0].StandardDeviation);
    }

    [Fact]
    public void Learn_CategoryValues_MostFrequentFirst_TiesByName_CutAtTheMaximum()
    {
        var records = new[] { "web", "web", "chat", "chat", "app", "app", "app", "fax" }.Select(c => Record(null, c)).ToArray();

        Assert.Equal(["app", "chat", "web", "fax"], DriverSchema.Learn(records, minValueCount: 1).Categorical[0].Values);
        Assert.Equal(["app", "chat"], DriverSchema.Learn(records, maxValuesPerCategory: 2, minValueCount: 1).Categorical[0].Values);
        Assert.Equal(["app", "chat", "web"], DriverSchema.Learn(records, minValueCount: 2).Categorical[0].Values);
        Assert.Empty(DriverSchema.Learn(records).Categorical[0].Values); // the default needs five of a value
        Assert.Equal("channel (0 values)", DriverSchema.Learn(records).Categorical[0].ToString());
    }

    [Fact]
    public void Vectorize_NonFiniteNumber_IsMissing()
    {
        var schema = new DriverSchema([new NumericDriver("firstResponseHours", 2, 4)], []);

        Assert.Equal([0.5f, 1, 0, 1], schema.Vectorize(Record(double.NaN, null), null));
        Assert.Equal([0.2f, 0, -0.5f, 0], schema.Vectorize(Record(0, null), 0.2));
    }

    [Fact]
    public void Learn_Drivers_InNameOrder()
    {
        SatisfactionRecord record = new(null, new Dictionary<string, double> { ["b"] = 1, ["a"] = 2 }, new Dictionary<string, string> { ["y"] = "1", ["x"] = "2" }, true);

        var schema = DriverSchema.Learn([record, record]);

        Assert.Equal(["a", "b"], schema.Numeric.Select(n => n.Name));
        Assert.Equal(["x", "y"], schema.Categorical.Select(c => c.Name));
    }
}
