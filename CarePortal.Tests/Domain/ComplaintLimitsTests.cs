using CarePortal.Domain;
using CarePortal.Domain.Complaints;
using static CarePortal.Domain.Complaints.ComplaintAction;
using static CarePortal.Domain.Complaints.ComplaintStatus;

namespace CarePortal.Tests.Domain;

/// <summary>Every free-text field of a step has its limit, checked by the case before anything changes.</summary>
public sealed class ComplaintLimitsTests
{
    private static ComplaintCommand Proposal(string cause = "漏岗", string responsible = "队长", string measures = "调换队员") =>
        new(ProposeResolution) { Cause = cause, ResponsiblePerson = responsible, Measures = measures, AmountAgreed = 0m };

    public static TheoryData<string, ComplaintTextField, int> TooLongProposals() => new()
    {
        { "cause", ComplaintTextField.Cause, ComplaintLimits.Cause },
        { "responsible", ComplaintTextField.ResponsiblePerson, ComplaintLimits.ResponsiblePerson },
        { "measures", ComplaintTextField.Measures, ComplaintLimits.Measures },
        { "note", ComplaintTextField.Note, ComplaintLimits.Note },
    };

    [Theory]
    [MemberData(nameof(TooLongProposals))]
    public void A_proposal_with_a_text_over_its_limit_is_refused_naming_the_field_and_the_limit(string which, ComplaintTextField field, int max)
    {
        var complaint = CaseBuilder.At(Investigating);
        var atLimit = new string('长', max);
        var command = which switch
        {
            "cause" => Proposal(cause: atLimit + "长"),
            "responsible" => Proposal(responsible: atLimit + "长"),
            "measures" => Proposal(measures: atLimit + "长"),
            _ => Proposal() with { Note = atLimit + "长" },
        };

        var refusal = complaint.Apply(command, CaseBuilder.Head, CaseBuilder.Start.AddHours(1));

        Assert.Equal(("Refusal.TooLong", field, max), (refusal?.Code, (ComplaintTextField)refusal!.Args[0], (int)refusal.Args[1]));
        Assert.Equal((Investigating, (string?)null), (complaint.Status, complaint.Cause));

        // At the limit it is taken (surrounding spaces do not count).
        var fits = which switch
        {
            "cause" => Proposal(cause: $" {atLimit} "),
            "responsible" => Proposal(responsible: $" {atLimit} "),
            "measures" => Proposal(measures: $" {atLimit} "),
            _ => Proposal() with { Note = $" {atLimit} " },
        };
        Assert.Null(complaint.Apply(fits, CaseBuilder.Head, CaseBuilder.Start.AddHours(1)));
    }

    [Fact]
    public void A_dispatch_note_leaves_room_for_the_department_name_the_timeline_writes_before_it()
    {
        Assert.Equal(FieldLengths.Text - FieldLengths.DepartmentName - 2, ComplaintLimits.NoteOf(Dispatch));
        Assert.Equal(ComplaintLimits.Note, ComplaintLimits.NoteOf(Confirm));

        // The longest department name and the longest note the dialog lets through fit the timeline's column.
        var complaint = CaseBuilder.At(Confirmed);
        var note = $"{new string('部', FieldLengths.DepartmentName)}: {new string('长', ComplaintLimits.NoteOf(Dispatch))}";
        Assert.Null(complaint.Apply(new ComplaintCommand(Dispatch) { DepartmentId = CaseBuilder.Operations, Note = note }, CaseBuilder.Desk, CaseBuilder.Start.AddHours(1)));
        Assert.Equal(FieldLengths.Text, complaint.Timeline[^1].Note!.Length);

        var refused = CaseBuilder.At(Confirmed).Apply(new ComplaintCommand(Dispatch) { DepartmentId = CaseBuilder.Operations, Note = note + "长" }, CaseBuilder.Desk, CaseBuilder.Start);
        Assert.Equal(("Refusal.TooLong", ComplaintTextField.Note, ComplaintLimits.NoteOf(Dispatch)), (refused?.Code, (ComplaintTextField)refused!.Args[0], (int)refused.Args[1]));
    }

    [Fact]
    public void A_return_visit_report_over_its_limit_is_refused()
    {
        var complaint = CaseBuilder.At(CustomerInformed);

        var refusal = complaint.Apply(new ComplaintCommand(RecordReturnVisit) { Satisfaction = 4, Report = new string('长', ComplaintLimits.Report + 1) }, CaseBuilder.Desk, CaseBuilder.Start);

        Assert.Equal(("Refusal.TooLong", ComplaintTextField.Report), (refusal?.Code, (ComplaintTextField)refusal!.Args[0]));
        Assert.Equal(CustomerInformed, complaint.Status);
    }

    [Fact]
    public void The_registers_unjustified_reason_has_the_texts_limit()
    {
        var intake = CaseBuilder.Intake(ComplaintClass.Unjustified);
        intake.UnjustifiedReason = new string('长', ComplaintIntake.TextMax + 1);

        Assert.Equal("Validation.TooLong", intake.Validate()[nameof(ComplaintIntake.UnjustifiedReason)]);
    }
}
