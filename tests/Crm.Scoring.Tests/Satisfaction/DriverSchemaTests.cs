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
}
