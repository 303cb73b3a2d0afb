using System.Net.Http.Json;
using Crm.Contracts.Access;

namespace Crm.EndToEnd.Tests.Surveys;

/// <summary>
/// 60 responses sent through the API where the answer is known: the dissatisfied half rated logistics 1-2 and wrote
/// "物流太慢" (one with a phone number in it), the satisfied half rated it 4-5 and praised the staff; the attitude
/// rating is drawn at random, so it drives nothing.
/// </summary>
internal static class InsightsWorkload
{
    public const string Phone = "13800138000";

    public static async Task SendAsync(TestTenant tenant, string customerId, string surveyId = "csat")
    {
        var random = new Random(11);
        string[] slow = ["物流太慢了", "物流太慢！！", $"物流太慢，请打 {Phone}"];
        string[] happy = ["客服很耐心，谢谢", "态度很好", "很满意，解决得很快", "服务周到", "非常满意"];
        var rows = Enumerable.Range(0, 60).Select(i =>
        {
            var low = i % 2 == 0;
            return new
            {
                responseId = $"ins-{i}",
                customerId,
                answeredAt = DateTimeOffset.UtcNow.AddMinutes(-i - 1),
                csat = low ? 1 + random.Next(2) : 4 + random.Next(2),
                dimensions = new Dictionary<string, int>
                {
                    ["logistics-delivery"] = low ? 1 + random.Next(2) : 4 + random.Next(2),
                    ["service-attitude"] = 1 + random.Next(5),
                },
                comment = low ? slow[i / 2 % slow.Length] : happy[i / 2 % happy.Length],
            };
        }).ToArray();
        (await tenant.As(Role.Analyst).PostAsJsonAsync($"api/tenants/{tenant.Id}/surveys/{surveyId}/responses", new { responses = rows })).EnsureSuccessStatusCode();
    }
}
