namespace Crm.Client.Cases;

/// <summary>
/// The one name of each case action: the API's operation id and the audit row's detail, whichever door it came
/// through (before, a reply was audited as "ReplyToCase" by the API and "reply" by the page).
/// </summary>
public static class CaseCommandNames
{
    public const string Open = "OpenCase";
    public const string Get = "GetCase";
    public const string History = "GetCaseHistory";
    public const string Reply = "ReplyToCase";
    public const string Note = "AddCaseNote";
    public const string Apply = "ApplyCaseAction";
    public const string CustomerMessage = "RecordCustomerMessage";
    public const string ChangeDetails = "ChangeCaseDetails";
    public const string Escalate = "EscalateCase";
    public const string Merge = "MergeCase";
    public const string Take = "TakeCase";
    public const string Assign = "AssignCase";
    public const string AutoAssign = "AutoAssignCase";
    public const string Queue = "GetWorkQueue";
    public const string MyCases = "GetMyCases";
    public const string Escalations = "GetEscalations";
    public const string SetMyAvailability = "SetMyAvailability";
    public const string SetAvailability = "SetAgentAvailability";

    /// <summary>The bulk endpoint's operation id; each of its cases is audited under the single action's name.</summary>
    public const string Bulk = "BulkUpdateCases";
}
