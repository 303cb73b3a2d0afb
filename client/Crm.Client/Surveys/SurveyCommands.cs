using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Crm.Client.Apis;
using Crm.Client.Security;
using Crm.Contracts.Audit;
using Crm.Contracts.Common;
using Crm.Contracts.Customers;
using Crm.Contracts.Surveys;
using Crm.Domain.Privacy;

namespace Crm.Client.Surveys;

/// <summary>
/// The survey actions the API and the web pages share: the same checks, the same customer lookup and the same audit.
/// Permissions are checked by the endpoint or page in front of it.
/// </summary>
public sealed partial class SurveyCommands(IClusterClient cluster, AuditTrail audit, TimeProvider time, ILogger<SurveyCommands> logger) : IDisposable
{
    public const int MaxBatch = 1000;

    /// <summary>Rows per write the web upload sends: one queued batch of the results grain (the CLI sends as many).</summary>
    public const int WriteBatch = 100;

    /// <summary>
    /// Names per lookup request: each unknown one costs an index read and a customer-grain call, so a request of this
    /// many fits the response timeout on a loaded cluster (its calls run side by side, a part per lookup-grain call).
    /// </summary>
    public const int MaxLookups = 200;

    /// <summary>Distinct customer lookups (email, phone, platform id) per call to the lookup grain.</summary>
    public const int LookupsPerCall = 50;

    /// <summary>How long a value resolved to one customer is taken as that customer's without asking again.</summary>
    public static readonly TimeSpan ResolvedFor = TimeSpan.FromMinutes(1);

    private readonly MemoryCache _resolved = new(new MemoryCacheOptions { SizeLimit = 200_000 });

    [LoggerMessage(Level = LogLevel.Debug, Message = "Survey responses {TenantId}/{SurveyId}: {Rows} rows (dry run {DryRun}): customer lookups {LookupMs:F0} ms, results grain {RecordMs:F0} ms.")]
    private static partial void LogBatch(ILogger logger, string tenantId, string surveyId, int rows, bool dryRun, double lookupMs, double recordMs);


    /// <summary>The grain numbers the rows of its part; the caller wants the request's row numbers.</summary>
    private static string Renumber(string field, Func<int, int> row)
    {
        var match = System.Text.RegularExpressions.Regex.Match(field, @"^responses\[(\d+)\](.*)$");
        return match.Success ? $"responses[{row(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture))}]{match.Groups[2].Value}" : field;
    }

    public void Dispose() => _resolved.Dispose();

    public ISurveyGrain Survey(string tenantId, string surveyId) => cluster.GetGrain<ISurveyGrain>(SurveyKey.Format(tenantId, surveyId));

    public ISurveyResultsGrain Results(string tenantId, string surveyId) => cluster.GetGrain<ISurveyResultsGrain>(SurveyKey.Format(tenantId, surveyId));

    public ISurveyCatalogGrain Catalog(string tenantId) => cluster.GetGrain<ISurveyCatalogGrain>(tenantId);

    public async Task<SurveyView> CreateAsync(ClaimsPrincipal user, string tenantId, NewSurveyRequest body)
    {
        if (!Identifiers.IsEntityId(body.SurveyId))
        {
            throw new ValidationFailedException([new("surveyId", "1-64 letters, digits, '-' or '_'.")]);
        }

        var view = await Survey(tenantId, body.SurveyId!).CreateAsync(new SurveyDraft(body.Name ?? "", body.Content ?? SurveyContent.Default()), user.Username());
        await audit.RecordAsync(user, tenantId, AuditAction.Create, AuditTargetType.Survey, body.SurveyId!);
        return view;
    }

    public async Task<SurveyView> EditAsync(ClaimsPrincipal user, string tenantId, string surveyId, EditSurveyRequest body)
    {
        var current = await Survey(tenantId, surveyId).GetAsync() ?? throw new NotFoundException($"No survey '{surveyId}' in this tenant.");
        var view = await Survey(tenantId, surveyId).EditAsync(body.Name, body.Content ?? current.Current.Content, user.Username());
        await audit.RecordAsync(user, tenantId, AuditAction.Update, AuditTargetType.Survey, surveyId, $"version {view.Current.Version}");
        return view;
    }

    public async Task<TransactionalRuleView> SetRuleAsync(ClaimsPrincipal user, string tenantId, TransactionalRuleView rule)
    {
        var stored = await Catalog(tenantId).SetTransactionalRuleAsync(rule, user.Username());
        await audit.RecordAsync(user, tenantId, AuditAction.Update, AuditTargetType.Survey, "transactional-rule");
        return stored;
    }

    public async Task<CampaignView> LaunchCampaignAsync(ClaimsPrincipal user, string tenantId, string surveyId, CampaignRequest body)
    {
        var errors = new List<FieldError>();
        if (body.From is null)
        {
            errors.Add(new("from", "Required (yyyy-MM-dd)."));
        }

        if (body.To is null)
        {
            errors.Add(new("to", "Required (yyyy-MM-dd)."));
        }

        var campaignId = body.CampaignId ?? Identifiers.NewId(time.GetUtcNow());
        if (!Identifiers.IsEntityId(campaignId))
        {
            errors.Add(new("campaignId", "1-64 letters, digits, '-' or '_'."));
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException([.. errors]);
        }

        var draft = new CampaignDraft(surveyId, body.Name ?? "", body.From!.Value, body.To!.Value, body.Segment, body.Tier, body.Tag);
        var campaign = await cluster.GetGrain<ICampaignGrain>(SurveyKey.Format(tenantId, campaignId)).LaunchAsync(draft, user.Username());
        await audit.RecordAsync(user, tenantId, AuditAction.Create, AuditTargetType.Survey, surveyId, $"campaign {campaignId}: {campaign.Invited} invited");
        return campaign;
    }

    public async Task<InvitationView> InviteAsync(ClaimsPrincipal user, string tenantId, string surveyId, InvitationRequest body)
    {
        var errors = new List<FieldError>();
        if (!Identifiers.IsEntityId(body.CustomerId))
        {
            errors.Add(new("customerId", "1-64 letters, digits, '-' or '_'."));
        }

        if (body.ValidityDays is { } days && !Domain.Surveys.InvitationRules.IsValidityDays(days))
        {
            errors.Add(new("validityDays", $"Between 1 and {Domain.Surveys.InvitationRules.MaxValidityDays}."));
        }

        if (body.InvitationId is not null && !Identifiers.IsEntityId(body.InvitationId))
        {
            errors.Add(new("invitationId", "1-64 letters, digits, '-' or '_'."));
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException([.. errors]);
        }

        if (await Survey(tenantId, surveyId).GetAsync() is null)
        {
            throw new NotFoundException($"No survey '{surveyId}' in this tenant.");
        }

        if (await cluster.GetGrain<ICustomerGrain>(CustomerKey.Format(tenantId, body.CustomerId!)).GetAsync() is null)
        {
            throw new ValidationFailedException([new("customerId", $"No customer '{body.CustomerId}' in this tenant.")]);
        }

        var now = time.GetUtcNow();
        var invitationId = body.InvitationId ?? Identifiers.NewId(now);
        var view = await cluster.GetGrain<ICustomerSurveysGrain>(SurveyKey.Format(tenantId, body.CustomerId!)).InviteAsync(
            surveyId, invitationId, Domain.Surveys.SurveySource.Campaign, Domain.Surveys.InvitationRules.ExpiresAt(now, body.ValidityDays), null, null, user.Username());
        await audit.RecordAsync(user, tenantId, AuditAction.Create, AuditTargetType.Survey, surveyId, $"invitation {invitationId}");
        return view;
    }

    /// <summary>
    /// Names each row's customer (by id, or by email or phone through the keyed-hash lookup), then records the batch in
    /// one call: every bad row is reported as responses[i].field and nothing is written unless all are good.
    /// </summary>
    public async Task<ResponsesResult> RecordAsync(ClaimsPrincipal user, string tenantId, string surveyId, IReadOnlyList<ResponseRow?> rows, bool dryRun)
    {
        if (rows.Count > MaxBatch)
        {
            throw new ValidationFailedException([new("responses", $"At most {MaxBatch} per request; send the rest in further requests.")]);
        }

        var errors = new List<FieldError>();
        var lookupClock = System.Diagnostics.Stopwatch.StartNew();
        var customers = await ResolveAsync(tenantId, rows, errors);
        var lookupTime = lookupClock.Elapsed;
        var inputs = new List<(int Row, ResponseInput Input)>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var at = $"responses[{i}].";
            if (row is null)
            {
                errors.Add(new($"responses[{i}]", "Required."));
                continue;
            }

            if (row.AnsweredAt is null)
            {
                errors.Add(new(at + "answeredAt", "Required: when the customer answered (ISO 8601 with offset)."));
            }

            if (row.Csat is null)
            {
                errors.Add(new(at + "csat", "Required: 1 to 5."));
            }

            if (row.ResponseId is not null && !Identifiers.IsEntityId(row.ResponseId))
            {
                errors.Add(new(at + "responseId", "1-64 letters, digits, '-' or '_'."));
            }

            if (customers[i] is not { } customerId || row.AnsweredAt is null || row.Csat is null)
            {
                continue;
            }

            var answers = new AnswersInput(row.Csat.Value, row.Dimensions, row.Nps, row.Reason, row.Comment);
            inputs.Add((i, new ResponseInput(row.ResponseId ?? DerivedId(surveyId, customerId, row), customerId, row.AnsweredAt.Value, answers, row.Version)));
        }

        // One results-grain call with all the rows: the grain checks every row before it writes any, so a bad row
        // anywhere writes nothing, and the survey's versions and customers are read once per request, not per part.
        // (Before, a request was checked in five dry-run parts and then written in five more: ten calls, each
        // re-reading the survey, and each a chance to queue past the response timeout under load.)
        var outcome = new RecordOutcome(0, 0);
        var recordClock = System.Diagnostics.Stopwatch.StartNew();
        if (inputs.Count > 0)
        {
            try
            {
                outcome = await Results(tenantId, surveyId).RecordAsync([.. inputs.Select(x => x.Input)], dryRun: dryRun || errors.Count > 0, user.Username());
            }
            catch (ValidationFailedException ex)
            {
                errors.AddRange(ex.Errors.Select(e => e with { Field = Renumber(e.Field, j => inputs[j].Row) }));
            }
        }

        LogBatch(logger, tenantId, surveyId, rows.Count, dryRun, lookupTime.TotalMilliseconds, recordClock.Elapsed.TotalMilliseconds);
        if (errors.Count > 0)
        {
            throw new ValidationFailedException([.. errors.OrderBy(e => e.Field, StringComparer.Ordinal)]);
        }

        if (!dryRun && outcome.Added > 0)
        {
            await audit.RecordAsync(user, tenantId, AuditAction.Create, AuditTargetType.Survey, surveyId, $"{outcome.Added} responses");
        }

        return new ResponsesResult(outcome.Added, outcome.AlreadyRecorded, dryRun);
    }

    /// <summary>
    /// Resolves an import's customer names (platform id, email or phone) to ids, so that the CLI can look every
    /// customer of a file up once, before its first batch, and send ids: batches then wait on no lookup at all. A
    /// name that does not resolve to exactly one customer is answered with its field and message, not refused: the
    /// rows naming it are reported by the import's check, with their lines.
    /// </summary>
    public async Task<CustomerLookupsResult> LookupCustomersAsync(ClaimsPrincipal user, string tenantId, string surveyId, IReadOnlyList<CustomerName?> names)
    {
        if (names.Count > MaxLookups)
        {
            throw new ValidationFailedException([new("names", $"At most {MaxLookups} per request; send the rest in further requests.")]);
        }

        await RequireSurveyAsync(tenantId, surveyId);
        var errors = new List<FieldError>();
        var rows = names.Select(n => n is null ? null : new ResponseRow(null, null, n.Email, n.Phone, null, null, null, null, null, null, null, n.PlatformId)).ToList();
        var ids = await ResolveAsync(tenantId, rows, errors, ResponseRow.CustomerNameFields);
        var byRow = errors.Select(e => (Match: RowField().Match(e.Field), e.Message)).Where(e => e.Match.Success)
            .GroupBy(e => int.Parse(e.Match.Groups[1].Value, CultureInfo.InvariantCulture))
            .ToDictionary(g => g.Key, g => (Field: g.First().Match.Groups[2].Value, g.First().Message));
        var matches = names.Select((n, i) => n is null ? new CustomerMatch(null, "", "Required.")
            : byRow.TryGetValue(i, out var error) ? new CustomerMatch(null, error.Field, error.Message)
            : new CustomerMatch(ids[i])).ToImmutableArray();
        await audit.RecordAsync(user, tenantId, AuditAction.Read, AuditTargetType.Survey, surveyId, $"{names.Count} customer lookups for an import");
        return new CustomerLookupsResult(matches);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^responses\[(\d+)\]\.?(.*)$")]
    private static partial System.Text.RegularExpressions.Regex RowField();

    public async Task<SurveyResultsView> ResultsAsync(ClaimsPrincipal user, string tenantId, string surveyId, SurveyResultsQuery query)
    {
        await RequireSurveyAsync(tenantId, surveyId);
        var results = await Results(tenantId, surveyId).GetResultsAsync(query);
        await audit.RecordAsync(user, tenantId, AuditAction.Read, AuditTargetType.Survey, surveyId, "results");
        return results;
    }

    /// <summary>The responses behind a figure; comments masked for whoever may not see personal data (analysts).</summary>
    public async Task<SurveyResponsePage> ResponsesAsync(ClaimsPrincipal user, string tenantId, string surveyId, ResponseFilter filter, int pageSize, string? token)
    {
        await RequireSurveyAsync(tenantId, surveyId);
        var page = await Results(tenantId, surveyId).ListResponsesAsync(filter, pageSize, token);
        await audit.RecordAsync(user, tenantId, AuditAction.Read, AuditTargetType.Survey, surveyId, $"{page.Items.Length} responses");
        return CustomerMasking.NeedsMask(user, tenantId)
            ? page with { Items = [.. page.Items.Select(r => r with { Answers = r.Answers with { Comment = r.Answers.Comment is { } c ? PersonalDataMask.FreeText(c) : null } })] }
            : page;
    }

    public async Task RequireSurveyAsync(string tenantId, string surveyId)
    {
        if (!Identifiers.IsEntityId(surveyId) || await Survey(tenantId, surveyId).GetAsync() is null)
        {
            throw new NotFoundException($"No survey '{surveyId}' in tenant '{tenantId}'.");
        }
    }

    /// <summary>A stable id for a row without one: the same customer, time and answers always give the same id.</summary>
    public static string DerivedId(string surveyId, string customerId, ResponseRow row)
    {
        var text = new StringBuilder()
            .Append(surveyId).Append('|').Append(customerId).Append('|')
            .Append(row.AnsweredAt!.Value.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)).Append('|')
            .Append(row.Version).Append('|').Append(row.Csat).Append('|').Append(row.Nps).Append('|').Append(row.Reason).Append('|')
            .Append(string.Join(',', (row.Dimensions ?? ImmutableDictionary<string, int>.Empty).OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key}={d.Value}"))).Append('|')
            .Append(row.Comment);
        return SurveyKey.Derive('p', text.ToString());
    }

    private async Task<string?[]> ResolveAsync(string tenantId, IReadOnlyList<ResponseRow?> rows, List<FieldError> errors, string namedBy = ResponseRow.CustomerFields)
    {
        var result = new string?[rows.Count];
        var lookups = new HashSet<(string Field, string Value)>();
        var lookup = cluster.GetGrain<ICustomerLookupGrain>(tenantId);
        var named = new (string Field, string Value)?[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i] is not { } row)
            {
                continue;
            }

            if (row.CountCustomerNames() != 1)
            {
                errors.Add(new($"responses[{i}].customerId", $"Name the customer by exactly one of {namedBy}."));
            }
            else if (!string.IsNullOrWhiteSpace(row.CustomerId))
            {
                result[i] = row.CustomerId.Trim();
            }
            else
            {
                var key = !string.IsNullOrWhiteSpace(row.PlatformId) ? ("platformId", row.PlatformId.Trim())
                    : !string.IsNullOrWhiteSpace(row.Email) ? ("email", row.Email.Trim())
                    : ("phone", row.Phone!.Trim());
                named[i] = key;
                lookups.Add(key);
            }
        }

        // An import names the same customers in request after request: a value resolved to one customer a moment ago
        // is taken from the cache, so a 100,000-row file over a few hundred customers looks each up about once a
        // minute instead of twice per request (before: 76,000 index reads and customer-grain calls, queueing past the
        // response timeout under load). Only a unique match is kept, and only briefly: an email moving to another
        // customer is seen within a minute. The rest go to the lookup grain in as few calls as its size allows.
        var results = new Dictionary<(string Field, string Value), LookupResult>();
        var missing = new List<(string Field, string Value)>();
        foreach (var key in lookups)
        {
            if (_resolved.TryGetValue((tenantId, key.Field, key.Value), out CustomerSummary? cached) && cached is not null)
            {
                results[key] = new LookupResult([cached]);
            }
            else
            {
                missing.Add(key);
            }
        }

        // The parts go to the stateless lookup grain side by side (it has an activation per core), not one after another.
        var parts = missing.Chunk(LookupsPerCall).ToList();
        var answers = await Task.WhenAll(parts.Select(part => lookup.FindManyAsync([.. part.Select(k => new LookupQuery(
            k.Field switch { "email" => ContactChannelKind.Email, "phone" => ContactChannelKind.Phone, _ => (ContactChannelKind?)null }, k.Value))])));
        foreach (var (part, found) in parts.Zip(answers))
        {
            foreach (var (key, answer) in part.Zip(found))
            {
                results[key] = answer;
                if (answer is { Error: null, Customers.Length: 1 })
                {
                    _resolved.Set((tenantId, key.Field, key.Value), answer.Customers[0], new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = ResolvedFor });
                }
            }
        }

        for (var i = 0; i < rows.Count; i++)
        {
            if (named[i] is not { } key)
            {
                continue;
            }

            var field = key.Field;
            var what = field == "platformId" ? "platform id" : field;
            var (customers, error) = results[key];
            if (error is not null)
            {
                // A value the lookup cannot take (not an email, not a phone number) is this row's problem, not the request's.
                errors.Add(new($"responses[{i}].{field}", error));
                continue;
            }

            if (customers.Length == 1)
            {
                result[i] = customers[0].CustomerId;
            }
            else
            {
                errors.Add(new($"responses[{i}].{field}", customers.Length == 0 ? $"No customer has this {what}." : $"{customers.Length} customers have this {what}; name the customer by id."));
            }
        }

        return result;
    }
}
