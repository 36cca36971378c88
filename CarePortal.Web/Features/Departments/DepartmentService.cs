using CarePortal.Domain.Staff;
using CarePortal.Web.Data;
using CarePortal.Web.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace CarePortal.Web.Features.Departments;

public sealed record StaffMember(string Id, string DisplayName, string UserName, int? DepartmentId);

public sealed record DepartmentRow(int Id, string Name, string? HeadUserId, decimal AuthorityLimit, IReadOnlyList<StaffMember> Members)
{
    public StaffMember? Head => Members.FirstOrDefault(m => m.Id == HeadUserId);
}

/// <summary>What the admin edits in the department dialog.</summary>
public sealed class DepartmentEdit
{
    public int? Id { get; set; }
    public string Name { get; set; } = "";
    public string? HeadUserId { get; set; }
    public decimal AuthorityLimit { get; set; }
    public IReadOnlyCollection<string> MemberIds { get; set; } = [];
}

/// <summary>Loads and saves departments, their heads and members.</summary>
public sealed class DepartmentService(IDbContextFactory<CareDbContext> dbFactory, SignInService signIns)
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

    /// <summary>Creates or updates a department; returns a message code when the input is refused.</summary>
    public async Task<string?> SaveAsync(DepartmentEdit edit, CancellationToken cancellationToken = default)
    {
        var name = edit.Name.Trim();
        if (name.Length == 0)
        {
            return "Validation.Required";
        }

        if (edit.AuthorityLimit < 0)
        {
            return "Refusal.NegativeAmount";
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Departments.AnyAsync(d => d.Name == name && d.Id != edit.Id, cancellationToken))
        {
            return "Departments.NameTaken";
        }

        var department = edit.Id is { } id
            ? await db.Departments.SingleAsync(d => d.Id == id, cancellationToken)
            : db.Departments.Add(new Department { Name = name }).Entity;
        // Everyone whose department or headship this save may change: their open pages and hub connections follow at once.
        var touched = edit.Id is null ? [] : await db.Users.Where(u => u.DepartmentId == department.Id).Select(u => u.Id).ToListAsync(cancellationToken);
        touched.AddRange(new[] { department.HeadUserId, edit.HeadUserId }.OfType<string>());
        department.Name = name;
        department.HeadUserId = edit.HeadUserId;
        department.AuthorityLimit = edit.AuthorityLimit;

        // The head is always a member of the department they lead.
        var members = edit.MemberIds.Concat(edit.HeadUserId is null ? [] : [edit.HeadUserId]).Distinct().ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await db.Users.Where(u => u.DepartmentId == department.Id && !members.Contains(u.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.DepartmentId, (int?)null), cancellationToken);
        await db.Users.Where(u => members.Contains(u.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.DepartmentId, department.Id), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await signIns.UsersChangedAsync(touched.Concat(members).Distinct().ToList(), cancellationToken);
        return null;
    }

    private static Task<List<StaffMember>> StaffAsync(CareDbContext db, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking()
            .OrderBy(u => u.DisplayName)
            .Select(u => new StaffMember(u.Id, u.DisplayName, u.UserName ?? "", u.DepartmentId))
            .ToListAsync(cancellationToken);
}
