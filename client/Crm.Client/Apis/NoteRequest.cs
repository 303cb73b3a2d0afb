namespace Crm.Client.Apis;

/// <summary>An agent's note on a customer's service archive.</summary>
public sealed record NoteRequest(string? Summary, string? Detail);
