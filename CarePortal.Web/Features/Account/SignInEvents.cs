using System.Collections.Immutable;

namespace CarePortal.Web.Features.Account;

/// <summary>
/// Something about these sign-ins, or about these users' access (roles, department, name, password,
/// account), changed: whoever holds one of them open (a circuit, a hub connection) checks it again
/// against the database at once.
/// </summary>
public sealed record SignInChange(IReadOnlyCollection<string> SignInIds, IReadOnlyCollection<string> UserIds)
{
    public bool Concerns(string? signInId, string? userId) =>
        (signInId is not null && SignInIds.Contains(signInId)) || (userId is not null && UserIds.Contains(userId));
}

/// <summary>
/// Tells open circuits and hub connections that a sign-in or a user's access changed. In process
/// today (one node); several nodes swap this for a backplane that delivers each change to every
/// node's listeners. Listeners look the truth up in the database, so a lost or late message only
/// delays the change to the next periodic check, never undoes it.
/// </summary>
public interface ISignInEvents
{
    Task PublishAsync(SignInChange change, CancellationToken cancellationToken = default);

    IDisposable Subscribe(Func<SignInChange, Task> handler);
}

internal sealed class InProcessSignInEvents(ILogger<InProcessSignInEvents> logger) : ISignInEvents
{
    private ImmutableArray<Func<SignInChange, Task>> _handlers = [];

    public Task PublishAsync(SignInChange change, CancellationToken cancellationToken = default) =>
        // Every holder checks at once and in parallel; one that fails must not keep the others open.
        Task.WhenAll(_handlers.Select(async handler =>
        {
            try
            {
                await handler(change);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "A sign-in listener failed to check a change; its periodic check will.");
            }
        }));

    public IDisposable Subscribe(Func<SignInChange, Task> handler)
    {
        ImmutableInterlocked.Update(ref _handlers, list => list.Add(handler));
        return new Subscription(() => ImmutableInterlocked.Update(ref _handlers, list => list.Remove(handler)));
    }

    private sealed class Subscription(Action unsubscribe) : IDisposable
    {
        public void Dispose() => unsubscribe();
    }
}
