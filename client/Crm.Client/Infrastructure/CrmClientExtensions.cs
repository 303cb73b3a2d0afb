using Crm.Client.Apis;
using Crm.Client.Localization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor.Services;
using Orleans.Configuration;

namespace Crm.Client.Infrastructure;

public static class CrmClientExtensions
{
    /// <summary>
    /// Joins the cluster as an Orleans client. The gateways are found in the membership table in the same storage the
    /// silos use, so the front end reaches whichever silos are alive, however many there are.
    /// </summary>
    public static WebApplicationBuilder AddCrmClusterClient(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(CrmClusterOptions.SectionName).Get<CrmClusterOptions>() ?? new CrmClusterOptions();
        var storage = builder.Configuration.GetConnectionString("Tables") is { Length: > 0 } value ? value : CrmClusterOptions.DevelopmentStorage;
        builder.UseOrleansClient(client => client
            .Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                o.ServiceId = options.ServiceId;
            })
            .UseAzureStorageClustering(o => o.TableServiceClient = new Azure.Data.Tables.TableServiceClient(storage))
            // A silo that joins (or comes back) is used within seconds rather than Orleans' default minute.
            .Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = options.GatewayListRefreshPeriod)
            // A call to a grain whose silo just died gets no answer; waiting Orleans' default 30 s for it would hang the
            // request. After this it is a 503 with Retry-After (OutageExceptionHandler), and the retry reaches the grain
            // on a live silo.
            .Configure<ClientMessagingOptions>(o => o.ResponseTimeout = options.ResponseTimeout)
            // Every call of an API request within the request's one budget (Crm:Api:RequestBudget), not 2 s each.
            .AddOutgoingGrainCallFilter<DeadlineCallFilter>()
            .AddCrmOperatorDashboard()
            .AddActivityPropagation());
        builder.Services.AddSingleton<IClientConnectionRetryFilter, RetryConnectFilter>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddHealthChecks().AddCheck<ClusterHealthCheck>("cluster");
        return builder;
    }

    /// <summary>REST API: problem details for every failure, string enums, an OpenAPI document.</summary>
    public static WebApplicationBuilder AddCrmApi(this WebApplicationBuilder builder)
    {
        // In the request's language: titles, details and field messages (see Localization/ProblemTexts).
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemLocalization.Apply);
        // Unreadable bodies reach ProblemExceptionHandler in every environment, so the 400 names the field.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        // Tried in order: an outage is a 503 to retry, whatever the exception around it.
        builder.Services.AddExceptionHandler<OutageExceptionHandler>();
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        // Strict input in one place: enum names exactly as written, required fields read from the records.
        builder.Services.ConfigureHttpJsonOptions(json => ApiJson.Configure(json.SerializerOptions));
        builder.Services.AddOpenApi(options => options
            .AddDocumentTransformer<BearerSecurityTransformer>()
            .AddOperationTransformer<ContractOperationTransformer>()
            .AddOperationTransformer<RequestExamples>()
            .AddSchemaTransformer<ContractSchemaTransformer>()
            .AddDocumentTransformer<ContractDocumentTransformer>());
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<Surveys.SurveyCommands>();
        builder.Services.AddSingleton<Cases.CaseCommands>();
        builder.Services.AddSingleton<Surveys.SurveyInsightCommands>();
        builder.Services.AddSingleton<Crm.Reporting.Reports.ReportGenerator>();
        builder.Services.AddHostedService<Crm.Reporting.Hosting.ReportRendererWarmup>();
        builder.Services.AddSingleton<Reports.ReportSchedules>();
        builder.Services.AddSingleton<Models.ModelCommands>();
        builder.Services.AddSingleton<Users.UserCommands>();
        builder.Services.AddSingleton<Audit.AuditQueries>();
        builder.Services.AddSingleton<Search.SearchQueries>();
        builder.Services.AddSingleton<Customers.CustomerCases>();
        builder.Services.AddSingleton<Customers.SearchBackfill>();
        return builder;
    }

    public static WebApplicationBuilder AddCrmWebUi(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddSingleton<Crm.Client.Components.Cases.CaseTexts>();
        return builder;
    }

    public static WebApplication MapCrmApis(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();

        // Every API endpoint, under one body limit: routing applies it per request, so only API calls are bounded by it.
        var limit = app.Configuration.GetSection(CrmApiOptions.SectionName).Get<CrmApiOptions>() ?? new CrmApiOptions();
        var api = app.MapGroup("").WithMetadata(new RequestBodyLimit(limit.MaxRequestBodyBytes)).WithStrictBinding();
        api.MapAuthApi();
        api.MapTenantsApi();
        api.MapCustomersApi();
        api.MapAuditApi();
        api.MapCasesApi();
        api.MapCaseSearchApi();
        api.MapSearchApi();
        api.MapCustomerCasesApi();
        api.MapSearchBackfillApi();
        api.MapServiceDeskApi();
        api.MapWebhooksApi();
        api.MapSurveysApi();
        api.MapReportsApi();
        api.MapReportPages();
        api.MapReportSchedulesApi();
        api.MapReportInboxApi();
        api.MapLanguageApi();
        api.MapSurveyPages();
        api.MapSurveyInsightsApi();
        api.MapModelsApi();
        return app;
    }
}
