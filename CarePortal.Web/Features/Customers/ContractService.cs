using CarePortal.Domain;
using CarePortal.Domain.Customers;
using CarePortal.Domain.Staff;
using CarePortal.Web.Company;
using CarePortal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CarePortal.Web.Features.Customers;

/// <summary>A contract as the customer page lists it, and whether it is in force today.</summary>
public sealed record ContractRow(ServiceContract Contract, bool InForce);

/// <summary>
/// The contract a fee-deduction claim is judged against: the customer's contract in force today (null
/// for none), and whether the claimed amount is above its monthly fee.
/// </summary>
public sealed record ContractBeside(ServiceContract? Contract, bool ClaimAboveMonthlyFee);

/// <summary>
/// Service contracts on customers (issue 18 item 4): kept by the account manager, managers and admins;
/// read beside a fee-deduction complaint on the register form and the case page.
/// </summary>
public sealed class ContractService(IDbContextFactory<CareDbContext> dbFactory, CompanyClock clock, ILogger<ContractService> logger)
{
    public async Task<IReadOnlyList<ContractRow>> ForCustomerAsync(int customerId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var today = clock.Today;
        var contracts = await db.ServiceContracts.AsNoTracking().Where(c => c.CustomerId == customerId).OrderByDescending(c => c.StartsOn).ThenByDescending(c => c.Id).ToListAsync(cancellationToken);
        var inForce = ServiceContract.InForce(contracts, today);
        return contracts.Select(c => new ContractRow(c, c == inForce)).ToList();
    }

    /// <summary>
    /// The customer's contract in force on <paramref name="onDay"/> (a case's: the day it was registered;
    /// today by default) beside a claim of <paramref name="amountClaimed"/>.
    /// </summary>
    public async Task<ContractBeside> BesideClaimAsync(int customerId, decimal? amountClaimed, DateOnly? onDay = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var today = onDay ?? clock.Today;
        var contracts = await db.ServiceContracts.AsNoTracking().Where(c => c.CustomerId == customerId && c.StartsOn <= today && c.EndsOn >= today).ToListAsync(cancellationToken);
        var contract = ServiceContract.InForce(contracts, today);
        return new ContractBeside(contract, contract?.IsExceededBy(amountClaimed) ?? false);
    }

    /// <summary>Whether <paramref name="actor"/> may keep the customer's contracts: their account manager, a manager or an admin.</summary>
    public static bool MayKeep(Actor actor, string? accountManagerId) =>
        actor.IsIn(Roles.Manager) || actor.IsIn(Roles.Admin) || (accountManagerId is not null && actor.UserId == accountManagerId);

    /// <summary>Adds a contract (<paramref name="contractId"/> null) or changes one over the version the page loaded; every refusal changes nothing.</summary>
    public Task<Refusal?> SaveAsync(int customerId, int? contractId, ContractInput input, int? loadedVersion, Actor actor, CancellationToken cancellationToken = default) =>
        SaveOnceAsync(customerId, contractId, input, loadedVersion, actor, cancellationToken).OrNotSavedAsync(r => r, logger, "A contract of customer", customerId);

    private async Task<Refusal?> SaveOnceAsync(int customerId, int? contractId, ContractInput input, int? loadedVersion, Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == customerId).Select(c => new { c.AccountManagerId, c.Sites }).SingleOrDefaultAsync(cancellationToken);
        if (customer is null)
        {
            return new Refusal("Customers.NotFound");
        }

        if (!MayKeep(actor, customer.AccountManagerId))
        {
            return new Refusal("Contracts.NotPermitted");
        }

        var sites = CustomerTags.Parse(customer.Sites).Items;
        var now = clock.UtcNow;
        if (contractId is { } id)
        {
            var contract = await db.ServiceContracts.SingleOrDefaultAsync(c => c.Id == id && c.CustomerId == customerId, cancellationToken);
            if (contract is null)
            {
                return new Refusal("Contracts.NotFound");
            }

            if (loadedVersion is { } version && version != contract.Version)
            {
                return new Refusal("Refusal.ContractChanged", contract.ChangedBy, clock.ToLocal(contract.ChangedAtUtc));
            }

            if (contract.Apply(input, sites, actor.Name, now) is { } refused)
            {
                return refused;
            }
        }
        else
        {
            var (contract, refused) = ServiceContract.Make(customerId, input, sites, actor.Name, now);
            if (contract is null)
            {
                return refused;
            }

            db.ServiceContracts.Add(contract);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new Refusal("Refusal.ContractChanged", "", clock.ToLocal(now));
        }

        return null;
    }
}
