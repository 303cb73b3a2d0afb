namespace Crm.Client.Infrastructure;

public static class ServiceTrafficExtensions
{
    /// <summary>Counts requests and 5xx answers per minute for the availability report.</summary>
    public static WebApplicationBuilder AddServiceTraffic(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ServiceTrafficCounter>();
        builder.Services.AddHostedService<ServiceTrafficFlusher>();
        return builder;
    }

    /// <summary>First in the pipeline, so it sees the status the exception handler writes; an escaping exception is a 500.</summary>
    public static IApplicationBuilder UseServiceTraffic(this IApplicationBuilder app)
    {
        var counter = app.ApplicationServices.GetRequiredService<ServiceTrafficCounter>();
        return app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch
            {
                counter.Count(StatusCodes.Status500InternalServerError);
                throw;
            }

            counter.Count(context.Response.StatusCode);
        });
    }
}
