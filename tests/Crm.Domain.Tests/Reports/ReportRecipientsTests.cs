using Crm.Domain.Reports;

namespace Crm.Domain.Tests.Reports;

/// <summary>Who scheduled reports are mailed to: plain addresses only, lower-cased, no repeats, at most 20.</summary>
public sealed class ReportRecipientsTests
{
    [Fact]
    public void Addresses_are_trimmed_lower_cased_and_kept_once_in_order()
    {
        Assert.Equal(["li.na@example.cn", "ops@shop.example.com"],
            ReportRecipients.Normalize([" Li.Na@Example.CN ", "ops@shop.example.com", "li.na@example.cn"]));
    }

    [Fact]
    public void None_is_an_empty_list()
    {
        Assert.Empty(ReportRecipients.Normalize(null)!);
        Assert.Empty(ReportRecipients.Normalize([])!);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not-an-address")]
    [InlineData("Li Na <li.na@example.cn>")]   // a display name: a recipient is the address alone
    [InlineData("li.na@localhost")]            // no dotted domain
    [InlineData("li na@example.cn")]
    public void One_bad_address_refuses_the_list(string bad)
    {
        Assert.Null(ReportRecipients.Normalize(["ok@example.cn", bad]));
    }

    [Fact]
    public void A_null_entry_refuses_the_list() => Assert.Null(ReportRecipients.Normalize(["ok@example.cn", null]));

    [Fact]
    public void An_address_of_the_longest_length_is_kept_and_one_longer_refused()
    {
        var domain = "@example.cn";
        var longest = new string('a', ReportRecipients.MaxLength - domain.Length) + domain;
        var tooLong = "a" + longest;

        Assert.Equal(254, ReportRecipients.MaxLength);
        Assert.Equal([longest], ReportRecipients.Normalize([longest]));
        Assert.Null(ReportRecipients.Normalize([tooLong]));
    }

    [Fact]
    public void Twenty_addresses_are_kept_and_twenty_one_refused_repeats_not_counted()
    {
        var twenty = Enumerable.Range(1, 20).Select(i => $"m{i}@example.cn").ToList();

        Assert.Equal(20, ReportRecipients.Normalize([.. twenty, "M1@example.cn"])!.Count);
        Assert.Null(ReportRecipients.Normalize([.. twenty, "m21@example.cn"]));
        Assert.Equal("Up to 20 e-mail addresses, e.g. manager@example.com.", ReportRecipients.Rule);
    }
}
