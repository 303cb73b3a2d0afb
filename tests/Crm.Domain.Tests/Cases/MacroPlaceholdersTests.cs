using Crm.Domain.Cases;

namespace Crm.Domain.Tests.Cases;

public sealed class MacroPlaceholdersTests
{
    private static readonly MacroValues All = new("王小明", "SO-2026-0042", "Kettle arrived cracked", "Li Wei");

    [Fact]
    public void Expand_EveryKnownPlaceholder_IsFilled()
    {
        var expanded = MacroPlaceholders.Expand(
            "{customer.name}您好，订单 {case.orderReference}（{case.subject}）已处理。{agent.name}", All);

        Assert.Equal("王小明您好，订单 SO-2026-0042（Kettle arrived cracked）已处理。Li Wei", expanded.Text);
        Assert.Empty(expanded.Unfilled.AsEnumerable());
    }

    [Fact]
    public void Expand_APlaceholderUsedTwice_IsFilledBothTimes() =>
        Assert.Equal("Li Wei / Li Wei", MacroPlaceholders.Expand("{agent.name} / {agent.name}", All).Text);

    [Fact]
    public void Expand_UnknownPlaceholder_StaysVisibleAndIsListed()
    {
        var expanded = MacroPlaceholders.Expand("Dear {customer.name}, your {order.total} is due.", All);

        Assert.Equal("Dear 王小明, your {order.total} is due.", expanded.Text);
        Assert.Equal(["order.total"], expanded.Unfilled.AsEnumerable());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Expand_MissingValue_LeavesThePlaceholderForTheAgent(string? order)
    {
        var expanded = MacroPlaceholders.Expand("Order {case.orderReference}, {case.orderReference}.", All with { OrderReference = order });

        Assert.Equal("Order {case.orderReference}, {case.orderReference}.", expanded.Text);
        Assert.Equal(["case.orderReference"], expanded.Unfilled.AsEnumerable());
    }

    [Fact]
    public void Expand_NameWithheld_IsNeverFilledWithAnything()
    {
        var expanded = MacroPlaceholders.Expand("Hello {customer.name}", All with { CustomerName = null });

        Assert.Equal("Hello {customer.name}", expanded.Text);
        Assert.Equal(["customer.name"], expanded.Unfilled.AsEnumerable());
    }

    [Fact]
    public void Expand_ValuesAreTrimmed() =>
        Assert.Equal("Hi Li Wei.", MacroPlaceholders.Expand("Hi {agent.name}.", All with { AgentName = "  Li Wei \n" }).Text);

    [Theory]
    [InlineData("No placeholders at all.")]
    [InlineData("Format {0} and {1} stay, as do { } and {} and {.x} and {x.} and {1a}.")]
    [InlineData("A JSON-ish {\"a\": 1} and a lone { brace.")]
    public void Expand_TextWithoutPlaceholders_IsUnchanged(string body)
    {
        var expanded = MacroPlaceholders.Expand(body, All);

        Assert.Equal(body, expanded.Text);
        Assert.Empty(expanded.Unfilled.AsEnumerable());
        Assert.Null(MacroPlaceholders.Check("body", body));
    }

    [Fact]
    public void Expand_AValueThatLooksLikeAPlaceholder_IsNotExpandedAgain() =>
        Assert.Equal("{agent.name} x", MacroPlaceholders.Expand("{customer.name} x", All with { CustomerName = "{agent.name}" }).Text);

    [Fact]
    public void Check_KnownPlaceholdersOnly_IsAccepted() =>
        Assert.Null(MacroPlaceholders.Check("body", "{customer.name} {case.orderReference} {case.subject} {agent.name}"));

    [Fact]
    public void Check_NullBody_IsAccepted() => Assert.Null(MacroPlaceholders.Check("body", null));

    [Theory]
    [InlineData("Hi {customer.Name}", "customer.Name")]
    [InlineData("Hi {name}", "name")]
    [InlineData("{customer.name} {order.total} {x.y}", "order.total")]
    public void Check_UnknownPlaceholder_NamesTheFieldAndTheFirstUnknown(string body, string unknown)
    {
        var problem = MacroPlaceholders.Check("body", body);

        Assert.Equal("body", problem!.Field);
        Assert.Equal($"Unknown placeholder {{{unknown}}}; use {{customer.name}}, {{case.orderReference}}, {{case.subject}}, {{agent.name}}.", problem.Message);
    }

    [Fact]
    public void Unknown_ListsEachOnceInOrder() =>
        Assert.Equal(["b.c", "a"], MacroPlaceholders.Unknown("{b.c} {agent.name} {a} {b.c}").AsEnumerable());

    [Fact]
    public void Known_IsTheDocumentedSet() =>
        Assert.Equal(["customer.name", "case.orderReference", "case.subject", "agent.name"], MacroPlaceholders.Known.AsEnumerable());
}
