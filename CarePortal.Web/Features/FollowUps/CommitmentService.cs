using CarePortal.Domain;
using CarePortal.Domain.FollowUps;
using CarePortal.Domain.Staff;
using CarePortal.Web.Company;
using CarePortal.Web.Data;
using CarePortal.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace CarePortal.Web.Features.FollowUps;

/// <summary>A commitment as a list shows it: its customer, who made it, and whether the viewer may mark it kept.</summary>
public sealed record CommitmentRow(int Id, int CustomerId, string CustomerName, string Text, DateOnly DueOn, string MadeByName, DateTime MadeAtUtc, DateTime? KeptAtUtc, string KeptByName, bool Late, bool MayKeep);

/// <summary>
/// Commitments made to customers on follow-ups (「落实对客户的承诺」): listed on the customer and for the
/// people who keep them, marked kept by the one who made it, the account manager, their head, a manager
/// or an admin; a missed one is the SLA pass's (<see cref="CommitmentSweep"/>).
/// </summary>
public sealed class CommitmentService(IDbContextFactory<CareDbContext> dbFactory, CompanyClock clock, ICareEventBus bus, ILogger<CommitmentService> logger)
{
    /// <summary>A customer's open commitments, soonest first, then the last ten kept.</summary>
    public async Task<IReadOnlyList<CommitmentRow>> ForCustomerAsync(int customerId, Actor viewer, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = await db.AsTheyAreNowAsync(viewer, cancellationToken);
        var open = await Rows(db, db.Commitments.Where(c => c.CustomerId == customerId && c.KeptAtUtc == null).OrderBy(c => c.DueOn).ThenBy(c => c.Id), now, cancellationToken);
        var kept = await Rows(db, db.Commitments.Where(c => c.CustomerId == customerId && c.KeptAtUtc != null).OrderByDescending(c => c.KeptAtUtc).Take(10), now, cancellationToken);
        return [.. open, .. kept];
    }

    /// <summary>
    /// The open commitments the viewer keeps: of customers they manage or that they made, those of their
    /// department's account managers for a head, and every one for a manager or an admin; soonest first.
    /// </summary>
    public async Task<IReadOnlyList<CommitmentRow>> OpenAsync(Actor viewer, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = await db.AsTheyAreNowAsync(viewer, cancellationToken);
        var mine = MayKeep(db, now).Where(c => c.KeptAtUtc == null).OrderBy(c => c.DueOn).ThenBy(c => c.Id).Take(FollowUpService.ListLimit);
        return await Rows(db, mine, now, cancellationToken);
    }

    /// <summary>Marks the commitment kept, or says why not (not the viewer's to keep, kept already).</summary>
    public Task<Refusal?> KeepAsync(int commitmentId, Actor actor, CancellationToken cancellationToken = default) =>
        KeepOnceAsync(commitmentId, actor, cancellationToken).OrNotSavedAsync(r => r, logger, "Keeping commitment", commitmentId);

    private async Task<Refusal?> KeepOnceAsync(int commitmentId, Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var commitment = await db.Commitments.SingleOrDefaultAsync(c => c.Id == commitmentId, cancellationToken);
        if (commitment is null)
        {
            return new Refusal("Commitments.NotFound");
        }

        var now = await db.AsTheyAreNowAsync(actor, cancellationToken);
        if (!await MayKeep(db, now).AnyAsync(c => c.Id == commitmentId, cancellationToken))
        {
            return new Refusal("Commitments.NotYours");
        }

        if (commitment.Keep(actor.Name, clock.UtcNow) is { } refusal)
        {
            return refusal;
        }

        // Kept only if nobody kept it meanwhile: a second click, or a colleague on another page.
        var kept = await db.Commitments.Where(c => c.Id == commitmentId && c.KeptAtUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.KeptAtUtc, commitment.KeptAtUtc).SetProperty(c => c.KeptByName, commitment.KeptByName), cancellationToken);
        if (kept == 0)
        {
            var current = await db.Commitments.AsNoTracking().SingleAsync(c => c.Id == commitmentId, cancellationToken);
            return new Refusal("Commitments.AlreadyKept", current.KeptByName);
        }

        await bus.PublishAsync(CareEvent.FollowUp(CareEventKinds.FollowUpChanged, actor.UserId, clock.UtcNow), Audience.Users(actor.UserId), cancellationToken);
        return null;
    }

    /// <summary>The commitments <paramref name="actor"/> may mark kept.</summary>
    private static IQueryable<Commitment> MayKeep(CareDbContext db, Actor actor)
    {
        var followed = db.Customers.FollowedBy(db, actor).Select(c => c.Id);
        return db.Commitments.Where(c => c.MadeById == actor.UserId || followed.Contains(c.CustomerId));
    }

    private async Task<IReadOnlyList<CommitmentRow>> Rows(CareDbContext db, IQueryable<Commitment> commitments, Actor viewer, CancellationToken cancellationToken)
    {
        var mayKeep = MayKeep(db, viewer).Select(c => c.Id);
        var today = clock.Today;
        var rows = await (from c in commitments
                          join k in db.Customers on c.CustomerId equals k.Id
                          select new { c, k.Name, MayKeep = mayKeep.Contains(c.Id) }).ToListAsync(cancellationToken);
        return rows.Select(r => new CommitmentRow(r.c.Id, r.c.CustomerId, r.Name, r.c.Text, r.c.DueOn, r.c.MadeByName, r.c.MadeAtUtc, r.c.KeptAtUtc, r.c.KeptByName,
            r.c.IsOpen && r.c.DueOn < today, r.MayKeep && r.c.IsOpen)).ToList();
    }
}
