namespace Crm.Client.Infrastructure;

/// <summary>Who is acting, for the audit trail in every archive entry.</summary>
public static class Actor
{
    /// <summary>Until sign-in lands every caller is anonymous; then this is the signed-in user's id.</summary>
    public static string Of(HttpContext context) => context.User.Identity?.Name ?? "anonymous";
}
