using Crm.Contracts.Access;
using Crm.Domain.Common;
using Crm.Domain.Search;

namespace Crm.Grains.Search;

/// <summary>The checks every search makes on its input, with the API's field names and words.</summary>
internal static class SearchQueries
{
    /// <summary>Ids read per gram: enough for any name a person types, bounded for a surname thousands share.</summary>
    public const int MaxPerGram = 1000;

    public static (IReadOnlyList<string> Grams, int Offset) Validate(string tenantId, string? query, int pageSize, string? continuationToken)
    {
        var problems = new List<FieldError>();
        if (!Identifiers.IsTenantId(tenantId))
        {
            problems.Add(new("tenantId", "A tenant id is 1-40 lowercase letters, digits or '-'."));
        }

        var grams = query is { Length: <= SearchGrams.MaxQueryLength } ? SearchGrams.ForQuery(query) : [];
        if (grams.Count == 0)
        {
            problems.Add(new("q", $"A search is {SearchGrams.MinQueryLength} to {SearchGrams.MaxQueryLength} characters, at least {SearchGrams.MinQueryLength} of them letters, digits or Chinese characters."));
        }

        if (!Paging.IsValidPageSize(pageSize))
        {
            problems.Add(new("pageSize", $"Between 1 and {Paging.MaxPageSize}."));
        }

        if (!SearchRanking.TryStart(continuationToken, out var offset))
        {
            problems.Add(new("continuationToken", "Not a token this search issued."));
        }

        return problems.Count > 0 ? throw new ValidationFailedException([.. problems]) : (grams, offset);
    }
}
