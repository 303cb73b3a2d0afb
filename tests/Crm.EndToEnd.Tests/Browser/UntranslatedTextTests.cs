namespace Crm.EndToEnd.Tests.Browser;

/// <summary>The walk's comparison on its own: what it flags and what it lets through.</summary>
public sealed class UntranslatedTextTests
{
    [Fact]
    public void Find_SameEnglishTextInBoth_IsFlagged()
    {
        string[] en = ["Queue", "Save settings", "Title", "CaseStatus.New", "王小明"];
        string[] zh = ["工单队列", "Save settings", "Title", "CaseStatus.New", "王小明"];

        Assert.Equal(["Save settings", "Title", "CaseStatus.New"], UntranslatedText.Find(en, zh, _ => false));
    }

    [Fact]
    public void Find_BrandsAcronymsNumbersAndData_AreNotFlagged()
    {
        string[] same = ["Crm", "SLA", "VIP", "2026/12/1 16:34 (UTC+8)", "3f9ab2c4", "e2e-1234 · agent-e2e-1234", "42"];

        Assert.Empty(UntranslatedText.Find(same, same, text => text.Contains("e2e-1234", StringComparison.Ordinal)));
    }
}
