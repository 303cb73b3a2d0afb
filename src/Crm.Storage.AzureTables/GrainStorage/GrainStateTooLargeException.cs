using Orleans.Runtime;

namespace Crm.Storage.AzureTables.GrainStorage;

/// <summary>A grain state whose serialized form does not fit in one Azure table entity; nothing was written.</summary>
[GenerateSerializer]
public sealed class GrainStateTooLargeException : OrleansException
{
    public GrainStateTooLargeException(GrainId grainId, string stateName, long size, long limit)
        : base(Describe(grainId, stateName, size, limit, reason: null))
    {
        (GrainId, StateName, Size, Limit) = (grainId.ToString(), stateName, size, limit);
    }

    /// <summary>For a write the service refused as too large although the size estimate let it through.</summary>
    public GrainStateTooLargeException(GrainId grainId, string stateName, long size, long limit, string reason, Exception innerException)
        : base(Describe(grainId, stateName, size, limit, reason), innerException)
    {
        (GrainId, StateName, Size, Limit) = (grainId.ToString(), stateName, size, limit);
    }

    [Id(0)] public string GrainId { get; private set; }
    [Id(1)] public string StateName { get; private set; }

    /// <summary>The entity's size in bytes by Azure's formula (keys, property names and payload).</summary>
    [Id(2)] public long Size { get; private set; }

    [Id(3)] public long Limit { get; private set; }

    private static string Describe(GrainId grainId, string stateName, long size, long limit, string? reason) =>
        (reason is null
            ? $"The state '{stateName}' of grain {grainId} is {size:N0} bytes as an Azure table entity, over the {limit:N0}-byte limit"
            : $"The state '{stateName}' of grain {grainId} is {size:N0} bytes as an Azure table entity (limit {limit:N0}), but {reason}")
        + "; nothing was written. Keep grain state small: move history or large content to its own table.";
}
