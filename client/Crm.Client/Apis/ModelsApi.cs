using Crm.Client.Infrastructure;
using Crm.Client.Security;
using Crm.Client.Models;
using Crm.Contracts.Access;
using Crm.Contracts.Common;
using Crm.Contracts.Scoring;

namespace Crm.Client.Apis;

/// <summary>A tenant's comment-sentiment models: versions with their metrics, training (202, then poll the job), activate, roll back, retraining.</summary>
public static class ModelsApi
{
    public static IEndpointRouteBuilder MapModelsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/tenants/{tenantId}/models").WithTags("Models");
        api.MapGet("/", async (string tenantId, ModelCommands models) =>
                Valid(tenantId) ? (IResult)TypedResults.Ok(await models.ListAsync(tenantId)) : ApiProblems.InvalidTenant())
            .WithName("ListModels")
            .WithSummary("The comment-sentiment model versions, newest first, each with its held-out metrics, training data and featurization; which is active; the retraining setting; the latest training job.")
            .RequirePermission(Permission.ModelsManage).Produces<ModelListView>().ProducesValidationProblem();
        api.MapPost("/train", async (string tenantId, ModelCommands models, HttpContext context) =>
                Valid(tenantId) ? (IResult)Accepted(tenantId, await models.TrainAsync(context.User, tenantId)) : ApiProblems.InvalidTenant())
            .WithName("TrainModel")
            .WithSummary("Starts training on the tenant's rated survey comments (CSAT 4-5 satisfied, 1-2 dissatisfied, 3 left out) and answers 202 with the job to poll. "
                + "The new version is stored, not activated. Below the minimum number of labels the job is refused and says how many more are needed.")
            .RequirePermission(Permission.ModelsManage).Produces<TrainingJobView>(StatusCodes.Status202Accepted).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/train-from-file", async (string tenantId, TrainFromFileRequest body, ModelCommands models, HttpContext context) =>
                Valid(tenantId) ? (IResult)Accepted(tenantId, await models.TrainFromFileAsync(context.User, tenantId, body)) : ApiProblems.InvalidTenant())
            .WithName("TrainModelFromFile").WithMetadata(new RequestBodyLimit(TrainFromFileRequest.MaxBodyBytes))
            .WithSummary("Starts training on a labelled CSV (text and a 0/1 label, 1 = satisfied; the same reader as crm model evaluate) and answers 202 with the job to poll. A bad file is a 400 naming its row and field.")
            .RequirePermission(Permission.ModelsManage).Produces<TrainingJobView>(StatusCodes.Status202Accepted).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/jobs/{jobId}", async (string tenantId, string jobId, ModelCommands models) =>
                Valid(tenantId) ? (IResult)TypedResults.Ok(await models.GetJobAsync(tenantId, jobId)) : ApiProblems.InvalidTenant())
            .WithName("GetTrainingJob").WithSummary("A training job: running, succeeded (with its version), refused (with how many more labels are needed) or failed.")
            .RequirePermission(Permission.ModelsManage).Produces<TrainingJobView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/versions/{version:int}/activate", async (string tenantId, int version, ModelCommands models, HttpContext context) =>
                Valid(tenantId) ? (IResult)TypedResults.Ok(await models.ActivateAsync(context.User, tenantId, version)) : ApiProblems.InvalidTenant())
            .WithName("ActivateModel").WithSummary("Makes a stored version the one that scores the tenant's texts; every silo serves it within 30 seconds.")
            .RequirePermission(Permission.ModelsManage).Produces<ModelListView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/rollback", async (string tenantId, ModelCommands models, HttpContext context) =>
                Valid(tenantId) ? (IResult)TypedResults.Ok(await models.RollBackAsync(context.User, tenantId)) : ApiProblems.InvalidTenant())
            .WithName("RollBackModel").WithSummary("Returns to the version that was active before the current one; 409 when there is none.")
            .RequirePermission(Permission.ModelsManage).Produces<ModelListView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPut("/retraining", async (string tenantId, RetrainingRequest body, ModelCommands models, HttpContext context) =>
                Valid(tenantId) ? (IResult)TypedResults.Ok(await models.SetRetrainingAsync(context.User, tenantId, body)) : ApiProblems.InvalidTenant())
            .WithName("SetModelRetraining")
            .WithSummary("Scheduled retraining on the survey comments: Off, Weekly or Monthly. A scheduled model is activated only if it is not worse (AUC) than the active one on the same held-out rows.")
            .RequirePermission(Permission.ModelsManage).Produces<ModelListView>().ProducesValidationProblem();
        return app;
    }

    private static IResult Accepted(string tenantId, TrainingJobView job) => TypedResults.Accepted($"/api/tenants/{tenantId}/models/jobs/{job.JobId}", job);

    private static bool Valid(string tenantId) => Identifiers.IsTenantId(tenantId);
}
