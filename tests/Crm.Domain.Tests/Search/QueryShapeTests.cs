using Crm.Domain.Search;

namespace Crm.Domain.Tests.Search;

public sealed class QueryShapeTests
{
    [Theory]
    [InlineData("+86 138 0013 8000", QueryShape.Phone)]
    [InlineData("13800138000", QueryShape.Phone)]
    [InlineData("(021) 6123-4567", QueryShape.Phone)]
    [InlineData("12345", QueryShape.Phone)]
    [InlineData("1234", QueryShape.Words)]
    [InlineData("SO-2026-0042", QueryShape.Words)]
    [InlineData("2026 年订单", QueryShape.Words)]
    [InlineData("li.wei@example.com", QueryShape.Email)]
    [InlineData("  li@example.com ", QueryShape.Email)]
    [InlineData("@example.com", QueryShape.Words)]
    [InlineData("li@", QueryShape.Words)]
    [InlineData("li@a@b", QueryShape.Words)]
    [InlineData("li wei@example.com", QueryShape.Words)]
    [InlineData("王小明", QueryShape.Words)]
    [InlineData("", QueryShape.Words)]
    [InlineData(null, QueryShape.Words)]
    public void Of_TypedText_IsItsShape(string? query, QueryShape expected) => Assert.Equal(expected, QueryShapes.Of(query));
}
