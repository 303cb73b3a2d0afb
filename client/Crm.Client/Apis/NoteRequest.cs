namespace Crm.Client.Apis;

/// <summary>An agent's note on a customer's service archive.</summary>
public sealed record NoteRequest(
    [property: System.ComponentModel.DataAnnotations.MaxLength(Crm.Domain.Customers.ProfileRules.MaxNoteSummaryLength)] string? Summary,
    [property: System.ComponentModel.DataAnnotations.MaxLength(Crm.Domain.Customers.ProfileRules.MaxNoteDetailLength)] string? Detail);
