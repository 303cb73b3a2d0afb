using Crm.Domain.Search;

namespace Crm.Grains.Search;

/// <summary>What a case is found by: the words of its subject and its order reference; an erased subject by nothing.</summary>
public static class CaseSearchGrams
{
    public static IReadOnlyList<string> Of(string? subject, string? orderReference) =>
        [.. (subject == Cases.CaseGrain.ErasedText ? [] : SearchGrams.ForIndex(subject)).Concat(SearchGrams.ForOrderReference(orderReference))];
}
