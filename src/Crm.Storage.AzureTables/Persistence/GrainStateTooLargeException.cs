using Orleans.Runtime;

namespace Crm.Storage.AzureTables.Persistence;

/// <summary>A grain's state does not fit one table entity; nothing was written.</summary>
[GenerateSerializer, Alias("crm.storage.state-too-large")]
public sealed class GrainStateTooLargeException(string message) : OrleansException(message);
