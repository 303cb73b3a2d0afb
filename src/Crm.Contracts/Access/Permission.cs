namespace Crm.Contracts.Access;

/// <summary>What an endpoint or page needs. Roles grant permissions through <see cref="AccessRules"/>; nothing else does.</summary>
public enum Permission
{
    CustomersRead,
    CustomersWrite,
    CustomersErase,
    CustomersExport,

    /// <summary>See names, phones, emails and addresses unmasked; without it they are shown masked.</summary>
    PersonalDataView,
    AuditRead,
    UsersManage,

    /// <summary>Read cases, the work queue and the canned replies.</summary>
    CasesRead,

    /// <summary>Open cases, reply, add notes, change state, take a case, escalate, merge.</summary>
    CasesWrite,

    /// <summary>Assign cases to other people and set who is available for automatic assignment.</summary>
    CasesAssign,

    /// <summary>The escalation queue and the team leads' SLA notifications.</summary>
    EscalationsRead,

    /// <summary>Canned replies.</summary>
    MacrosManage,

    /// <summary>The SLA policy, categories, reopen window, assignment rule and outgoing webhook.</summary>
    ServiceDeskConfigure,

    /// <summary>Platform scope: create and list tenants.</summary>
    TenantsManage,

    /// <summary>Surveys and their versions, the transactional rule, campaigns, invitations, and responses from the platform and imports.</summary>
    SurveysManage,

    /// <summary>Survey results and the responses behind them (comments masked without personal-data view).</summary>
    SurveyResultsRead,

    /// <summary>Read the tenant's contract service reports and their aggregates; generate one for any period.</summary>
    ReportsRead,

    /// <summary>Reconcile report aggregates with the case histories.</summary>
    ReportsManage,

    /// <summary>Comment-sentiment models: list versions and metrics, train, activate, roll back, scheduled retraining.</summary>
    ModelsManage,
}
