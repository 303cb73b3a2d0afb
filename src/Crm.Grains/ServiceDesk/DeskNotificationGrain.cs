using Crm.Contracts.ServiceDesk;
using Crm.Domain.Common;

namespace Crm.Grains.ServiceDesk;

[GenerateSerializer, Immutable, Alias("crm.service-desk.notifications-state")]
public sealed record DeskNotificationState
{
    /// <summary>Newest first, at most <see cref="DeskNotificationGrain.Capacity"/>.</summary>
    [Id(0)] public ImmutableArray<DeskNotification> Items { get; init; } = [];
}

/// <summary>
/// The team leads' feed of SLA warnings, breaches and escalations for one tenant. It keeps the most recent
/// <see cref="Capacity"/> notices: each is also an event in its case's history, which keeps everything.
/// </summary>
public sealed class DeskNotificationGrain(
    [PersistentState("desk-notifications", CrmStorage.Name)] IPersistentState<DeskNotificationState> state) : Grain, IDeskNotificationGrain
{
    public const int Capacity = 500;

    public async Task PostAsync(DeskNotification notification)
    {
        if (state.State.Items.Any(n => n.NotificationId == notification.NotificationId))
        {
            return;
        }

        var items = state.State.Items.Insert(0, notification);
        state.State = state.State with { Items = items.Length > Capacity ? items.RemoveRange(Capacity, items.Length - Capacity) : items };
        await state.WriteStateAsync();
    }

    public async Task RedactCaseAsync(string caseId, string message)
    {
        if (!state.State.Items.Any(n => n.CaseId == caseId && n.Message != message))
        {
            return;
        }

        state.State = state.State with
        {
            Items = [.. state.State.Items.Select(n => n.CaseId == caseId ? n with { Message = message } : n)],
        };
        await state.WriteStateAsync();
    }

    public Task<DeskNotificationPage> ListAsync(int pageSize, string? continuationToken)
    {
        if (!Paging.IsValidPageSize(pageSize))
        {
            throw new ValidationFailedException([new FieldError("pageSize", $"Between 1 and {Paging.MaxPageSize}.")]);
        }

        var items = state.State.Items;
        var start = 0;
        if (continuationToken is not null)
        {
            var index = -1;
            for (var i = 0; i < items.Length && index < 0; i++)
            {
                index = items[i].NotificationId == continuationToken ? i : -1;
            }

            if (index < 0)
            {
                throw new ValidationFailedException([new FieldError("continuationToken", "Not a token this feed issued, or it has expired.")]);
            }

            start = index + 1;
        }

        var page = items.Skip(start).Take(pageSize).ToImmutableArray();
        var next = start + page.Length < items.Length && page.Length == pageSize ? page[^1].NotificationId : null;
        return Task.FromResult(new DeskNotificationPage(page, next));
    }
}
