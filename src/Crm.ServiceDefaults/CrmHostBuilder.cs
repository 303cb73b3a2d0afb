using System.Reflection;
using Microsoft.AspNetCore.Builder;

namespace Crm.ServiceDefaults;

public static class CrmHostBuilder
{
    /// <summary>
    /// A web host builder named after the host's own assembly (not the test runner that may start it), with the
    /// service defaults added.
    /// </summary>
    public static WebApplicationBuilder Create(string[] args, Assembly host)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ApplicationName = host.GetName().Name });
        builder.AddServiceDefaults();
        return builder;
    }
}
