using CarePortal.Domain.Complaints;

namespace CarePortal.Web.Features.Complaints;

/// <summary>The labels that follow a case's type or step (the resource keys; the pages look them up).</summary>
public static class CaseTexts
{
    /// <summary>What the customer said, as each type calls it: the complaint's reason, what is broken, the question, the suggestion.</summary>
    public static string ReasonLabel(CaseKind kind) => kind switch
    {
        CaseKind.ServiceRequest => "Field.Fault",
        CaseKind.Inquiry => "Field.Question",
        CaseKind.Suggestion => "Field.SuggestionText",
        _ => "Field.Reason",
    };

    /// <summary>What a step's note is: a decision, a reason, the answer, the feedback to the customer, the work done.</summary>
    public static string NoteLabel(ComplaintAction action) => action switch
    {
        ComplaintAction.Decide => "Field.ManagerDecision",
        ComplaintAction.Escalate or ComplaintAction.Reopen or ComplaintAction.ChangeUrgency or ComplaintAction.CloseHelperTask => "Field.ReasonForStep",
        ComplaintAction.AskForHelp => "Field.HelperTask",
        ComplaintAction.RecordFinding => "Field.Finding",
        ComplaintAction.Answer => "Field.Answer",
        ComplaintAction.Assess => "Field.Assessment",
        ComplaintAction.Adopt or ComplaintAction.Decline => "Field.Feedback",
        ComplaintAction.FinishWork => "Field.WorkDone",
        _ => "Field.Note",
    };
}
