using System.ComponentModel.DataAnnotations;
using Crm.Domain.Reports;

namespace Crm.Client.Reports;

/// <summary>The platform's own availability figure for a period, in percent (0-100), with an optional note on how it was measured.</summary>
public sealed record ServiceAvailabilityRequest(double Percent, [property: MaxLength(AvailabilityRules.NoteMaxLength)] string? Note = null);
