using CarePortal.Domain.Customers;
using CarePortal.Domain.Deadlines;
using CarePortal.Domain.Staff;

namespace CarePortal.Domain.Complaints;

/// <summary>
/// A customer's case from registration to closing, with its timeline: a complaint (投诉), a service
/// request (报修), an inquiry (咨询) or a suggestion (建议), each through its own lifecycle
/// (<see cref="ComplaintLifecycle"/>). Class and type are a complaint's: the other types keep the
/// neutral <see cref="ComplaintClass.General"/> and <see cref="ComplaintType.Other"/>.
/// </summary>
public sealed class Complaint
{
    private readonly List<TimelineEntry> _timeline = [];
    private readonly List<HelperTask> _helperTasks = [];

    public int Id { get; private set; }
    public CaseKind Kind { get; private set; }
    public string AcceptanceNumber { get; private set; } = "";
    public bool Urgent { get; private set; }

    /// <summary>A request's place (报修地点); empty for the other types.</summary>
    public string Place { get; private set; } = "";

    /// <summary>A request's preferred time for the visit, in UTC; null when the customer named none.</summary>
    public DateTime? PreferredAtUtc { get; private set; }

    /// <summary>The key of the form that registered it (<see cref="ComplaintIntake.SubmissionKey"/>): unique, so a repeat registers nothing.</summary>
    public Guid? SubmissionKey { get; private set; }
    public int? CustomerId { get; private set; }
    public string CustomerName { get; private set; } = "";
    public string CustomerAddress { get; private set; } = "";
    public string CustomerPhone { get; private set; } = "";
    public ComplaintChannel Channel { get; private set; }
    public string Reason { get; private set; } = "";
    public string CustomerRequest { get; private set; } = "";
    public ComplaintClass Class { get; private set; }
    public ComplaintType Type { get; private set; }
    public decimal? AmountClaimed { get; private set; }
    public decimal? AmountAgreed { get; private set; }
    public string? UnjustifiedReason { get; private set; }
    public string? UnjustifiedConfirmedBy { get; private set; }
    public string Remarks { get; private set; } = "";
    public DateTime AcceptedAtUtc { get; private set; }
    public string AcceptedById { get; private set; } = "";
    public string AcceptedByName { get; private set; } = "";
    public ComplaintStatus Status { get; private set; }
    public int? DepartmentId { get; private set; }
    public string? Cause { get; private set; }

    /// <summary>The cause the proposal named from the admin-kept list (a second-level code), beside the free-text cause.</summary>
    public int? CauseCodeId { get; private set; }
    public string? ResponsiblePerson { get; private set; }
    public string? Measures { get; private set; }
    public string? ManagerDecision { get; private set; }
    public int? Satisfaction { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }

    /// <summary>Who works on the case now: the desk that accepted it, then the department.</summary>
    public string? AssigneeId { get; private set; }

    public CustomerTier? CustomerTier { get; private set; }
    public SlaClockMode SlaMode { get; private set; }
    public DateTime? ResponseDueUtc { get; private set; }
    public DateTime? ResolutionDueUtc { get; private set; }
    public DateTime? FirstRespondedAtUtc { get; private set; }
    public DateTime? ResolvedAtUtc { get; private set; }

    /// <summary>
    /// The first response and the (final) resolution in the policy's own measure, net of pauses, stored
    /// as each happens (issue 19), so the KPIs are sums, counts and ranks over stored numbers; null until
    /// then (and for cases resolved before the durations were kept). A reopening clears the resolution's.
    /// </summary>
    public long? FirstResponseMinutes { get; private set; }

    public long? ResolutionMinutes { get; private set; }

    /// <summary>The minutes the clock was paused (waiting for the customer), in the policy's measure.</summary>
    public long PausedMinutes { get; private set; }

    /// <summary>Whether the step needs the case's clock read (<see cref="ComplaintCommand.Clock"/>): it responds first, resolves or resumes.</summary>
    public bool ReadsClockAt(ComplaintAction action) =>
        ComplaintLifecycle.RespondsFirst(Kind, action) || ComplaintLifecycle.Resolves(Kind, action) || action == ComplaintAction.ResumeSla;
    public DateTime? SlaPausedAtUtc { get; private set; }
    public SlaState SlaState { get; private set; }

    // The thresholds of the window that runs now (first response, then resolution); null when none runs.
    public DateTime? SlaAtRiskUtc { get; private set; }
    public DateTime? SlaDueUtc { get; private set; }
    public DateTime? SlaEscalateUtc { get; private set; }

    // The resolution window's thresholds, waiting for the first response to start counting against them.
    public DateTime? ResolutionAtRiskUtc { get; private set; }
    public DateTime? ResolutionEscalateUtc { get; private set; }

    /// <summary>The thresholds of the current window, paused or not.</summary>
    public SlaThresholds? SlaWindow =>
        SlaAtRiskUtc is { } atRisk && SlaDueUtc is { } due && SlaEscalateUtc is { } escalate
            ? new SlaThresholds(atRisk, due, escalate)
            : null;

    /// <summary>Bumped by every step so two users acting at once cannot overwrite each other.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<TimelineEntry> Timeline => _timeline;

    /// <summary>The tasks other departments were asked to help with (协办).</summary>
    public IReadOnlyList<HelperTask> HelperTasks => _helperTasks;

    public bool IsOpen => Status != ComplaintStatus.Closed;

    private Complaint()
    {
    }

    /// <summary>
    /// Registers a validated intake under its acceptance number; the timeline starts here.
    /// <paramref name="preferredAtUtc"/> is a request's preferred time, converted by the caller from the company's time zone.
    /// </summary>
    public static Complaint Register(ComplaintIntake intake, string acceptanceNumber, Actor acceptedBy, DateTime nowUtc, SlaPlan? deadlines = null, DateTime? preferredAtUtc = null)
    {
        if (intake.Validate().Count > 0)
        {
            throw new ArgumentException("The intake has validation errors.", nameof(intake));
        }

        var isComplaint = intake.Kind == CaseKind.Complaint;
        var complaint = new Complaint
        {
            Kind = intake.Kind,
            Urgent = intake.Urgent,
            Place = intake.Kind == CaseKind.ServiceRequest ? intake.Place.Trim() : "",
            PreferredAtUtc = intake.Kind == CaseKind.ServiceRequest ? preferredAtUtc : null,
            AcceptanceNumber = acceptanceNumber,
            SubmissionKey = intake.SubmissionKey,
            CustomerId = intake.CustomerId,
            CustomerName = intake.CustomerName.Trim(),
            CustomerAddress = intake.CustomerAddress.Trim(),
            CustomerPhone = intake.CustomerPhone.Trim(),
            Channel = intake.Channel!.Value,
            Reason = intake.Reason.Trim(),
            CustomerRequest = intake.CustomerRequest.Trim(),
            Class = isComplaint ? intake.Class!.Value : ComplaintClass.General,
            Type = isComplaint ? intake.Type!.Value : ComplaintType.Other,
            AmountClaimed = isComplaint && intake.Class == ComplaintClass.FeeDeduction ? intake.AmountClaimed : null,
            UnjustifiedReason = isComplaint && intake.Class == ComplaintClass.Unjustified ? intake.UnjustifiedReason.Trim() : null,
            Remarks = intake.Remarks.Trim(),
            AcceptedAtUtc = nowUtc,
            AcceptedById = acceptedBy.UserId,
            AcceptedByName = acceptedBy.Name,
            Status = ComplaintStatus.Registered,
            UpdatedAtUtc = nowUtc,
            AssigneeId = acceptedBy.UserId,
            CustomerTier = intake.CustomerTier,
        };
        if (deadlines is not null)
        {
            complaint.SlaMode = deadlines.Mode;
            complaint.ResponseDueUtc = deadlines.Response.DueUtc;
            complaint.StartResolutionWindowLater(deadlines.Resolution);
            complaint.Run(deadlines.Response);
        }

        complaint._timeline.Add(new TimelineEntry(nowUtc, acceptedBy, ComplaintAction.Register, null, ComplaintStatus.Registered, null));
        return complaint;
    }

    /// <summary>
    /// Takes one step of the lifecycle. Every check runs before anything changes, so a refused
    /// step leaves the case exactly as it was.
    /// </summary>
    /// <summary>
    /// The customer asked to be forgotten (PIPL): the case keeps its facts and figures, not who
    /// complained, their phone or address.
    /// </summary>
    public void EraseCustomer(string erasedName)
    {
        CustomerName = erasedName;
        CustomerPhone = "";
        CustomerAddress = "";
    }

    /// <summary>
    /// The calendar changed under an open case counted in business hours: its deadlines still ahead
    /// move as <paramref name="move"/> says (<see cref="DeadlineRecompute"/>), and the timeline says
    /// from when to when (the due time of the window running, or of the response), by <paramref name="by"/>.
    /// A paused case waits for its resume, which lays the rest out on the calendar of then. Returns
    /// whether anything moved.
    /// </summary>
    public bool MoveDeadlines(Func<DateTime, DateTime> move, Actor by, DateTime nowUtc, Func<DateTime, DateTime, string> describe)
    {
        if (!IsOpen || SlaMode != SlaClockMode.BusinessHours || SlaPausedAtUtc is not null)
        {
            return false;
        }

        DateTime? Moved(DateTime? instant) => instant is { } value ? move(value) : null;
        var shown = SlaDueUtc ?? ResponseDueUtc;
        var before = (ResponseDueUtc, ResolutionDueUtc, SlaAtRiskUtc, SlaDueUtc, SlaEscalateUtc, ResolutionAtRiskUtc, ResolutionEscalateUtc);
        (ResponseDueUtc, ResolutionDueUtc, SlaAtRiskUtc, SlaDueUtc, SlaEscalateUtc, ResolutionAtRiskUtc, ResolutionEscalateUtc) =
            (Moved(ResponseDueUtc), Moved(ResolutionDueUtc), Moved(SlaAtRiskUtc), Moved(SlaDueUtc), Moved(SlaEscalateUtc), Moved(ResolutionAtRiskUtc), Moved(ResolutionEscalateUtc));
        if (before == (ResponseDueUtc, ResolutionDueUtc, SlaAtRiskUtc, SlaDueUtc, SlaEscalateUtc, ResolutionAtRiskUtc, ResolutionEscalateUtc))
        {
            return false;
        }

        UpdatedAtUtc = nowUtc;
        Version++;
        var note = shown is { } from && (SlaDueUtc ?? ResponseDueUtc) is { } to && from != to ? describe(from, to) : null;
        _timeline.Add(new TimelineEntry(nowUtc, by, ComplaintAction.RecomputeDeadlines, Status, Status, note));
        return true;
    }

    /// <summary>
    /// What happened to the case's evidence, on its timeline (issue 17: each upload, download and
    /// delete). Not a step: the status, the version and the clock stay, so a head's step begun on
    /// the page is not refused because someone opened a photo meanwhile.
    /// </summary>
    public void RecordFiles(ComplaintAction action, Actor by, DateTime nowUtc, string note)
    {
        if (!IsAboutFiles(action))
        {
            throw new ArgumentOutOfRangeException(nameof(action));
        }

        _timeline.Add(new TimelineEntry(nowUtc, by, action, Status, Status, note));
    }

    /// <summary>The timeline entries about the case's files rather than steps of it.</summary>
    public static readonly IReadOnlyList<ComplaintAction> FileActions = [ComplaintAction.AddFiles, ComplaintAction.DownloadFile, ComplaintAction.DeleteFile];

    /// <summary>Whether a timeline entry is about the case's files rather than a step of it.</summary>
    public static bool IsAboutFiles(ComplaintAction action) => FileActions.Contains(action);

    public Refusal? Apply(ComplaintCommand command, Actor actor, DateTime nowUtc)
    {
        var target = ComplaintLifecycle.Target(Kind, Status, command.Action);
        if (target is null)
        {
            return new Refusal("Refusal.NotFromStatus", command.Action, Status);
        }

        if (!ComplaintLifecycle.Permits(actor, this, command.Action))
        {
            return new Refusal("Refusal.NotPermitted", command.Action);
        }

        var refusal = Precondition(command.Action) ?? ComplaintLimits.TooLong(command) ?? CheckInput(command, actor);
        if (refusal is not null)
        {
            return refusal;
        }

        var from = Status;
        var note = command.Note;
        if (ComplaintLifecycle.RespondsFirst(Kind, command.Action))
        {
            if (FirstRespondedAtUtc is null)
            {
                FirstResponseMinutes = command.Clock?.SinceAcceptance;
            }

            RespondFirst(nowUtc);
        }

        if (ComplaintLifecycle.Resolves(Kind, command.Action))
        {
            ResolvedAtUtc = nowUtc;
            ResolutionMinutes = command.Clock is { } clock ? Math.Max(0, clock.SinceAcceptance - PausedMinutes - clock.CurrentPause) : null;
            StopClock();
        }

        switch (command.Action)
        {
            case ComplaintAction.Dispatch:
                DepartmentId = command.DepartmentId;
                AssigneeId = command.AssigneeId ?? AssigneeId;
                break;
            case ComplaintAction.StartInvestigation:
                AssigneeId = actor.UserId;
                break;
            case ComplaintAction.AskForHelp:
                _helperTasks.Add(HelperTask.Ask(command.HelperDepartmentId!.Value, command.Task ?? command.Note!, command.DueOn!.Value, command.DueAtUtc!.Value, actor.Name, nowUtc));
                break;
            case ComplaintAction.RecordFinding:
                _helperTasks.Single(t => t.Id == command.HelperTaskId).Answer(command.Task ?? command.Note!, actor.Name, nowUtc);
                break;
            case ComplaintAction.CloseHelperTask:
                _helperTasks.Single(t => t.Id == command.HelperTaskId).Close(command.Task ?? command.Note!, actor.Name, nowUtc);
                break;
            case ComplaintAction.ChangeUrgency:
                Urgent = command.Urgent!.Value;
                note = command.Note;
                if (command.NewPlan is { } plan && ResolvedAtUtc is null)
                {
                    FollowPlan(plan);
                }

                break;
            case ComplaintAction.PauseSla:
                SlaPausedAtUtc = nowUtc;
                break;
            case ComplaintAction.ResumeSla:
                PausedMinutes += command.Clock?.CurrentPause ?? 0;
                SlaPausedAtUtc = null;
                ResolutionDueUtc = command.NewSla!.DueUtc;
                Run(command.NewSla, keepState: true);
                break;
            case ComplaintAction.ProposeResolution:
                Cause = command.Cause!.Trim();
                CauseCodeId = command.CauseCodeId;
                ResponsiblePerson = command.ResponsiblePerson!.Trim();
                Measures = command.Measures!.Trim();
                AmountAgreed = command.AmountAgreed;
                break;
            case ComplaintAction.Decide:
                ManagerDecision = command.Note!.Trim();
                AmountAgreed = command.AmountAgreed ?? AmountAgreed;
                break;
            case ComplaintAction.RecordReturnVisit:
                Satisfaction = command.Satisfaction;
                break;
            case ComplaintAction.Reopen:
                Satisfaction = null;
                ResolvedAtUtc = null;
                ResolutionMinutes = null;
                if (command.NewSla is { } reopened)
                {
                    // A reopened case gets a fresh resolution window from now.
                    ResolutionDueUtc = reopened.DueUtc;
                    Run(reopened);
                }

                break;
            case ComplaintAction.ConfirmUnjustified:
                UnjustifiedConfirmedBy = actor.Name;
                break;
        }

        Status = target.Value;
        UpdatedAtUtc = nowUtc;
        Version++;
        _timeline.Add(new TimelineEntry(nowUtc, actor, command.Action, from, Status, note));
        return null;
    }

    /// <summary>
    /// The urgency changed: the deadlines are those of the other policy, counted from acceptance. The
    /// window that runs now (response, or resolution once answered) follows it, fresh on track; a paused
    /// case keeps waiting and is extended on resuming as before.
    /// </summary>
    private void FollowPlan(SlaPlan plan)
    {
        SlaMode = plan.Mode;
        ResponseDueUtc = plan.Response.DueUtc;
        if (FirstRespondedAtUtc is null)
        {
            StartResolutionWindowLater(plan.Resolution);
            Run(plan.Response);
        }
        else
        {
            ResolutionDueUtc = plan.Resolution.DueUtc;
            Run(plan.Resolution);
        }
    }

    private void StartResolutionWindowLater(SlaThresholds resolution)
    {
        ResolutionDueUtc = resolution.DueUtc;
        ResolutionAtRiskUtc = resolution.AtRiskUtc;
        ResolutionEscalateUtc = resolution.EscalateUtc;
    }

    /// <summary>The first response (the desk confirms the case) stops the response clock and starts resolution's.</summary>
    private void RespondFirst(DateTime nowUtc)
    {
        FirstRespondedAtUtc ??= nowUtc;
        if (ResolutionAtRiskUtc is { } atRisk && ResolutionDueUtc is { } due && ResolutionEscalateUtc is { } escalate)
        {
            Run(new SlaThresholds(atRisk, due, escalate));
            ResolutionAtRiskUtc = ResolutionEscalateUtc = null;
        }
    }

    private void Run(SlaThresholds thresholds, bool keepState = false)
    {
        (SlaAtRiskUtc, SlaDueUtc, SlaEscalateUtc) = (thresholds.AtRiskUtc, thresholds.DueUtc, thresholds.EscalateUtc);

        // A new window starts on track; the SLA job moves it on (and tells people) as thresholds pass.
        SlaState = keepState ? SlaState : SlaState.OnTrack;
    }

    private void StopClock() => SlaAtRiskUtc = SlaDueUtc = SlaEscalateUtc = null;

    /// <summary>Rules that depend on the case itself rather than on what the user typed.</summary>
    internal Refusal? Precondition(ComplaintAction action) => action switch
    {
        ComplaintAction.Close when Satisfaction is < 3 => new Refusal("Refusal.CustomerNotSatisfied"),
        ComplaintAction.Close when Class == ComplaintClass.Unjustified && UnjustifiedConfirmedBy is null =>
            new Refusal("Refusal.UnjustifiedNotConfirmed"),
        ComplaintAction.ConfirmUnjustified when Class != ComplaintClass.Unjustified || UnjustifiedConfirmedBy is not null =>
            new Refusal("Refusal.NothingToConfirm"),
        // Waiting for the customer happens once the desk has answered, against the resolution clock.
        ComplaintAction.PauseSla when FirstRespondedAtUtc is null || SlaDueUtc is null || SlaPausedAtUtc is not null =>
            new Refusal("Refusal.NoClockToPause"),
        ComplaintAction.ResumeSla when SlaPausedAtUtc is null => new Refusal("Refusal.NotPaused"),
        // A case is not proposed while a department it asked for help has not answered (or the task was closed).
        ComplaintAction.ProposeResolution when _helperTasks.Any(t => t.IsOpen) => new Refusal("Refusal.HelperTaskOpen"),
        ComplaintAction.CloseHelperTask when !_helperTasks.Any(t => t.IsOpen) => new Refusal("Refusal.NoOpenHelperTask"),
        _ => null,
    };

    private Refusal? CheckInput(ComplaintCommand command, Actor actor)
    {
        static bool Blank(string? text) => string.IsNullOrWhiteSpace(text);

        return command.Action switch
        {
            _ when ComplaintLifecycle.NeedsNote(Kind, command.Action) && Blank(command.Note) => new Refusal("Refusal.NoteRequired"),
            ComplaintAction.ChangeUrgency when command.Urgent is not { } urgent || urgent == Urgent => new Refusal("Refusal.UrgencyUnchanged"),
            ComplaintAction.Dispatch when command.DepartmentId is null => new Refusal("Refusal.DepartmentRequired"),
            ComplaintAction.AskForHelp when command.HelperDepartmentId is not { } helper || helper == DepartmentId => new Refusal("Refusal.HelperDepartmentRequired"),
            ComplaintAction.AskForHelp when command.DueOn is null || command.DueAtUtc is null => new Refusal("Actions.DueRequired"),
            ComplaintAction.AskForHelp when _helperTasks.Any(t => t.IsOpen && t.DepartmentId == command.HelperDepartmentId) => new Refusal("Refusal.HelperTaskAlreadyOpen"),
            ComplaintAction.RecordFinding when _helperTasks.FirstOrDefault(t => t.Id == command.HelperTaskId) is not { IsOpen: true } task || !actor.IsHeadOf(task.DepartmentId) =>
                new Refusal("Refusal.NoOpenHelperTask"),
            ComplaintAction.CloseHelperTask when _helperTasks.FirstOrDefault(t => t.Id == command.HelperTaskId) is not { IsOpen: true } =>
                new Refusal("Refusal.NoOpenHelperTask"),
            ComplaintAction.ProposeResolution when Blank(command.Cause) || Blank(command.ResponsiblePerson) || Blank(command.Measures) =>
                new Refusal("Refusal.ResolutionIncomplete"),
            ComplaintAction.ProposeResolution when command.CauseListKept && command.CauseCodeId is null =>
                new Refusal("Refusal.CauseCodeRequired"),
            ComplaintAction.ProposeResolution when Class == ComplaintClass.FeeDeduction && command.AmountAgreed is null =>
                new Refusal("Refusal.AmountAgreedRequired"),
            ComplaintAction.ProposeResolution or ComplaintAction.Decide when command.AmountAgreed is < 0 =>
                new Refusal("Refusal.NegativeAmount"),
            ComplaintAction.ProposeResolution when command.AmountAgreed > actor.AuthorityLimit =>
                new Refusal("Refusal.AboveAuthority", actor.AuthorityLimit),
            ComplaintAction.RecordReturnVisit when command.Satisfaction is not (>= 1 and <= 5) =>
                new Refusal("Refusal.SatisfactionRange"),
            ComplaintAction.ResumeSla when command.NewSla is null => throw new ArgumentException("Resuming needs the extended deadlines.", nameof(command)),
            _ => null,
        };
    }
}
