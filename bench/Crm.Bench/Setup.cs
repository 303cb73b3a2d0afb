using System.Net;
using System.Net.Http.Json;

namespace Crm.Bench;

/// <summary>Set-up calls, not measured: a cold or busy cluster answers 503 with Retry-After, so they try again.</summary>
internal static class Setup
{
    /// <summary>Posts until the answer is not a 503 (2 s apart, up to 30 times), then requires success.</summary>
    public static async Task<HttpResponseMessage> PostUntilServedAsync(HttpClient http, string path, object body)
    {
        for (var attempt = 1; ; attempt++)
        {
            var answer = await http.PostAsJsonAsync(path, body);
            if (answer.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == 30)
            {
                return answer.EnsureSuccessStatusCode();
            }

            answer.Dispose();
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
    }
}
