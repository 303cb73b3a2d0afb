using Crm.Contracts.Common;
using System.ComponentModel.DataAnnotations;
using Crm.Domain.Cases;
using Crm.Domain.Surveys;

namespace Crm.Contracts.Surveys;

/// <summary>The tenant's rule for offering a survey when a case is resolved (see <see cref="TransactionalRule"/>).</summary>
[GenerateSerializer, Immutable, Alias("crm.surveys.transactional-rule")]
public sealed record TransactionalRuleView(
    [property: Id(0)] bool Enabled,
    [property: Id(1), MaxLength(Identifiers.MaxEntityIdLength)] string? SurveyId,
    [property: Id(2)] ImmutableArray<CaseKind> Kinds,
    [property: Id(3)] TimeSpan Delay,
    [property: Id(4)] int CooldownDays,
    [property: Id(5)] int ValidityDays = InvitationRules.DefaultValidityDays)
{
    public static TransactionalRuleView Default { get; } = From(TransactionalRule.Off);

    public TransactionalRule ToDomain() => new()
    {
        Enabled = Enabled,
        SurveyId = SurveyId,
        Kinds = Kinds.IsDefault ? [] : [.. Kinds],
        Delay = Delay,
        CooldownDays = CooldownDays,
        ValidityDays = ValidityDays,
    };

    public static TransactionalRuleView From(TransactionalRule r) => new(r.Enabled, r.SurveyId, [.. r.Kinds], r.Delay, r.CooldownDays, r.ValidityDays);
}
