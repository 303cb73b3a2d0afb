using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.RegularExpressions;
using Crm.Client.Components.Security;
using Crm.Contracts.Access;
using Crm.Contracts.Cases;
using Crm.Contracts.Customers;
using Crm.Domain.Cases;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.EndToEnd.Tests.Security;

/// <summary>
/// Opens every tenant page (found by reflection, so a page added later is walked too) as every tenant role, every role
/// of another tenant and no one, with a real sign-in cookie, and checks the server-rendered result: the page, or
/// "forbidden" with none of the tenant's data, or the sign-in form.
/// </summary>
[Collection(StackCollection.Name)]
public sealed partial class PageAccessTests(CrmStackFixture stack)
{
    private const string SecretName = "Walk Pagecustomer";

    [Fact]
    public async Task EveryTenantPage_EveryRole_SeesThePageOrForbiddenAsTheRulesSay()
    {
        var home = await stack.NewTenantAsync();
        var other = await stack.NewTenantAsync();
        var customer = await CrmStackFixture.ReadAsync<CustomerView>(await home.Agent.PostAsJsonAsync(
            $"api/tenants/{home.Id}/customers", new { displayName = SecretName, channels = Array.Empty<object>() }));
        // A case whose subject is as secret as the customer's name: its page must not show it to anyone who may not see it.
        var requestId = Guid.NewGuid().ToString("N");
        var caseId = CaseKey.IdForRequest(requestId);
        await stack.ClientServices.GetRequiredService<IClusterClient>().GetGrain<ICaseGrain>(CaseKey.Format(home.Id, caseId)).OpenAsync(
            new NewCase(customer.CustomerId, CaseKind.Inquiry, $"Case of {SecretName}", "Walked by the page test.", RequestId: requestId),
            home.Users[Role.Agent].Username);
        (await home.As(Role.Analyst).PostAsJsonAsync($"api/tenants/{home.Id}/surveys", new { surveyId = "s2026", name = "Survey" })).EnsureSuccessStatusCode();
        var pages = TenantPages();
        Assert.True(pages.Count >= 9, "the customer and case pages are found");
        string PathOf(string route) =>
            route.Replace("{TenantId}", home.Id).Replace("{CustomerId}", customer.CustomerId).Replace("{CaseId}", caseId).Replace("{SurveyId}", "s2026").TrimStart('/');

        var failures = new List<string>();
        foreach (var (tenant, role) in AccessRules.TenantRoles.Select(r => (home, r)).Concat(AccessRules.TenantRoles.Select(r => (other, r))))
        {
            using var browser = await SignInAsync(tenant.Users[role].Username, tenant.Users[role].Password);
            foreach (var (route, required) in pages)
            {
                var path = PathOf(route);
                var html = await browser.GetStringAsync(path);
                var allowed = AccessRules.Allows(false, [new TenantMembership(tenant.Id, [role])], home.Id, required);
                var forbidden = html.Contains("data-testid=\"forbidden\"", StringComparison.Ordinal);
                if (allowed == forbidden || (!allowed && html.Contains(SecretName, StringComparison.Ordinal)) || html.Contains("sign-in-form", StringComparison.Ordinal))
                {
                    failures.Add($"{path} as {role} of {(tenant == home ? "the tenant" : "another tenant")}: allowed={allowed} forbidden shown={forbidden}");
                }
            }
        }

        foreach (var (route, _) in pages)
        {
            var response = await stack.Http.GetAsync(PathOf(route));
            var html = await response.Content.ReadAsStringAsync();
            if (!html.Contains("sign-in-form", StringComparison.Ordinal) || html.Contains(SecretName, StringComparison.Ordinal))
            {
                failures.Add($"{route} anonymous: not sent to sign-in");
            }
        }

        Assert.Empty(failures);
    }

    private static List<(string Route, Permission Required)> TenantPages() =>
    [
        .. typeof(Crm.Client.ClientHost).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(TenantPage)) && !t.IsAbstract)
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => (r.Template, Required(t)))),
    ];

    private static Permission Required(Type page) =>
        (Permission)page.GetProperty("Required", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(Activator.CreateInstance(page))!;

    /// <summary>Signs in through the real form, antiforgery token and all; the client keeps the cookie.</summary>
    private async Task<HttpClient> SignInAsync(string username, string password)
    {
        var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = stack.BaseAddress };
        var form = await browser.GetStringAsync("account/login");
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        var response = await browser.PostAsync("account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["username"] = username, ["password"] = password, ["returnUrl"] = "/",
        }));
        Assert.DoesNotContain("failed=1", response.RequestMessage!.RequestUri!.Query);
        return browser;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
