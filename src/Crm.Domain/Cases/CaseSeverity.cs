namespace Crm.Domain.Cases;

/// <summary>How bad a case is; Major cases get the longer resolution target. Stored: never renumber.</summary>
public enum CaseSeverity
{
    Normal = 0,
    Major = 1,
}
