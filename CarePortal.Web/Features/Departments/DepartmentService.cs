using CarePortal.Domain;
using CarePortal.Domain.Staff;
using CarePortal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CarePortal.Web.Features.Departments;

public sealed record StaffMember(string Id, string DisplayName, string UserName, int? DepartmentId);

public sealed record DepartmentRow(int Id, string Name, string? HeadUserId, decimal AuthorityLimit, IReadOnlyList<StaffMember> Members)
{
    public StaffMember? Head => Members.FirstOrDefault(m => m.Id == HeadUserId);
}

/// <summary>What the admin edits in the department dialog (the page's own copy; the service gets <see cref="ToFields"/>).</summary>
public sealed class DepartmentEdit
{
    public int? Id { get; set; }
    public string Name { get; set; } = "";
    public string? HeadUserId { get; set; }
    public decimal AuthorityLimit { get; set; }
    public IReadOnlyCollection<string> MemberIds { get; set; } = [];

    public DepartmentFields ToFields() => new(Name, HeadUserId, AuthorityLimit, MemberIds.ToList());
}

/// <summary>Loads and saves departments, their heads and members.</summary>
public sealed class DepartmentService(IDbContextFactory<CareDbContext> dbFactory, ILogger<DepartmentService> logger)
{
    public async Task<IReadOnlyList<DepartmentRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var departments = await db.Departments.AsNoTracking().OrderBy(d => d.Id).ToListAsync(cancellationToken);
        var staff = await StaffAsync(db, cancellationToken);
        return departments
            .Select(d => new DepartmentRow(d.Id, d.Name, d.HeadUserId, d.AuthorityLimit, staff.Where(s => s.DepartmentId == d.Id).ToList()))
            .ToList();
    }

    public async Task<IReadOnlyList<StaffMember>> ListStaffAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await StaffAsync(db, cancellationToken);
    }

    /// <summary>
    /// Creates (<paramref name="departmentId"/> null) or updates a department; returns why it was
    /// refused, or null. Members not listed leave it; a member who is the named head of another
    /// department is refused (docs/decisions/0007-department-head.md), so nobody heads two.
    /// </summary>
    public Task<Refusal?> SaveAsync(int? departmentId, DepartmentFields fields, CancellationToken cancellationToken = default) =>
        SaveOnceAsync(departmentId, fields, cancellationToken).OrNotSavedAsync(r => (Refusal?)r, logger, "Department", departmentId);

    private async Task<Refusal?> SaveOnceAsync(int? departmentId, DepartmentFields fields, CancellationToken cancellationToken)
    {
        if (DepartmentRules.Problem(fields) is { } problem)
        {
            return new Refusal(problem);
        }

        var name = fields.Name.Trim();
        var members = fields.Members;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.Departments.AnyAsync(d => d.Name == name && d.Id != departmentId, cancellationToken))
        {
            return new Refusal("Departments.NameTaken");
        }

        var headed = await db.Departments.AsNoTracking().Where(d => d.HeadUserId != null && members.Contains(d.HeadUserId)).ToListAsync(cancellationToken);
        if (DepartmentRules.HeadOfAnother(departmentId, fields, headed) is { } other)
        {
            var head = await db.Users.Where(u => u.Id == other.HeadUserId).Select(u => u.DisplayName).SingleAsync(cancellationToken);
            return new Refusal("Departments.HeadsAnother", head, other.Name);
        }

        var department = departmentId is { } id
            ? await db.Departments.SingleOrDefaultAsync(d => d.Id == id, cancellationToken)
            : db.Departments.Add(new Department { Name = name }).Entity;
        if (department is null)
        {
            return new Refusal("Departments.NotFound");
        }

        department.Name = name;
        department.HeadUserId = fields.HeadUserId;
        department.AuthorityLimit = fields.AuthorityLimit;
        await db.SaveChangesAsync(cancellationToken);
        await db.Users.Where(u => u.DepartmentId == department.Id && !members.Contains(u.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.DepartmentId, (int?)null), cancellationToken);
        await db.Users.Where(u => members.Contains(u.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.DepartmentId, department.Id), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    private static Task<List<StaffMember>> StaffAsync(CareDbContext db, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking()
            .OrderBy(u => u.DisplayName)
            .Select(u => new StaffMember(u.Id, u.DisplayName, u.UserName ?? "", u.DepartmentId))
            .ToListAsync(cancellationToken);
}
