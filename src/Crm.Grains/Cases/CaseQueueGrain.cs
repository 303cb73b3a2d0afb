using Crm.Contracts.Cases;
using Crm.Domain.Cases;
using Crm.Domain.Common;
using Orleans.Concurrency;

namespace Crm.Grains.Cases;

/// <summary>Serves a tenant's work queue from its index; stateless, so reads scale out and never touch a case grain.</summary>
[StatelessWorker]
public sealed class CaseQueueGrain(ICaseQueueStore store) : Grain, ICaseQueueGrain
{
    public Task<CaseQueuePage> ListAsync(CaseQueueQuery query)
    {
        var errors = new List<FieldError>();
        if (!Paging.IsValidPageSize(query.PageSize))
        {
            errors.Add(new("pageSize", $"Between 1 and {Paging.MaxPageSize}."));
        }

        if (query.Kind is { } kind && !Enum.IsDefined(kind))
        {
            errors.Add(new("kind", "One of inquiry, complaint, afterSales."));
        }

        if (query.Severity is { } severity && !Enum.IsDefined(severity))
        {
            errors.Add(new("severity", "One of normal, major."));
        }

        if (query.Category is not null && !CaseCategories.IsCategory(query.Category))
        {
            errors.Add(new("category", "A category id such as \"logistics-delivery\"."));
        }

        if (query.Assignee is not null && query.Assignee != CaseQueueQuery.Unassigned && !Contracts.Access.Usernames.IsValid(query.Assignee))
        {
            errors.Add(new("assignee", "A username, or \"-\" for unassigned cases."));
        }

        if (query.ContinuationToken is not null && !CaseUrgency.IsSortKey(query.ContinuationToken))
        {
            errors.Add(new("continuationToken", "Not a token this queue issued."));
        }

        if (query.EscalatedOnly && query.Assignee is not null)
        {
            errors.Add(new("assignee", "The escalation queue is not split by assignee."));
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException([.. errors]);
        }

        var lane = query.EscalatedOnly ? QueueSlot.EscalatedLane
            : query.Assignee is { } assignee ? QueueSlot.AssigneeLane(assignee == CaseQueueQuery.Unassigned ? null : assignee)
            : QueueSlot.AllLane;
        return store.ReadAsync(this.GetPrimaryKeyString(), lane, query);
    }
}
