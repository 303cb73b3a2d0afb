namespace Crm.Domain.Cases;

/// <summary>What one entry of a case's history records. Stored: never renumber.</summary>
public enum CaseEventType
{
    Opened = 0,
    Replied = 1,
    NoteAdded = 2,
    StatusChanged = 3,
    Assigned = 4,
    Unassigned = 5,
    Escalated = 6,
    SlaWarning = 7,
    SlaBreached = 8,

    /// <summary>The customer wrote again (a reply while waiting, or a message that reopened the case).</summary>
    CustomerMessage = 9,

    /// <summary>This case was merged into another; it is closed from then on.</summary>
    MergedInto = 10,

    /// <summary>Another case was merged into this one.</summary>
    MergedFrom = 11,

    /// <summary>The customer's personal data was erased: the case's texts are gone, its events and times stay.</summary>
    PersonalDataErased = 12,

    /// <summary>Severity or category changed; the text says from what to what.</summary>
    DetailsChanged = 13,
}
