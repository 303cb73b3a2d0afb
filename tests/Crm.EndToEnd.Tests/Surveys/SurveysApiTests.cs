using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.Contracts.Access;
using Crm.Contracts.Customers;
using Crm.Contracts.Surveys;

namespace Crm.EndToEnd.Tests.Surveys;

/// <summary>Surveys over HTTP, through the real front end, silo and Azurite.</summary>
[Collection(StackCollection.Name)]
public sealed class SurveysApiTests(CrmStackFixture stack)
{
    private sealed record Batch(int Added, int AlreadyRecorded, bool DryRun);

    private sealed record InvitationLink(InvitationView Invitation, string Link);

    [Fact]
    public async Task Responses_ByEmailAndPhone_CountedOnce_ResultsHaveIntervals_DrillDownMaskedForAnalysts()
    {
        var (tenant, customerId) = await TenantWithSurveyAsync();
        var rows = Enumerable.Range(0, 40).Select(i => new
        {
            email = i % 2 == 0 ? "li.wei@example.com" : null,
            phone = i % 2 == 1 ? "+86 138 0013 8000" : null,
            answeredAt = DateTimeOffset.UtcNow.AddMinutes(-i),
            csat = i < 10 ? 2 : 5,
            nps = 9,
            reason = i < 10 ? "slow-response" : null,
            comment = i == 0 ? "Call me on 13800138000, li.wei@example.com" : null,
        }).ToArray();
        var url = $"api/tenants/{tenant.Id}/surveys/csat";

        var dry = await CrmStackFixture.ReadAsync<Batch>(await tenant.As(Role.Analyst).PostAsJsonAsync($"{url}/responses?dryRun=true", new { responses = rows }));
        var first = await CrmStackFixture.ReadAsync<Batch>(await tenant.As(Role.Analyst).PostAsJsonAsync($"{url}/responses", new { responses = rows }));
        var again = await CrmStackFixture.ReadAsync<Batch>(await tenant.As(Role.Analyst).PostAsJsonAsync($"{url}/responses", new { responses = rows }));
        var results = await CrmStackFixture.ReadAsync<SurveyResultsView>(await tenant.As(Role.AccountManager).GetAsync($"{url}/results"));
        var low = await CrmStackFixture.ReadAsync<SurveyResponsePage>(await tenant.As(Role.Analyst).GetAsync($"{url}/responses?csat=2&pageSize=100"));
        var lowUnmasked = await CrmStackFixture.ReadAsync<SurveyResponsePage>(await tenant.Admin.GetAsync($"{url}/responses?csat=2&pageSize=100"));

        Assert.Equal(new Batch(40, 0, true), dry);
        Assert.Equal(new Batch(40, 0, false), first);
        Assert.Equal(new Batch(0, 40, false), again);
        var row = Assert.Single(results.Rows);
        Assert.Equal(40, row.Responses);
        Assert.Equal(0.75, row.Csat.Value);
        Assert.True(row.Csat.Low < 0.75 && row.Csat.High > 0.75);
        Assert.Equal(100, row.Nps.Value);
        Assert.Equal(10, row.Reasons["slow-response"]);
        Assert.Equal(10, low.Items.Length);
        Assert.All(low.Items, r => Assert.Equal(customerId, r.CustomerId));
        var masked = Assert.Single(low.Items, r => r.Answers.Comment is not null).Answers.Comment!;
        Assert.DoesNotContain("13800138000", masked);
        Assert.DoesNotContain("li.wei@example.com", masked);
        Assert.Contains("13800138000", Assert.Single(lowUnmasked.Items, r => r.Answers.Comment is not null).Answers.Comment);
    }

    [Fact]
    public async Task Responses_BadRows_400NamesEveryRowAndFieldAndNothingIsStored()
    {
        var (tenant, customerId) = await TenantWithSurveyAsync();
        var url = $"api/tenants/{tenant.Id}/surveys/csat";
        var rows = new object[]
        {
            new { customerId, answeredAt = DateTimeOffset.UtcNow, csat = 5 },
            new { customerId, answeredAt = DateTimeOffset.UtcNow, csat = 9 },
            new { email = "nobody@example.com", answeredAt = DateTimeOffset.UtcNow, csat = 4 },
            new { customerId, csat = 4 },
        };

        var response = await tenant.As(Role.Analyst).PostAsJsonAsync($"{url}/responses", new { responses = rows });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var results = await CrmStackFixture.ReadAsync<SurveyResultsView>(await tenant.As(Role.Analyst).GetAsync($"{url}/results"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["responses[1].answers.csat", "responses[2].email", "responses[3].answeredAt"], fields.Order());
        Assert.Equal(0, Assert.Single(results.Rows).Responses);

        var second = await tenant.As(Role.Analyst).PostAsJsonAsync($"{url}/responses", new { responses = new[] { rows[0], rows[1] } });
        var errors = (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["responses[1].answers.csat"], errors);
        Assert.Equal(0, Assert.Single((await CrmStackFixture.ReadAsync<SurveyResultsView>(await tenant.As(Role.Analyst).GetAsync($"{url}/results"))).Rows).Responses);
    }

    private sealed record Match(string? CustomerId, string? Field, string? Error);

    private sealed record LookupAnswer(Match[] Matches);

    [Fact]
    public async Task CustomerLookups_AnswerIdsInOrder_UnresolvedWithFieldAndMessage_BoundedAndNotForAgents()
    {
        var (tenant, customerId) = await TenantWithSurveyAsync();
        var url = $"api/tenants/{tenant.Id}/surveys/csat/customer-lookups";
        var names = new object[]
        {
            new { email = "LI.WEI@example.com" },
            new { phone = "+86 138 0013 8000" },
            new { email = "nobody@example.com" },
            new { platformId = "PLT-NONE" },
            new { email = "li.wei@example.com", phone = "+8613800138000" },
        };

        var found = await CrmStackFixture.ReadAsync<LookupAnswer>(await tenant.As(Role.Analyst).PostAsJsonAsync(url, new { names }));
        var tooMany = await tenant.As(Role.Analyst).PostAsJsonAsync(url, new { names = Enumerable.Repeat(new { email = "li.wei@example.com" }, 201) });
        var agent = await tenant.Agent.PostAsJsonAsync(url, new { names });
        var unknownSurvey = await tenant.As(Role.Analyst).PostAsJsonAsync($"api/tenants/{tenant.Id}/surveys/none/customer-lookups", new { names });

        Assert.Equal(
            [new Match(customerId, null, null), new Match(customerId, null, null), new Match(null, "email", "No customer has this email."),
             new Match(null, "platformId", "No customer has this platform id."), new Match(null, "customerId", "Name the customer by exactly one of platformId, email or phone.")],
            found.Matches);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, agent.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownSurvey.StatusCode);
    }

    [Fact]
    public async Task Edit_AfterResponses_MakesVersion2_AndTheResultsQueryIsChecked()
    {
        var (tenant, customerId) = await TenantWithSurveyAsync();
        var url = $"api/tenants/{tenant.Id}/surveys/csat";
        await CrmStackFixture.ReadAsync<Batch>(await tenant.As(Role.Analyst).PostAsJsonAsync($"{url}/responses",
            new { responses = new[] { new { customerId, answeredAt = DateTimeOffset.UtcNow, csat = 4 } } }));

        var edited = await CrmStackFixture.ReadAsync<SurveyView>(await tenant.As(Role.Analyst).PutAsJsonAsync(url, new { name = "Renamed" }));
        var content = SurveyContent.Default() with { AskNps = false };
        var v2 = await CrmStackFixture.ReadAsync<SurveyView>(await tenant.As(Role.Analyst).PutAsJsonAsync(url, new { content }, CrmStackFixture.Json));
        var versions = await CrmStackFixture.ReadAsync<SurveyVersionView[]>(await tenant.As(Role.TeamLead).GetAsync($"{url}/versions"));
        var badQuery = await tenant.As(Role.Analyst).GetAsync($"{url}/results?by=planet&from=2026-12-10&to=2026-12-01");

        Assert.Equal(("Renamed", 1), (edited.Name, edited.Current.Version));
        Assert.Equal(2, v2.Current.Version);
        Assert.Equal([true, false], versions.Select(v => v.Answered));
        Assert.Equal(HttpStatusCode.BadRequest, badQuery.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tenant.As(Role.Analyst).GetAsync($"api/tenants/{tenant.Id}/surveys/nope/results")).StatusCode);
    }

    [Fact]
    public async Task Invitation_LinkInTheAnswerAndTheCsv_CampaignInvitesTheTag()
    {
        var (tenant, customerId) = await TenantWithSurveyAsync();
        var url = $"api/tenants/{tenant.Id}/surveys/csat";

        var created = await tenant.As(Role.Analyst).PostAsJsonAsync($"{url}/invitations", new { customerId, validityDays = 3 });
        var link = await CrmStackFixture.ReadAsync<InvitationLink>(created);
        // Also a VIP, but without survey consent: the campaign skips and counts them.
        (await tenant.Agent.PostAsJsonAsync($"api/tenants/{tenant.Id}/customers", new { displayName = "Wang Fang", tags = new[] { "vip" } })).EnsureSuccessStatusCode();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var campaign = await CrmStackFixture.ReadAsync<CampaignView>(await tenant.As(Role.Analyst).PostAsJsonAsync($"{url}/campaigns",
            new { campaignId = "vip-dec", name = "VIP December", from = today, to = today.AddDays(7), tag = "vip" }));
        var csv = await tenant.As(Role.Analyst).GetStringAsync($"{url}/invitations.csv");
        var campaigns = await CrmStackFixture.ReadAsync<CampaignView[]>(await tenant.As(Role.AccountManager).GetAsync($"api/tenants/{tenant.Id}/surveys/campaigns"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.EndsWith("/s/" + link.Invitation.Token, link.Link);
        Assert.Equal(1, campaign.Invited);
        Assert.Equal(1, campaign.SkippedNoConsent);
        Assert.Contains(link.Link, csv);
        Assert.Equal(3, csv.Trim().Split('\n').Length);
        Assert.StartsWith("invitationId,customerId,link", csv);
        Assert.Equal("vip-dec", Assert.Single(campaigns).CampaignId);
        Assert.Equal(HttpStatusCode.Forbidden, (await tenant.As(Role.AccountManager).GetAsync($"{url}/invitations.csv")).StatusCode);
    }

    [Fact]
    public async Task TransactionalRule_RoundTripsAndRefusesAnUnknownSurvey()
    {
        var (tenant, _) = await TenantWithSurveyAsync();
        var url = $"api/tenants/{tenant.Id}/surveys/transactional-rule";

        var set = await CrmStackFixture.ReadAsync<TransactionalRuleView>(await tenant.Admin.PutAsJsonAsync(url,
            new { enabled = true, surveyId = "csat", kinds = new[] { "Complaint", "AfterSales" }, delay = "01:00:00", cooldownDays = 30, validityDays = 14 }));
        var bad = await tenant.Admin.PutAsJsonAsync(url, new { enabled = true, surveyId = "missing", kinds = new[] { "Complaint" }, delay = "00:00:00", cooldownDays = 30, validityDays = 14 });

        Assert.True(set.Enabled);
        Assert.Equal(TimeSpan.FromHours(1), set.Delay);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await CrmStackFixture.ReadAsync<TransactionalRuleView>(await tenant.As(Role.Analyst).GetAsync(url))).Enabled);
    }

    [Fact]
    public async Task Responses_CommentScoredWhenRecorded_ScoreWithItsModelVersionInTheDrillDown_NoCommentNoScore()
    {
        var (tenant, customerId) = await TenantWithSurveyAsync();
        var url = $"api/tenants/{tenant.Id}/surveys/csat";
        var rows = new object[]
        {
            new { customerId, answeredAt = DateTimeOffset.UtcNow.AddMinutes(-2), csat = 1, comment = "太失望了，快递慢，客服也不回复，非常差" },
            new { customerId, answeredAt = DateTimeOffset.UtcNow.AddMinutes(-1), csat = 5 },
        };

        (await tenant.As(Role.Analyst).PostAsJsonAsync($"{url}/responses", new { responses = rows })).EnsureSuccessStatusCode();
        // Through the checking handler: the score must be declared in the OpenAPI document's response schema.
        var body = await (await tenant.Admin.GetAsync($"{url}/responses?pageSize=10")).Content.ReadFromJsonAsync<JsonElement>();

        var items = body.GetProperty("items").EnumerateArray().ToList();
        var scored = Assert.Single(items, r => r.GetProperty("answers").GetProperty("csat").GetInt32() == 1).GetProperty("commentScore");
        Assert.InRange(scored.GetProperty("score").GetInt32(), 51, 100);
        Assert.Equal("Dissatisfied", scored.GetProperty("tone").GetString());
        Assert.False(string.IsNullOrEmpty(scored.GetProperty("modelVersion").GetString()));
        Assert.False(scored.GetProperty("fromModel").GetBoolean());
        var unscored = Assert.Single(items, r => r.GetProperty("answers").GetProperty("csat").GetInt32() == 5);
        Assert.True(!unscored.TryGetProperty("commentScore", out var none) || none.ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public async Task SurveyProblems_InChinese_EveryMessageTranslated()
    {
        var (tenant, customerId) = await TenantWithSurveyAsync();
        var url = $"api/tenants/{tenant.Id}/surveys";
        var rows = new object[]
        {
            new { customerId, answeredAt = DateTimeOffset.UtcNow, csat = 9, nps = 11, reason = "weather", dimensions = new Dictionary<string, int> { ["colour"] = 3 } },
            new { email = "nobody@example.com", answeredAt = DateTimeOffset.UtcNow, csat = 4 },
            new { customerId, csat = 4 },
            new { customerId, email = "li.wei@example.com", answeredAt = DateTimeOffset.UtcNow, csat = 4 },
            new { customerId, answeredAt = new DateTimeOffset(1999, 1, 1, 0, 0, 0, TimeSpan.Zero), csat = 4, version = 7 },
        };
        var requests = new (HttpMethod Method, string Path, object? Body)[]
        {
            (HttpMethod.Post, $"{url}/csat/responses", new { responses = rows }),
            (HttpMethod.Get, $"{url}/csat/results?from=2026-11-30&to=2026-11-01&by=year&source=mail", null),
            (HttpMethod.Post, $"{url}/csat/campaigns", new { name = "", from = "2026-11-30", to = "2026-01-01" }),
            (HttpMethod.Post, url, new { surveyId = "not valid!", name = "x" }),
            (HttpMethod.Post, url, new { surveyId = "csat", name = "again" }),
        };

        var untranslated = new List<string>();
        foreach (var (method, path, body) in requests)
        {
            var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
            request.Headers.AcceptLanguage.ParseAdd("zh-CN");
            var response = await tenant.Admin.SendAsync(request);
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"{path}: {response.StatusCode}");
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            var messages = new List<string> { problem.GetProperty("title").GetString()! };
            if (problem.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String)
            {
                messages.Add(detail.GetString()!);
            }

            if (problem.TryGetProperty("errors", out var errors))
            {
                messages.AddRange(errors.EnumerateObject().SelectMany(e => e.Value.EnumerateArray().Select(m => $"{e.Name}: {m.GetString()}")));
            }

            Assert.True(messages.Count > 1, $"{path}: no message beyond the title");
            untranslated.AddRange(messages.Where(m => !m.Any(c => c is >= '\u4e00' and <= '\u9fff')).Select(m => $"{path} {m}"));
        }

        Assert.True(untranslated.Count == 0, "Still English:\n" + string.Join("\n", untranslated));
    }

    private async Task<(TestTenant Tenant, string CustomerId)> TenantWithSurveyAsync()
    {
        var tenant = await stack.NewTenantAsync();
        var customer = await CrmStackFixture.ReadAsync<CustomerView>(await tenant.Agent.PostAsJsonAsync($"api/tenants/{tenant.Id}/customers", new
        {
            displayName = "Li Wei",
            channels = new object[] { new { kind = "Email", value = "Li.Wei@example.com" }, new { kind = "Phone", value = "+8613800138000" } },
            tags = new[] { "vip" },
            consent = new { surveys = true },
        }));
        (await tenant.As(Role.Analyst).PostAsJsonAsync($"api/tenants/{tenant.Id}/surveys", new { surveyId = "csat", name = "After-sales CSAT" })).EnsureSuccessStatusCode();
        return (tenant, customer.CustomerId);
    }
}
