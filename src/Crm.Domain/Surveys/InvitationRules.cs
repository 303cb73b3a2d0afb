namespace Crm.Domain.Surveys;

/// <summary>How long a link stays open, and what a customer opening it finds.</summary>
public static class InvitationRules
{
    public const int DefaultValidityDays = 14;
    public const int MaxValidityDays = 90;

    public static TimeSpan DefaultValidity => TimeSpan.FromDays(DefaultValidityDays);

    public static bool IsValidityDays(int days) => days is >= 1 and <= MaxValidityDays;

    public static DateTimeOffset ExpiresAt(DateTimeOffset issuedAt, int? validityDays = null) =>
        issuedAt.AddDays(validityDays ?? DefaultValidityDays);

    /// <summary>Open until the instant it expires, and never again once answered.</summary>
    public static InvitationStatus Status(DateTimeOffset expiresAt, DateTimeOffset? answeredAt, DateTimeOffset now) =>
        answeredAt is not null ? InvitationStatus.Answered
        : now >= expiresAt ? InvitationStatus.Expired
        : InvitationStatus.Open;
}

/// <summary>Where an invitation stands. Stored and sent: never renumber.</summary>
public enum InvitationStatus
{
    Open = 0,
    Answered = 1,
    Expired = 2,
}
