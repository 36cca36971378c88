using System.Linq.Expressions;
using CarePortal.Domain.Audit;
using CarePortal.Domain.Causes;
using CarePortal.Domain.Complaints;
using CarePortal.Domain.Customers;
using CarePortal.Domain.Deadlines;
using CarePortal.Domain.Staff;
using CarePortal.Web.Company;
using CarePortal.Web.Data;
using CarePortal.Domain.FollowUps;
using CarePortal.Web.Features.Deadlines;
using CarePortal.Web.Features.FollowUps;
using CarePortal.Web.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CarePortal.Web.Features.Complaints;

/// <summary>Loads and saves complaints; every change is published on the event bus.</summary>
public sealed class ComplaintService(
    IDbContextFactory<CareDbContext> dbFactory,
    CompanyClock clock,
    DeadlineService deadlines,
    ICareEventBus bus,
    UrgentCaseAlerts urgentAlerts,
    HelperTaskAlerts helperAlerts,
    IOptions<FollowUpOptions> followUps,
    ILogger<ComplaintService> logger)
{
    private const int MaxNumberAttempts = 5;

    /// <summary>
    /// Registers a complaint: links its customer (creating one for a new caller), records the contact,
    /// takes the acceptance number and inserts the complaint, all in one transaction, so a failed
    /// registration leaves nothing behind. <paramref name="intake"/> (the desk's form) is only read.
    /// A submission key that registered a complaint before registers nothing: the answer is that
    /// complaint, marked <see cref="RegisterResult.AlreadyRegistered"/>.
    /// </summary>
    public async Task<RegisterResult> RegisterAsync(ComplaintIntake intake, Actor actor, CancellationToken cancellationToken = default)
    {
        try
        {
            return await RegisterOnceAsync(intake, actor, cancellationToken);
        }
        catch (Exception e) when (SaveFailures.IsDatabaseFailure(e))
        {
            return new RegisterResult(null, new Dictionary<string, string>(), SaveFailures.NotSaved(logger, e, "The registration of a complaint"));
        }
    }

    private async Task<RegisterResult> RegisterOnceAsync(ComplaintIntake intake, Actor actor, CancellationToken cancellationToken)
    {
        if (await RegisteredWithAsync(intake.SubmissionKey, cancellationToken) is { } earlier)
        {
            return new RegisterResult(earlier, NoErrors, AlreadyRegistered: true);
        }

        var (filled, customer) = await FillFromDirectoryAsync(intake, cancellationToken);
        var errors = filled.Validate();
        if (errors.Count > 0)
        {
            return new RegisterResult(null, errors);
        }

        var nowUtc = clock.UtcNow;
        filled.CustomerTier = customer?.Tier ?? NewCustomer(filled, clock.UtcNow).Tier;
        var plan = await deadlines.PlanAsync(filled.Kind, filled.Class ?? ComplaintClass.General, filled.CustomerTier, filled.Urgent, nowUtc, cancellationToken);
        var (complaint, repeated) = await SaveNewAsync(filled, customer?.Id, actor, nowUtc, plan, cancellationToken);
        if (repeated)
        {
            return new RegisterResult(complaint, errors, AlreadyRegistered: true);
        }

        await bus.PublishAsync(await EventForAsync(CareEventKinds.ComplaintRegistered, complaint, cancellationToken), await ViewersAsync([complaint.DepartmentId], [complaint.AssigneeId], cancellationToken), cancellationToken);
        if (UrgentCaseAlert.MomentOf(ComplaintAction.Register, complaint.Urgent) is { } moment)
        {
            await urgentAlerts.RaiseAsync(complaint, moment, actor, nowUtc, cancellationToken);
        }

        return new RegisterResult(complaint, errors);
    }

    private static readonly IReadOnlyDictionary<string, string> NoErrors = new Dictionary<string, string>();

    /// <summary>The complaint a submission key registered, if any.</summary>
    private async Task<Complaint?> RegisteredWithAsync(Guid? submissionKey, CancellationToken cancellationToken)
    {
        if (submissionKey is not { } key)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await RegisteredWithAsync(db, key, cancellationToken);
    }

    private static Task<Complaint?> RegisteredWithAsync(CareDbContext db, Guid key, CancellationToken cancellationToken) =>
        db.Complaints.AsNoTracking().FirstOrDefaultAsync(c => c.SubmissionKey == key, cancellationToken);

    private sealed record LinkedCustomer(int Id, CustomerTier Tier);

    /// <summary>The directory customer a new caller's complaint creates.</summary>
    /// <summary>A new caller's customer record: added now (the lapse pass and the key-customer lists count from it).</summary>
    private static Customer NewCustomer(ComplaintIntake filled, DateTime nowUtc) =>
        new() { Name = filled.CustomerName.Trim(), Phone = filled.CustomerPhone.Trim(), Address = filled.CustomerAddress.Trim(), AddedAtUtc = nowUtc, StatusSinceUtc = nowUtc };

    /// <summary>
    /// The intake as it will be saved, and the directory customer it belongs to: the one picked
    /// (bringing their name, phone, address and tier in clear), else the one with the same phone
    /// number, else none yet (a new one is made from the intake when saving).
    /// </summary>
    private async Task<(ComplaintIntake Filled, LinkedCustomer? Customer)> FillFromDirectoryAsync(ComplaintIntake intake, CancellationToken cancellationToken)
    {
        var filled = intake.Copy();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (filled.CustomerId is { } customerId)
        {
            var picked = await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == customerId, cancellationToken);
            if (picked is not null)
            {
                filled.CustomerName = picked.Name;
                filled.CustomerPhone = picked.Phone;
                filled.CustomerAddress = string.IsNullOrWhiteSpace(filled.CustomerAddress) || filled.CustomerAddress.Contains('*') ? picked.Address : filled.CustomerAddress;
                return (filled, new LinkedCustomer(picked.Id, picked.Tier));
            }

            filled.CustomerId = null;
        }

        var phone = filled.CustomerPhone.Trim();
        var samePhone = await db.Customers.Where(c => c.Phone == phone).Select(c => new LinkedCustomer(c.Id, c.Tier)).FirstOrDefaultAsync(cancellationToken);
        filled.CustomerId = samePhone?.Id;
        return (filled, samePhone);
    }

    /// <summary>
    /// Takes one lifecycle step; returns why it was refused (a database that fails the save included:
    /// "not saved"), or null when it was saved.
    /// </summary>
    public async Task<Refusal?> ApplyAsync(int complaintId, ComplaintCommand command, Actor actor, CancellationToken cancellationToken = default)
    {
        try
        {
            return await ApplyOnceAsync(complaintId, command, actor, cancellationToken);
        }
        catch (Exception e) when (SaveFailures.IsDatabaseFailure(e))
        {
            return SaveFailures.NotSaved(logger, e, $"The step {command.Action} of complaint", complaintId);
        }
    }

    private async Task<Refusal?> ApplyOnceAsync(int complaintId, ComplaintCommand command, Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var complaint = await db.Complaints.Include(c => c.HelperTasks).SingleOrDefaultAsync(c => c.Id == complaintId, cancellationToken);
        if (complaint is null)
        {
            return new Refusal("Refusal.NotFound");
        }

        // A case outside the actor's scope is refused whatever the step (a forged request, an old link).
        if (!ComplaintScope.MaySee(await db.AsTheyAreNowAsync(actor, cancellationToken), complaint))
        {
            return new Refusal("Refusal.OutOfScope");
        }

        // Those who saw the case before the step hear of it too (their queue drops a case dispatched elsewhere).
        var (departmentBefore, assigneeBefore, statusBefore, urgentBefore, causeBefore) = (complaint.DepartmentId, complaint.AssigneeId, complaint.Status, complaint.Urgent, complaint.CauseCodeId);

        // Taken only on the case the page showed: a step someone took since is not overwritten.
        if (command.SeenStepId is { } seen && await StepSinceAsync(db, complaintId, seen, cancellationToken) is { } changed)
        {
            return changed;
        }

        if (command is { Action: ComplaintAction.Dispatch, DepartmentId: { } departmentId })
        {
            var department = await db.Departments.Where(d => d.Id == departmentId).Select(d => new { d.Name, d.HeadUserId }).FirstOrDefaultAsync(cancellationToken);
            if (department is null)
            {
                return new Refusal("Refusal.DepartmentRequired");
            }

            // The timeline names the department the case went to; its head takes the case.
            command = command with
            {
                Note = string.IsNullOrWhiteSpace(command.Note) ? department.Name : $"{department.Name}: {command.Note.Trim()}",
                AssigneeId = department.HeadUserId,
            };
        }

        if (await HelperStepAsync(db, complaint, command, cancellationToken) is not { } helperStep)
        {
            return new Refusal("Refusal.HelperDepartmentRequired");
        }

        command = helperStep;

        // Once the company keeps a cause list, a proposal names one of its causes still offered (one
        // retired meanwhile is refused); the case refuses a proposal without one (Complaint.CheckInput).
        if (command.Action == ComplaintAction.ProposeResolution)
        {
            var causes = await db.CauseCodes.AsNoTracking().ToListAsync(cancellationToken);
            if (CauseCodeRules.ProposalProblem(command.CauseCodeId, causes) is { } causeProblem)
            {
                return new Refusal(causeProblem);
            }

            command = command with { CauseListKept = CauseCodeRules.Offered(causes).Count > 0 };
        }

        // Who heads which department is read now, not taken from the sign-in cookie or the page.
        actor = await db.AsTheyAreNowAsync(actor, cancellationToken);
        var nowUtc = clock.UtcNow;
        if (await deadlines.NewWindowAsync(complaint, command.Action, nowUtc, cancellationToken) is { } window)
        {
            command = command with { NewSla = window };
        }

        // The durations the KPIs count are stored as the step happens, in the case's own measure (issue 19).
        if (complaint.ReadsClockAt(command.Action))
        {
            command = command with { Clock = await deadlines.ReadClockAsync(complaint, nowUtc, cancellationToken) };
        }

        if (command is { Action: ComplaintAction.ChangeUrgency, Urgent: { } urgent })
        {
            // The other policy's deadlines, counted from acceptance as the first ones were.
            command = command with
            {
                NewPlan = await deadlines.PlanAsync(complaint.Kind, complaint.Class, complaint.CustomerTier, urgent, complaint.AcceptedAtUtc, cancellationToken),
            };
        }

        // The return visit is planned in working time when the customer is informed (design §3).
        DateTime? returnVisitAtUtc = command.Action == ComplaintAction.InformCustomer && complaint.CustomerId is not null
            ? await ReturnVisitTimeAsync(nowUtc, cancellationToken)
            : null;

        var refusal = complaint.Apply(command, actor, nowUtc);
        if (refusal is not null)
        {
            return refusal;
        }

        // Saved with the step itself, so a case and its one return visit never disagree.
        var pendingVisits = db.FollowUps.Where(f => f.ComplaintId == complaint.Id && f.Kind == FollowUpKind.ReturnVisit
            && (f.Status == FollowUpStatus.Planned || f.Status == FollowUpStatus.Rescheduled));
        FollowUp? completedVisit = null;
        switch (command.Action)
        {
            case ComplaintAction.InformCustomer when returnVisitAtUtc is { } plannedAtUtc:
                db.FollowUps.Add(FollowUp.ReturnVisitFor(complaint, actor.UserId, plannedAtUtc, nowUtc));
                break;
            case ComplaintAction.RecordReturnVisit:
                // Completing the return visit is this step: the follow-up gets the same outcome and score.
                completedVisit = await pendingVisits.FirstOrDefaultAsync(cancellationToken);
                // The return visit is its assignee's (or their head's, a manager's), like any follow-up.
                if (completedVisit is not null && await db.RefusalToChangeAsync(completedVisit, actor, cancellationToken) is { } notYours)
                {
                    return notYours;
                }

                if (completedVisit?.Complete(command.Note, command.Report, command.Satisfaction, nowUtc) is { } notCompleted)
                {
                    return notCompleted;
                }

                completedVisit?.RecordChange(actor.Name, nowUtc);

                break;
            case ComplaintAction.Reopen:
                // A reopened case is informed again later, which plans its return visit then.
                db.FollowUps.RemoveRange(await pendingVisits.ToListAsync(cancellationToken));
                break;
        }

        // A return visit is a contact with the customer, recorded in the same transaction; other
        // steps save in SaveChanges' own (taking the write lock only when saving).
        var contactedCustomer = command.Action == ComplaintAction.RecordReturnVisit ? complaint.CustomerId : null;
        await using var transaction = contactedCustomer is null ? null : await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new Refusal("Refusal.ChangedMeanwhile");
        }

        if (transaction is not null)
        {
            await db.RecordContactAsync(contactedCustomer!.Value, nowUtc, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        if (completedVisit is not null)
        {
            await bus.PublishAsync(
                CareEvent.FollowUp(CareEventKinds.FollowUpChanged, completedVisit.AssigneeId, completedVisit.PlannedAtUtc, followUpId: completedVisit.Id,
                    status: completedVisit.Status, complaintId: complaint.Id),
                Audience.Users(completedVisit.AssigneeId),
                cancellationToken);
        }

        // The heads of departments asked for help see the case too (most cases have none: no query then).
        var helperDepartments = complaint.HelperTasks.Select(t => t.DepartmentId).Distinct().ToList();
        var helperHeads = helperDepartments.Count == 0 ? [] : await db.Departments.Where(d => helperDepartments.Contains(d.Id) && d.HeadUserId != null)
            .Select(d => d.HeadUserId!).ToListAsync(cancellationToken);
        var viewers = await ViewersAsync([departmentBefore, complaint.DepartmentId], [assigneeBefore, complaint.AssigneeId, .. helperHeads], cancellationToken);
        var changedEvent = await EventForAsync(CareEventKinds.ComplaintChanged, complaint, cancellationToken);
        await bus.PublishAsync(changedEvent with
        {
            PreviousStatus = statusBefore,
            PreviousDepartmentId = departmentBefore,
            PreviousAssigneeId = assigneeBefore,
            PreviouslyUrgent = urgentBefore,
            PreviousCauseCodeId = causeBefore,
        }, viewers, cancellationToken);
        if (UrgentCaseAlert.MomentOf(command.Action, complaint.Urgent) is { } moment)
        {
            await urgentAlerts.RaiseAsync(complaint, moment, actor, nowUtc, cancellationToken);
        }

        if (command.Action == ComplaintAction.AskForHelp)
        {
            await helperAlerts.AskedAsync(complaint, complaint.HelperTasks.Where(t => t.IsOpen).MaxBy(t => t.Id)!, cancellationToken);
        }

        return null;
    }

    /// <summary>
    /// A helper step as the case takes it (协办): the department asked for named on the timeline before
    /// the task, the due day's end in the company's time; a finding or closing names its task's
    /// department. Null when the department asked for does not exist. Other steps pass unchanged.
    /// </summary>
    private async Task<ComplaintCommand?> HelperStepAsync(CareDbContext db, Complaint complaint, ComplaintCommand command, CancellationToken cancellationToken)
    {
        int? departmentId = command.Action switch
        {
            ComplaintAction.AskForHelp => command.HelperDepartmentId,
            ComplaintAction.RecordFinding or ComplaintAction.CloseHelperTask => complaint.HelperTasks.FirstOrDefault(t => t.Id == command.HelperTaskId)?.DepartmentId,
            _ => null,
        };
        if (command.Action is not (ComplaintAction.AskForHelp or ComplaintAction.RecordFinding or ComplaintAction.CloseHelperTask) || string.IsNullOrWhiteSpace(command.Note))
        {
            return command;
        }

        var name = departmentId is { } id ? await db.Departments.Where(d => d.Id == id).Select(d => d.Name).FirstOrDefaultAsync(cancellationToken) : null;
        if (name is null)
        {
            // A finding or closing of no task of the case is refused by the case itself.
            return command.Action == ComplaintAction.AskForHelp ? null : command;
        }

        return command with
        {
            Task = command.Note.Trim(),
            Note = $"{name}: {command.Note.Trim()}",
            DueAtUtc = command.DueOn is { } due ? clock.EndOfDayUtc(due) : null,
        };
    }

    /// <summary>
    /// "Changed by X at T (step), reload": the case's last step, when it is not the one the page
    /// showed. Only steps count: the deadline pass moving a case at risk is no one's change.
    /// </summary>
    private async Task<Refusal?> StepSinceAsync(CareDbContext db, int complaintId, long seenStepId, CancellationToken cancellationToken)
    {
        // Files added, opened or deleted are on the timeline but are not steps (Complaint.RecordFiles).
        var last = await db.TimelineEntries.Where(t => t.ComplaintId == complaintId)
            .Where(t => !Complaint.FileActions.Contains(t.Action))
            .OrderByDescending(t => t.Id)
            .Select(t => new { t.Id, t.ActorName, t.AtUtc, t.Action })
            .FirstOrDefaultAsync(cancellationToken);
        return last is null || last.Id == seenStepId
            ? null
            : new Refusal("Refusal.CaseChanged", last.ActorName, clock.ToLocal(last.AtUtc), last.Action);
    }

    /// <summary>When a return visit planned now takes place: <c>FollowUps:ReturnVisitDelayDays</c> working days on, in working hours.</summary>
    private async Task<DateTime> ReturnVisitTimeAsync(DateTime nowUtc, CancellationToken cancellationToken)
    {
        var calendar = await deadlines.CalendarAsync(cancellationToken);
        var workingDay = calendar.WorkEnd - calendar.WorkStart;
        var due = calendar.AddWorkingTime(clock.ToLocal(nowUtc), workingDay * followUps.Value.ReturnVisitDelayDays);

        // Informed after hours, the working time runs out at a closing time: the visit is planned at
        // the next opening (the same working time), not at closing, when it would go overdue for the night.
        return clock.ToUtc(TimeOnly.FromDateTime(due) == calendar.WorkEnd ? calendar.AddWorkingTime(due, TimeSpan.Zero) : due);
    }

    /// <summary>
    /// The case as <paramref name="viewer"/> may see it: null when it does not exist or is outside
    /// their scope (<see cref="ComplaintScope"/>); the complainant's phone and address masked unless
    /// the viewer calls the customer back or is their account manager.
    /// </summary>
    public async Task<ComplaintDetails?> GetAsync(int complaintId, Actor viewer, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        viewer = await db.AsTheyAreNowAsync(viewer, cancellationToken);
        var complaint = await db.Complaints.AsNoTracking().Include(c => c.Timeline).Include(c => c.HelperTasks).AsSplitQuery()
            .SingleOrDefaultAsync(c => c.Id == complaintId, cancellationToken);
        if (complaint is null || !ComplaintScope.MaySee(viewer, complaint))
        {
            return null;
        }

        var department = complaint.DepartmentId is null
            ? null
            : await db.Departments.Where(d => d.Id == complaint.DepartmentId).Select(d => d.Name).FirstOrDefaultAsync(cancellationToken);
        var accountManagerId = await AccountManagerOfAsync(db, complaint.CustomerId, cancellationToken);
        var contact = ComplaintScope.SeesContactInFull(viewer, complaint.DepartmentId, complaint.AssigneeId, accountManagerId)
            ? new CaseContact(complaint.CustomerPhone, complaint.CustomerAddress, Masked: false)
            : new CaseContact(PersonalData.MaskPhone(complaint.CustomerPhone), PersonalData.MaskAddress(complaint.CustomerAddress), Masked: true);
        return new ComplaintDetails(complaint, department, complaint.Timeline.OrderBy(t => t.AtUtc).ThenBy(t => t.Id).ToList(), contact);
    }

    /// <summary>
    /// The complainant's phone or address in full, for a viewer who sees it masked on the case page;
    /// the reveal is written to the audit trail in the same save. Null when the case is not theirs to see.
    /// </summary>
    public async Task<string?> RevealAsync(int complaintId, string field, Actor viewer, CancellationToken cancellationToken = default)
    {
        if (field is not (PersonalData.Phone or PersonalData.Address))
        {
            throw new ArgumentOutOfRangeException(nameof(field));
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        viewer = await db.AsTheyAreNowAsync(viewer, cancellationToken);
        var complaint = await db.Complaints.AsNoTracking()
            .Where(c => c.Id == complaintId)
            .Select(c => new { c.DepartmentId, c.AssigneeId, c.CustomerId, c.CustomerPhone, c.CustomerAddress })
            .SingleOrDefaultAsync(cancellationToken);
        if (complaint is null || !ComplaintScope.MaySee(viewer, complaint.DepartmentId, complaint.AssigneeId))
        {
            return null;
        }

        var value = field == PersonalData.Phone ? complaint.CustomerPhone : complaint.CustomerAddress;
        var accountManagerId = await AccountManagerOfAsync(db, complaint.CustomerId, cancellationToken);
        if (!ComplaintScope.SeesContactInFull(viewer, complaint.DepartmentId, complaint.AssigneeId, accountManagerId))
        {
            db.Audit(viewer, clock.UtcNow, AuditAction.Revealed, AuditSubject.Complaint, complaintId, field);
            await db.SaveChangesAsync(cancellationToken);
        }

        return value;
    }

    private static Task<string?> AccountManagerOfAsync(CareDbContext db, int? customerId, CancellationToken cancellationToken) =>
        customerId is { } id
            ? db.Customers.Where(c => c.Id == id).Select(c => c.AccountManagerId).FirstOrDefaultAsync(cancellationToken)
            : Task.FromResult<string?>(null);

    /// <summary>
    /// Everyone who may see a case of these departments and assignees (<see cref="ComplaintScope"/>),
    /// as named users, so each connection hears the event once and a head named meanwhile hears it
    /// at once: the desk, managers and admins, the departments' heads and members, the assignees.
    /// </summary>
    private async Task<Audience> ViewersAsync(IEnumerable<int?> departmentIds, IEnumerable<string?> assigneeIds, CancellationToken cancellationToken)
    {
        var departments = departmentIds.OfType<int>().Distinct().ToList();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var everyCase = ComplaintScope.RolesSeeingEveryCase.ToList();
        var seeAll = await (from ur in db.UserRoles
                            join r in db.Roles on ur.RoleId equals r.Id
                            where everyCase.Contains(r.Name!)
                            select ur.UserId).ToListAsync(cancellationToken);
        var members = await db.Users.Where(u => u.DepartmentId != null && departments.Contains(u.DepartmentId.Value)).Select(u => u.Id).ToListAsync(cancellationToken);
        var heads = await db.Departments.Where(d => departments.Contains(d.Id) && d.HeadUserId != null).Select(d => d.HeadUserId!).ToListAsync(cancellationToken);
        return Audience.Users([.. seeAll, .. members, .. heads, .. assigneeIds.OfType<string>()]);
    }

    /// <summary>
    /// The customer's complaints of the last 90 days (<see cref="RepeatComplainant"/>), newest first,
    /// as many as the viewer may see: what the register form tells the desk about a repeat complainant.
    /// </summary>
    public async Task<IReadOnlyList<EarlierComplaint>> EarlierComplaintsAsync(int customerId, Actor viewer, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var since = RepeatComplainant.Since(clock.UtcNow);
        return await db.Complaints.AsNoTracking()
            .Where(c => c.CustomerId == customerId && c.AcceptedAtUtc >= since)
            .Where(ComplaintScope.VisibleTo(await db.AsTheyAreNowAsync(viewer, cancellationToken)))
            .OrderByDescending(c => c.AcceptedAtUtc).ThenByDescending(c => c.Id)
            .Select(c => new EarlierComplaint(c.Id, c.AcceptanceNumber, c.AcceptedAtUtc, c.Status, c.Urgent))
            .ToListAsync(cancellationToken);
    }

    /// <summary>One page of the queue, filtered, sorted and counted in the database.</summary>
    public async Task<QueuePage> QueryQueueAsync(QueueQuery query, Actor viewer, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Only the cases the viewer may see, filtered and counted in the database (search included).
        viewer = await db.AsTheyAreNowAsync(viewer, cancellationToken);
        var complaints = db.Complaints.AsNoTracking().Where(ComplaintScope.VisibleTo(viewer));
        complaints = query.Status is { } status
            ? complaints.Where(c => c.Status == status)
            : complaints.Where(c => c.Status != ComplaintStatus.Closed);
        if (query.Kind is { } kind)
        {
            complaints = complaints.Where(c => c.Kind == kind);
        }

        if (query.Class is { } complaintClass)
        {
            // Classes are a complaint's: the other types keep the neutral one and are not of any class.
            complaints = complaints.Where(c => c.Kind == CaseKind.Complaint && c.Class == complaintClass);
        }

        if (query.DepartmentId is { } departmentId)
        {
            complaints = complaints.Where(c => c.DepartmentId == departmentId);
        }

        if (query.CauseCodeIds is { } causes)
        {
            complaints = complaints.Where(c => c.CauseCodeId != null && causes.Contains(c.CauseCodeId.Value));
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            // By number prefix, name fragment, whole phone number or a phone's ending, each through an index (QueueSearch).
            complaints = complaints.Matching(db, query.Search, viewer);
        }

        var total = await complaints.CountAsync(cancellationToken);
        var rows = QueueRows(db, complaints);
        var page = await Sort(rows, query.SortBy, query.Descending)
            .Skip(query.Page * query.PageSize)
            .Take(query.PageSize)
            .ToListAsync(cancellationToken);
        return new QueuePage(page, total, viewer);
    }

    /// <summary>
    /// The queue rows of the cases <paramref name="ids"/> the viewer may see, read by their keys:
    /// an open queue page re-reads the rows it shows whose SLA state changed, without its query.
    /// </summary>
    public async Task<IReadOnlyList<QueueRow>> QueueRowsAsync(IReadOnlyCollection<int> ids, Actor viewer, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        viewer = await db.AsTheyAreNowAsync(viewer, cancellationToken);
        var complaints = db.Complaints.AsNoTracking().Where(ComplaintScope.VisibleTo(viewer)).Where(c => ids.Contains(c.Id));
        return await QueueRows(db, complaints).ToListAsync(cancellationToken);
    }

    private static IQueryable<QueueRow> QueueRows(CareDbContext db, IQueryable<Complaint> complaints) =>
        from c in complaints
        join d in db.Departments on c.DepartmentId equals d.Id into departments
        from d in departments.DefaultIfEmpty()
        select new QueueRow
        {
            Id = c.Id,
            Kind = c.Kind,
            Urgent = c.Urgent,
            CauseCodeId = c.CauseCodeId,
            AcceptanceNumber = c.AcceptanceNumber,
            AcceptedAtUtc = c.AcceptedAtUtc,
            CustomerName = c.CustomerName,
            Class = c.Class,
            Type = c.Type,
            Channel = c.Channel,
            Status = c.Status,
            DepartmentId = c.DepartmentId,
            DepartmentName = d == null ? null : d.Name,
            UpdatedAtUtc = c.UpdatedAtUtc,
            SlaState = c.SlaState,
            SlaDueUtc = c.SlaDueUtc,
        };

    /// <summary>
    /// Urgent cases first, whatever the sort (issue 17); then the column the page sorts by. By the
    /// stored flag alone, so the newest first reads the (urgent, accepted) index in order.
    /// </summary>
    private static IQueryable<QueueRow> Sort(IQueryable<QueueRow> rows, string? sortBy, bool descending)
    {
        var urgentFirst = rows.OrderByDescending(r => r.Urgent);
        IOrderedQueryable<QueueRow> By<TKey>(Expression<Func<QueueRow, TKey>> key) =>
            descending ? urgentFirst.ThenByDescending(key) : urgentFirst.ThenBy(key);

        var sorted = sortBy switch
        {
            nameof(QueueRow.AcceptanceNumber) => By(r => r.AcceptanceNumber),
            nameof(QueueRow.CustomerName) => By(r => r.CustomerName),
            nameof(QueueRow.Class) => By(r => r.Class),
            nameof(QueueRow.Type) => By(r => r.Type),
            nameof(QueueRow.Channel) => By(r => r.Channel),
            nameof(QueueRow.Kind) => By(r => r.Kind),
            nameof(QueueRow.Status) => By(r => r.Status),
            nameof(QueueRow.DepartmentName) => By(r => r.DepartmentName),
            nameof(QueueRow.UpdatedAtUtc) => By(r => r.UpdatedAtUtc),
            nameof(QueueRow.SlaDueUtc) => By(r => r.SlaDueUtc),
            nameof(QueueRow.SlaState) => By(r => r.SlaState),
            _ => By(r => r.AcceptedAtUtc),
        };

        // A stable order, so paging never shows a row twice.
        return descending ? sorted.ThenByDescending(r => r.Id) : sorted.ThenBy(r => r.Id);
    }

    /// <summary>
    /// Saves a new complaint under the next number of the company's day, with its customer linked
    /// (created when <paramref name="customerId"/> is null) and their contact recorded, in one
    /// transaction. The day's counter is bumped inside it, so concurrent desks queue on that one
    /// row and never share a number; the unique index on the number is the last guard. The same
    /// holds for the submission key: a repeat sent at the same moment as the first finds it once the
    /// first has committed, and answers with it (Repeated) instead of inserting.
    /// </summary>
    private async Task<(Complaint Complaint, bool Repeated)> SaveNewAsync(ComplaintIntake filled, int? customerId, Actor actor, DateTime nowUtc, SlaPlan? plan, CancellationToken cancellationToken)
    {
        var day = DateOnly.FromDateTime(clock.ToLocal(nowUtc));
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                if (filled.SubmissionKey is { } key && await RegisteredWithAsync(db, key, cancellationToken) is { } earlier)
                {
                    return (earlier, true);
                }

                var intake = filled.Copy();
                if (customerId is null)
                {
                    var created = NewCustomer(intake, nowUtc);
                    db.Customers.Add(created);
                    await db.SaveChangesAsync(cancellationToken);
                    intake.CustomerId = created.Id;
                }

                await db.RecordContactAsync(intake.CustomerId!.Value, nowUtc, cancellationToken);
                var sequence = await NextSequenceAsync(db, day, intake.Kind, cancellationToken);
                DateTime? preferredAtUtc = intake.PreferredTime is { } preferred ? clock.ToUtc(preferred) : null;
                var complaint = Complaint.Register(intake, AcceptanceNumber.Format(intake.Kind, day, sequence), actor, nowUtc, plan, preferredAtUtc);
                db.Complaints.Add(complaint);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return (complaint, false);
            }
            catch (DbUpdateException) when (attempt < MaxNumberAttempts)
            {
                // Another desk opened the day's counter at the same moment; take the next number
                // (the transaction is rolled back, the customer made in it too). Or the same form's
                // repeat committed first: the next attempt finds it.
            }
        }
    }

    /// <summary>The next number of the day for the type: each type counts its own day (BX-…-0001 beside TS-…-0001).</summary>
    private static async Task<int> NextSequenceAsync(CareDbContext db, DateOnly day, CaseKind kind, CancellationToken cancellationToken)
    {
        var bumped = await db.AcceptanceCounters.Where(c => c.Day == day && c.Kind == kind)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastSequence, c => c.LastSequence + 1), cancellationToken);
        if (bumped == 0)
        {
            db.AcceptanceCounters.Add(new AcceptanceCounter { Day = day, Kind = kind, LastSequence = 1 });
            await db.SaveChangesAsync(cancellationToken);
            return 1;
        }

        return await db.AcceptanceCounters.Where(c => c.Day == day && c.Kind == kind).Select(c => c.LastSequence).SingleAsync(cancellationToken);
    }

    /// <summary>The case as the queue shows it: what a queue page needs to tell whether its filter and page hold it.</summary>
    private async Task<CareEvent> EventForAsync(string kind, Complaint complaint, CancellationToken cancellationToken)
    {
        string? departmentName = null;
        if (complaint.DepartmentId is { } departmentId)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            departmentName = await db.Departments.Where(d => d.Id == departmentId).Select(d => d.Name).SingleOrDefaultAsync(cancellationToken);
        }

        return new CareEvent(kind, complaint.Id, complaint.AcceptanceNumber, complaint.DepartmentId, complaint.Status,
            SlaState: complaint.SlaState,
            CustomerName: complaint.CustomerName,
            ComplaintClass: complaint.Class,
            ComplaintType: complaint.Type,
            Channel: complaint.Channel,
            DepartmentName: departmentName,
            AcceptedAtUtc: complaint.AcceptedAtUtc,
            SlaDueUtc: complaint.SlaDueUtc,
            UpdatedAtUtc: complaint.UpdatedAtUtc,
            AssigneeId: complaint.AssigneeId,
            CaseKind: complaint.Kind,
            Urgent: complaint.Urgent,
            CauseCodeId: complaint.CauseCodeId);
    }
}
