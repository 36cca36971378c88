using CarePortal.Web.Data;

namespace CarePortal.Web.Features.Account;

public sealed class SignInService
{
    public Task<int> EndAllForUserAsync(string userId, SignInEnd reason, CancellationToken cancellationToken = default) => Task.FromResult(0);

    public Task UsersChangedAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
