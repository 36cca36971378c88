using CarePortal.Domain.Complaints;
using CarePortal.Domain.Staff;
using CarePortal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CarePortal.Web.Features.Complaints;

/// <summary>A saved queue view as the queue lists it.</summary>
public sealed record QueueViewRow(int Id, string Name, CaseKind? Kind, QueueQuery Query, string? Cause);

/// <summary>The queue views each user saved (their own only, checked by who is signed in).</summary>
public sealed class QueueViewService(IDbContextFactory<CareDbContext> dbFactory)
{
    public async Task<IReadOnlyList<QueueViewRow>> MineAsync(Actor user, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var views = await db.SavedQueueViews.AsNoTracking().Where(v => v.UserId == user.UserId).OrderBy(v => v.Name).ToListAsync(cancellationToken);
        return views.Select(v => new QueueViewRow(v.Id, v.Name, v.Kind,
            new QueueQuery { Kind = v.Kind, Status = v.Status, Class = v.Class, DepartmentId = v.DepartmentId, SortBy = v.SortBy, Descending = v.Descending }, v.Cause)).ToList();
    }

    /// <summary>Saves the queue's filters and order under a name; returns why not, or null.</summary>
    public async Task<Refusal?> SaveAsync(Actor user, string name, QueueQuery query, string? cause, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var mine = await db.SavedQueueViews.Where(v => v.UserId == user.UserId).ToListAsync(cancellationToken);
        if (SavedQueueView.Problem(name, mine) is { } problem)
        {
            return new Refusal(problem);
        }

        db.SavedQueueViews.Add(SavedQueueView.Save(user.UserId, name, query.Kind, query.Status, query.Class, query.DepartmentId, cause, query.SortBy, query.Descending));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same name saved from another page at the same moment.
            return new Refusal("Queue.ViewNameTaken");
        }

        return null;
    }

    public async Task DeleteAsync(Actor user, int viewId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.SavedQueueViews.Where(v => v.Id == viewId && v.UserId == user.UserId).ExecuteDeleteAsync(cancellationToken);
    }
}
