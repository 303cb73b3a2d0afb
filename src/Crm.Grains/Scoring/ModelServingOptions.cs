namespace Crm.Grains.Scoring;

/// <summary>How soon a silo serves a newly activated model: it checks each tenant's activation this often.</summary>
public sealed class ModelServingOptions
{
    public const string SectionName = "Crm:Scoring:Serving";

    /// <summary>
    /// Between checks of a tenant's activation record (one small blob read per tenant the silo has scored).
    /// With loading, a new activation is served everywhere within this plus a few seconds (docs/models.md).
    /// </summary>
    public TimeSpan RefreshEvery { get; set; } = TimeSpan.FromSeconds(10);
}
