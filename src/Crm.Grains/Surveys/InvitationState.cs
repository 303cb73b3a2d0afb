using Crm.Contracts.Surveys;

namespace Crm.Grains.Surveys;

/// <summary>One invitation: what it is for and whether it was answered. It never holds the token, only lives under its hash.</summary>
[GenerateSerializer, Immutable, Alias("crm.surveys.invitation-state")]
public sealed record InvitationState
{
    [Id(0)] public string? TenantId { get; init; }
    [Id(1)] public InvitationRecord? Record { get; init; }
    [Id(2)] public DateTimeOffset? AnsweredAt { get; init; }

    public bool Exists => Record is not null;
}
