using System.Security.Claims;
using Crm.Client.Security;
using Crm.Contracts.Access;
using Crm.Contracts.Common;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Crm.Client.Components.Security;

/// <summary>
/// A page inside one tenant. It checks the page's permission before loading anything, so a user of another tenant
/// gets "forbidden" and no grain is ever asked for that tenant's data on their behalf.
/// </summary>
public abstract class TenantPage : ComponentBase
{
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = null!;

    [Parameter] public string TenantId { get; set; } = "";

    /// <summary>What the page needs in <see cref="TenantId"/>.</summary>
    protected abstract Permission Required { get; }

    protected ClaimsPrincipal User { get; private set; } = new();

    /// <summary>Null until checked, so nothing renders before the check.</summary>
    protected bool? Allowed { get; private set; }

    protected string Username => User.Username();

    protected bool Can(Permission permission) => User.Allows(TenantId, permission);

    protected sealed override async Task OnParametersSetAsync()
    {
        User = (await AuthState).User;
        Allowed = Identifiers.IsTenantId(TenantId) && Can(Required);
        if (Allowed == true)
        {
            await OnAllowedParametersSetAsync();
        }
    }

    protected virtual Task OnAllowedParametersSetAsync() => Task.CompletedTask;
}
