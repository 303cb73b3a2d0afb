namespace Crm.Contracts.Common;

/// <summary>
/// Expected failures that cross the cluster boundary and become RFC 7807 problem details at the front end.
/// Serializable so that the front end receives the field errors, not just a message.
/// </summary>
[GenerateSerializer, Alias("crm.common.problem")]
public abstract class CrmProblemException(string message) : Exception(message);

[GenerateSerializer, Alias("crm.common.validation-failed")]
public sealed class ValidationFailedException(ImmutableArray<FieldError> errors)
    : CrmProblemException("One or more fields are invalid: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")))
{
    [Id(0)]
    public ImmutableArray<FieldError> Errors { get; } = errors;
}

[GenerateSerializer, Alias("crm.common.not-found")]
public sealed class NotFoundException(string message) : CrmProblemException(message);

[GenerateSerializer, Alias("crm.common.conflict")]
public sealed class ConflictException(string message) : CrmProblemException(message);

[GenerateSerializer, Alias("crm.common.forbidden")]
public sealed class ForbiddenException(string message) : CrmProblemException(message);

/// <summary>
/// A change named the version it was made against (If-Match), and the resource has moved on since: HTTP's 412, kept
/// apart from <see cref="ConflictException"/> (a 409: the current state refuses the change whatever version was read).
/// </summary>
[GenerateSerializer, Alias("crm.common.precondition-failed")]
public sealed class PreconditionFailedException(string message) : CrmProblemException(message);

/// <summary>
/// The work the caller asks for is accepted only once earlier work has moved on: HTTP's 503 with Retry-After, not an
/// error of the request. The same request sent again after <see cref="RetryAfterSeconds"/> is safe (it is idempotent).
/// </summary>
[GenerateSerializer, Alias("crm.common.busy")]
public sealed class BusyException(string message, int retryAfterSeconds) : CrmProblemException(message)
{
    [Id(0)]
    public int RetryAfterSeconds { get; } = retryAfterSeconds;
}
