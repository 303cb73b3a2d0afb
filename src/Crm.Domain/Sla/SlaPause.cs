namespace Crm.Domain.Sla;

/// <summary>A stretch of waiting on the customer; <see cref="End"/> is null while the case still waits.</summary>
public sealed record SlaPause(DateTimeOffset Start, DateTimeOffset? End);
