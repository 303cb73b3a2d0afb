using Crm.Domain.Customers;

namespace Crm.Domain.Tests.Customers;

/// <summary>A tenant's default phone region turns national numbers into E.164, so "138..." and "+86 138..." are one number.</summary>
public sealed class PhoneRegionTests
{
    [Theory]
    [InlineData("138 0013 8000", "CN", "+8613800138000")]
    [InlineData("010-6552 9988", "CN", "+861065529988")]        // a trunk 0 dropped
    [InlineData("0086 138 0013 8000", "CN", "+8613800138000")]  // the region's international prefix
    [InlineData("(415) 555-0132", "US", "+14155550132")]
    [InlineData("9123 4567", "HK", "+85291234567")]
    [InlineData("+44 20 7946 0958", "CN", "+442079460958")]     // an international number keeps its own code
    [InlineData("13800138000", null, "13800138000")]            // no region: the digits, as before
    [InlineData("12345", "US", "12345")]                        // not a possible US number: kept as typed
    public void A_number_without_plus_takes_the_region(string typed, string? region, string expected) =>
        Assert.Equal(expected, ProfileRules.NormalizePhone(typed, region));

    [Theory]
    [InlineData("1234")]
    [InlineData("1234567890123456")]
    [InlineData("138-0013-800a")]
    public void The_region_does_not_make_a_bad_number_good(string typed) =>
        Assert.Null(ProfileRules.NormalizePhone(typed, "CN"));

    [Fact]
    public void A_national_number_is_looked_up_as_E164_then_as_stored_before_regions()
    {
        Assert.Equal(["+8613800138000", "13800138000"], ProfileRules.PhoneLookupForms("138 0013 8000", "CN"));
    }

    [Fact]
    public void An_international_number_is_also_looked_up_as_its_national_digits()
    {
        Assert.Equal(["+8613800138000", "13800138000"], ProfileRules.PhoneLookupForms("+86 138 0013 8000", "CN"));
        Assert.Equal(["+8613800138000"], ProfileRules.PhoneLookupForms("+86 138 0013 8000", null));
    }

    [Fact]
    public void A_national_number_with_a_trunk_zero_is_looked_up_in_all_three_forms()
    {
        Assert.Equal(["+861065529988", "01065529988", "1065529988"], ProfileRules.PhoneLookupForms("010-6552 9988", "CN"));
    }

    [Theory]
    [InlineData("+999 1234 5678", "CN", "+99912345678")]   // no such calling code: libphonenumber refuses it, the digits stay
    [InlineData("00123", "CN", "00123")]                  // the international prefix and too little after it
    public void A_number_libphonenumber_cannot_read_is_kept_as_its_digits(string typed, string region, string expected)
    {
        Assert.Equal(expected, ProfileRules.NormalizePhone(typed, region));
        Assert.Equal([expected], ProfileRules.PhoneLookupForms(typed, region));
    }

    [Fact]
    public void A_number_kept_as_typed_has_one_form_and_a_bad_one_none()
    {
        Assert.Equal(["12345"], ProfileRules.PhoneLookupForms("12345", "US"));
        Assert.Empty(ProfileRules.PhoneLookupForms("12ab", "CN"));
    }

    [Fact]
    public void Profiles_are_stored_with_the_region_applied()
    {
        var (profile, problems) = ProfileRules.Normalize(
            new ProfileInput("王芳", [new ChannelInput(ChannelKind.Phone, "138 0013 8000", true)], null, [], null), "CN");

        Assert.Empty(problems);
        Assert.Equal("+8613800138000", Assert.Single(profile!.Channels).Value);
    }

    [Theory]
    [InlineData("cn", "CN")]
    [InlineData(" us ", "US")]
    [InlineData("HK", "HK")]
    [InlineData("XX", null)]
    [InlineData("CHN", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Regions_are_two_letter_codes_with_a_calling_code(string? typed, string? expected) =>
        Assert.Equal(expected, PhoneRegions.Normalize(typed));
}
