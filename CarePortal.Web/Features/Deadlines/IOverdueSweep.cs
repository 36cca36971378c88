namespace CarePortal.Web.Features.Deadlines;

/// <summary>Another kind of overdue item swept on the same pass (follow-ups: <see cref="FollowUpSweep"/>).</summary>
public interface IOverdueSweep
{
    /// <summary>Flags what passed its time and returns the next instant something will.</summary>
    Task<DateTime?> SweepAsync(DateTime nowUtc, CancellationToken cancellationToken);
}
