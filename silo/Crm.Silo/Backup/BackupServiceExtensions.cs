using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Crm.Silo.Backup;

public static class BackupServiceExtensions
{
    /// <summary>Scheduled backups from <see cref="BackupOptions.SectionName"/>; bad settings fail silo start-up.</summary>
    public static IServiceCollection AddCrmScheduledBackup(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BackupOptions>()
            .Bind(configuration.GetSection(BackupOptions.SectionName))
            .Validate(o => !o.Enabled || !string.IsNullOrWhiteSpace(o.Folder), $"{BackupOptions.SectionName}:Folder is required when backups are enabled.")
            .Validate(o => o.Interval > TimeSpan.Zero, $"{BackupOptions.SectionName}:Interval must be positive.")
            .Validate(o => o.Keep >= 1, $"{BackupOptions.SectionName}:Keep must be at least 1.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService<ScheduledBackupService>();
        return services;
    }
}
