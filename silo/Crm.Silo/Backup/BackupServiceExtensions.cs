using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Crm.Silo.Backup;

public static class BackupServiceExtensions
{
    /// <summary>
    /// Scheduled backups from <see cref="BackupOptions.SectionName"/>, owned by one grain for the whole cluster (never a
    /// hosted service per silo, which would write one backup per silo); bad settings fail silo start-up.
    /// </summary>
    public static IServiceCollection AddCrmScheduledBackup(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BackupOptions>()
            .Bind(configuration.GetSection(BackupOptions.SectionName))
            .Validate(o => !o.Enabled || !string.IsNullOrWhiteSpace(o.Folder), $"{BackupOptions.SectionName}:Folder is required when backups are enabled.")
            .Validate(o => o.Interval > TimeSpan.Zero, $"{BackupOptions.SectionName}:Interval must be positive.")
            .Validate(o => o.Keep >= 1, $"{BackupOptions.SectionName}:Keep must be at least 1.")
            .Validate(o => o.CheckEvery > TimeSpan.Zero, $"{BackupOptions.SectionName}:CheckEvery must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<BackupRunner>();
        // Every silo tells the owner its settings at start; the owner is one grain, so the schedule exists once.
        services.AddClusterSingletonStart<IScheduledBackupGrain>(g => g.EnsureScheduleAsync(), "another silo, or this one's next start, sets the schedule.");
        // Orleans refuses reminder periods under one minute by default; a shorter check (in tests) lowers that floor.
        var checkEvery = configuration.GetSection(BackupOptions.SectionName).Get<BackupOptions>()?.CheckEvery ?? TimeSpan.FromMinutes(1);
        services.Configure<ReminderOptions>(o =>
            o.MinimumReminderPeriod = checkEvery < o.MinimumReminderPeriod ? checkEvery : o.MinimumReminderPeriod);
        return services;
    }
}
