using System.Security.Claims;
using Crm.Client.Security;
using Crm.Contracts.Audit;
using Crm.Contracts.Common;
using Crm.Contracts.Scoring;

namespace Crm.Client.Models;

/// <summary>Upload-and-train: a labelled CSV (UTF-8, header row) and the names of its text and 0/1 label columns.</summary>
public sealed record TrainFromFileRequest(
    [property: System.ComponentModel.DataAnnotations.MaxLength(TrainFromFileRequest.MaxCsvLength)] string? Csv,
    [property: System.ComponentModel.DataAnnotations.MaxLength(TrainFromFileRequest.MaxColumnLength)] string? TextColumn,
    [property: System.ComponentModel.DataAnnotations.MaxLength(TrainFromFileRequest.MaxColumnLength)] string? LabelColumn)
{
    /// <summary>Four million characters (up to 12 MB of UTF-8 Chinese): tens of thousands of labelled comments.</summary>
    public const int MaxCsvLength = 4_000_000;

    /// <summary>The endpoint's own body limit, above the API's default, so a file of <see cref="MaxCsvLength"/> fits.</summary>
    public const long MaxBodyBytes = 16 * 1024 * 1024;

    public const int MaxColumnLength = 100;
}

/// <summary>The tenant's scheduled retraining: Off, Weekly or Monthly.</summary>
public sealed record RetrainingRequest(RetrainingSchedule? Retraining);

/// <summary>
/// The one door to a tenant's scoring models for the API and the models page: the same grain calls, the same
/// validation and the same audit record of every training, activation, roll-back and schedule change. The endpoint or
/// page in front checks <see cref="Crm.Contracts.Access.Permission.ModelsManage"/> too; every change checks it again here,
/// so no caller can forget it.
/// </summary>
public sealed class ModelCommands(IClusterClient cluster, AuditTrail audit)
{
    public const string DefaultTextColumn = "text";
    public const string DefaultLabelColumn = "label";

    public ITenantModelGrain Models(string tenantId) => cluster.GetGrain<ITenantModelGrain>(ModelKey.Format(tenantId, ModelKey.CommentSentiment));

    public Task<ModelListView> ListAsync(string tenantId) => Models(tenantId).ListAsync();

    public async Task<TrainingJobView> GetJobAsync(string tenantId, string jobId) =>
        await Models(tenantId).GetJobAsync(jobId) ?? throw new NotFoundException("No such training job in this tenant.");

    public const string ForbiddenMessage = "Managing this tenant's scoring models needs the models permission.";

    public async Task<TrainingJobView> TrainAsync(ClaimsPrincipal user, string tenantId)
    {
        Demand(user, tenantId);
        var job = await Models(tenantId).StartTrainingAsync(user.Username());
        await audit.RecordAsync(user, tenantId, AuditAction.ModelTrained, AuditTargetType.Model, ModelKey.CommentSentiment, $"job {job.JobId}: survey responses");
        return job;
    }

    public async Task<TrainingJobView> TrainFromFileAsync(ClaimsPrincipal user, string tenantId, TrainFromFileRequest request)
    {
        Demand(user, tenantId);
        if (string.IsNullOrWhiteSpace(request.Csv))
        {
            throw new ValidationFailedException([new FieldError("csv", "Required: the CSV file's text (UTF-8, a header row).")]);
        }

        var text = string.IsNullOrWhiteSpace(request.TextColumn) ? DefaultTextColumn : request.TextColumn.Trim();
        var label = string.IsNullOrWhiteSpace(request.LabelColumn) ? DefaultLabelColumn : request.LabelColumn.Trim();
        var job = await Models(tenantId).StartTrainingFromCsvAsync(request.Csv, text, label, user.Username());
        await audit.RecordAsync(user, tenantId, AuditAction.ModelTrained, AuditTargetType.Model, ModelKey.CommentSentiment, $"job {job.JobId}: uploaded file");
        return job;
    }

    public async Task<ModelListView> ActivateAsync(ClaimsPrincipal user, string tenantId, int version)
    {
        Demand(user, tenantId);
        var list = await Models(tenantId).ActivateAsync(version, user.Username());
        await audit.RecordAsync(user, tenantId, AuditAction.ModelActivated, AuditTargetType.Model, Label(version));
        return list;
    }

    public async Task<ModelListView> RollBackAsync(ClaimsPrincipal user, string tenantId)
    {
        Demand(user, tenantId);
        var list = await Models(tenantId).RollBackAsync(user.Username());
        await audit.RecordAsync(user, tenantId, AuditAction.ModelRolledBack, AuditTargetType.Model, Label(list.ActiveVersion ?? 0));
        return list;
    }

    public async Task<ModelListView> SetRetrainingAsync(ClaimsPrincipal user, string tenantId, RetrainingRequest request)
    {
        Demand(user, tenantId);
        if (request.Retraining is not { } schedule)
        {
            throw new ValidationFailedException([new FieldError("retraining", "Off, Weekly or Monthly.")]);
        }

        var list = await Models(tenantId).SetRetrainingAsync(schedule, user.Username());
        await audit.RecordAsync(user, tenantId, AuditAction.ModelRetrainingChanged, AuditTargetType.Model, ModelKey.CommentSentiment, schedule.ToString());
        return list;
    }

    private static void Demand(ClaimsPrincipal user, string tenantId)
    {
        if (!user.Allows(tenantId, Crm.Contracts.Access.Permission.ModelsManage))
        {
            throw new ForbiddenException(ForbiddenMessage);
        }
    }

    private static string Label(int version) => ModelKey.AuditTarget(ModelKey.CommentSentiment, version);
}
