using System.ComponentModel.DataAnnotations;
using Crm.Contracts.Common;
using Crm.Domain.Cases;

namespace Crm.Contracts.ServiceDesk;

/// <summary>How new cases find an agent. Stored: never renumber.</summary>
public enum AssignmentMode
{
    /// <summary>A team lead or the agents themselves assign.</summary>
    Manual = 0,

    /// <summary>The available agent with the fewest open cases; ties go to whoever waited longest for one.</summary>
    LeastLoaded = 1,

    /// <summary>Available agents in turn, regardless of load.</summary>
    RoundRobin = 2,
}

/// <summary>A tenant's service-desk settings apart from the SLA policy, which is versioned on its own.</summary>
/// <param name="Categories">Category ids (lowercase slugs) cases may carry; "other" is always among them.</param>
/// <param name="ReopenWindowDays">How long after resolution a customer's message reopens the case.</param>
/// <param name="AcknowledgeOnFirstReply">Whether a plain reply to a new case acknowledges it (on by default).</param>
[GenerateSerializer, Immutable, Alias("crm.service-desk.settings")]
public sealed record ServiceDeskSettings(
    [property: Id(0)] ImmutableArray<string> Categories,
    [property: Id(1)] int ReopenWindowDays,
    [property: Id(2)] AssignmentMode Assignment,
    [property: Id(3)] long Version,
    [property: Id(4)] bool AcknowledgeOnFirstReply = true);

/// <param name="AcknowledgeOnFirstReply">Null (left out) keeps the current value, so a client that does not know it changes nothing.</param>
[GenerateSerializer, Immutable, Alias("crm.service-desk.settings-input")]
public sealed record ServiceDeskSettingsInput(
    [property: Id(0), MaxLength(CaseCategories.MaxCount), ItemMaxLength(CaseCategories.MaxLength)] ImmutableArray<string> Categories,
    [property: Id(1)] int ReopenWindowDays,
    [property: Id(2)] AssignmentMode Assignment,
    [property: Id(3)] bool? AcknowledgeOnFirstReply = null);

/// <summary>A canned reply agents insert and adapt.</summary>
[GenerateSerializer, Immutable, Alias("crm.service-desk.macro")]
public sealed record CaseMacro(
    [property: Id(0)] string MacroId,
    [property: Id(1)] string Title,
    [property: Id(2)] string Body,
    [property: Id(3)] DateTimeOffset UpdatedAt,
    [property: Id(4)] string UpdatedBy);

[GenerateSerializer, Immutable, Alias("crm.service-desk.macro-input")]
public sealed record MacroInput([property: Id(0), MaxLength(CaseText.MaxMacroTitle)] string Title, [property: Id(1), MaxLength(CaseText.MaxMacroBody)] string Body);
