using System.Text.Json.Serialization;
using Crm.Client.Apis;
using MudBlazor.Services;

namespace Crm.Client.Infrastructure;

public static class CrmClientExtensions
{
    /// <summary>Joins the cluster as an Orleans client through the loopback gateway.</summary>
    public static WebApplicationBuilder AddCrmClusterClient(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(CrmClusterOptions.SectionName).Get<CrmClusterOptions>() ?? new CrmClusterOptions();
        builder.UseOrleansClient(client => client
            .UseLocalhostClustering(options.GatewayPort, options.ServiceId, options.ClusterId)
            .AddActivityPropagation());
        builder.Services.AddSingleton<IClientConnectionRetryFilter, RetryConnectFilter>();
        builder.Services.AddHealthChecks().AddCheck<ClusterHealthCheck>("cluster");
        return builder;
    }

    /// <summary>REST API: problem details for every failure, string enums, an OpenAPI document.</summary>
    public static WebApplicationBuilder AddCrmApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        // Unreadable bodies reach ProblemExceptionHandler in every environment, so the 400 names the field.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer<BearerSecurityTransformer>());
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<Surveys.SurveyCommands>();
        return builder;
    }

    public static WebApplicationBuilder AddCrmWebUi(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        return builder;
    }

    public static WebApplication MapCrmApis(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();

        // Every API endpoint, under one body limit: routing applies it per request, so only API calls are bounded by it.
        var limit = app.Configuration.GetSection(CrmApiOptions.SectionName).Get<CrmApiOptions>() ?? new CrmApiOptions();
        var api = app.MapGroup("").WithMetadata(new RequestBodyLimit(limit.MaxRequestBodyBytes));
        api.MapAuthApi();
        api.MapTenantsApi();
        api.MapCustomersApi();
        api.MapAuditApi();
        api.MapCasesApi();
        api.MapServiceDeskApi();
        api.MapWebhooksApi();
        api.MapSurveysApi();
        return app;
    }
}
