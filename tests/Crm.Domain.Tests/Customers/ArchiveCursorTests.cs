using Crm.Domain.Customers;
using FsCheck.Xunit;

namespace Crm.Domain.Tests.Customers;

public sealed class ArchiveCursorTests
{
    [Fact]
    public void TryStart_NoToken_StartsAtNewest()
    {
        Assert.True(ArchiveCursor.TryStart(null, 42, out var start));
        Assert.Equal(42, start);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("43")]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("1e3")]
    [InlineData(" 5")]
    public void TryStart_ForeignToken_IsRefused(string token) =>
        Assert.False(ArchiveCursor.TryStart(token, 42, out _));

    [Fact]
    public void Next_LastPageReachedFirstEntry_HasNoToken() => Assert.Null(ArchiveCursor.Next(1));

    [Property]
    public bool Next_ThenTryStart_ContinuesJustBelowThePage(ushort lowest, ushort extra)
    {
        var lowestOnPage = lowest + 2L;
        var newest = lowestOnPage + extra;
        var token = ArchiveCursor.Next(lowestOnPage);
        return ArchiveCursor.TryStart(token, newest, out var start) && start == lowestOnPage - 1;
    }

    [Fact]
    public void TryStart_TokenOfTheNewestEntry_IsAccepted()
    {
        Assert.True(ArchiveCursor.TryStart("42", 42, out var start));
        Assert.Equal(42, start);
        Assert.True(ArchiveCursor.TryStart("1", 42, out var first));
        Assert.Equal(1, first);
    }
}
