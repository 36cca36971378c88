using CarePortal.Domain.Audit;
using CarePortal.Domain.Causes;
using CarePortal.Domain.Staff;
using CarePortal.Web.Company;
using CarePortal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CarePortal.Web.Features.Causes;

/// <summary>A cause of the list as pages show it: its category's name beside its own.</summary>
public sealed record CauseOption(int Id, string Category, string Name, bool Retired)
{
    public string Label => $"{Category} → {Name}";
}

/// <summary>One category with its causes, in the list's order.</summary>
public sealed record CauseCategory(int Id, string Name, bool Retired, IReadOnlyList<CauseOption> Causes);

/// <summary>The cause list (issue 17 item 4): kept by admins, offered to proposals, filtered by in the queue.</summary>
public sealed class CauseCodeService(IDbContextFactory<CareDbContext> dbFactory, CompanyClock clock, ILogger<CauseCodeService> logger)
{
    /// <summary>Every category with its causes, retired ones included (marked).</summary>
    public async Task<IReadOnlyList<CauseCategory>> TreeAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var all = await db.CauseCodes.AsNoTracking().OrderBy(c => c.Order).ThenBy(c => c.Id).ToListAsync(cancellationToken);
        return all.Where(c => c.IsCategory)
            .Select(category => new CauseCategory(category.Id, category.Name, category.Retired,
                all.Where(c => c.ParentId == category.Id).Select(c => new CauseOption(c.Id, category.Name, c.Name, c.Retired || category.Retired)).ToList()))
            .ToList();
    }

    /// <summary>A cause's "category → cause", or null when there is none of that id.</summary>
    public async Task<string?> LabelAsync(int causeCodeId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var option = await (from cause in db.CauseCodes
                            join category in db.CauseCodes on cause.ParentId equals category.Id
                            where cause.Id == causeCodeId
                            select new CauseOption(cause.Id, category.Name, cause.Name, cause.Retired)).FirstOrDefaultAsync(cancellationToken);
        return option?.Label;
    }

    /// <summary>The causes a proposal may name now (neither they nor their category retired).</summary>
    public async Task<IReadOnlyList<CauseOption>> OfferedAsync(CancellationToken cancellationToken = default) =>
        (await TreeAsync(cancellationToken)).SelectMany(c => c.Causes).Where(c => !c.Retired).ToList();

    /// <summary>Adds a category (<paramref name="parentId"/> null) or a cause under one; returns why not, or null.</summary>
    public Task<Refusal?> AddAsync(int? parentId, string name, Actor admin, CancellationToken cancellationToken = default) =>
        SaveAsync(null, parentId, name, admin, cancellationToken);

    public Task<Refusal?> RenameAsync(int id, string name, Actor admin, CancellationToken cancellationToken = default) =>
        SaveAsync(id, null, name, admin, cancellationToken);

    private Task<Refusal?> SaveAsync(int? id, int? parentId, string name, Actor admin, CancellationToken cancellationToken) =>
        SaveOnceAsync(id, parentId, name, admin, cancellationToken).OrNotSavedAsync(r => (Refusal?)r, logger, "Cause code", id);

    private async Task<Refusal?> SaveOnceAsync(int? id, int? parentId, string name, Actor admin, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var all = await db.CauseCodes.ToListAsync(cancellationToken);
        var code = id is { } existing ? all.FirstOrDefault(c => c.Id == existing) : null;
        if (id is not null && code is null)
        {
            return new Refusal("Refusal.NotFound");
        }

        if (CauseCodeRules.Problem(name, code?.ParentId ?? parentId, id, all) is { } problem)
        {
            return new Refusal(problem);
        }

        var before = code?.Name;
        if (code is null)
        {
            var order = all.Where(c => c.ParentId == parentId).Select(c => c.Order).DefaultIfEmpty(0).Max() + 1;
            code = parentId is { } parent ? CauseCode.Cause(parent, name, order) : CauseCode.Category(name, order);
            db.CauseCodes.Add(code);
        }
        else
        {
            code.Rename(name);
        }

        await db.SaveChangesAsync(cancellationToken);
        db.Audit(admin, clock.UtcNow, AuditAction.CauseCodeChanged, AuditSubject.CauseCode, code.Id, code.Name, before, code.Name);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>Retires a code (no longer offered; the cases naming it keep it), or brings it back.</summary>
    public async Task<Refusal?> RetireAsync(int id, bool retired, Actor admin, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.CauseCodes.SingleOrDefaultAsync(c => c.Id == id, cancellationToken) is not { } code)
        {
            return new Refusal("Refusal.NotFound");
        }

        code.Retire(retired);
        db.Audit(admin, clock.UtcNow, AuditAction.CauseCodeChanged, AuditSubject.CauseCode, code.Id, code.Name, retired ? "Active" : "Retired", retired ? "Retired" : "Active");
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>Deletes a code no case names and (a category) with no causes; one in use is refused (retire it).</summary>
    public async Task<Refusal?> DeleteAsync(int id, Actor admin, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var all = await db.CauseCodes.ToListAsync(cancellationToken);
        if (all.FirstOrDefault(c => c.Id == id) is not { } code)
        {
            return new Refusal("Refusal.NotFound");
        }

        if (CauseCodeRules.DeleteProblem(code, all, await db.Complaints.AnyAsync(c => c.CauseCodeId == id, cancellationToken)) is { } problem)
        {
            return new Refusal(problem);
        }

        db.CauseCodes.Remove(code);
        db.Audit(admin, clock.UtcNow, AuditAction.CauseCodeChanged, AuditSubject.CauseCode, code.Id, code.Name, code.Name, null);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A proposal named it meanwhile: the key keeps it.
            return new Refusal("Causes.InUse");
        }

        return null;
    }

    /// <summary>The seeded list (every provider: settings, not demo data), into a database that has none.</summary>
    public static async Task SeedDefaultsAsync(CareDbContext db, CancellationToken cancellationToken)
    {
        if (await db.CauseCodes.AnyAsync(cancellationToken))
        {
            return;
        }

        var order = 0;
        foreach (var (categoryName, causes) in CauseCodeRules.Defaults)
        {
            var category = CauseCode.Category(categoryName, ++order);
            db.CauseCodes.Add(category);
            await db.SaveChangesAsync(cancellationToken);
            db.CauseCodes.AddRange(causes.Select((cause, i) => CauseCode.Cause(category.Id, cause, i + 1)));
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
