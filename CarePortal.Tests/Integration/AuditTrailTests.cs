using CarePortal.Domain.Audit;
using CarePortal.Domain.Customers;
using CarePortal.Domain.Staff;
using CarePortal.Tests.Support;
using CarePortal.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CarePortal.Tests.Integration;

/// <summary>The audit trail is evidence: entries are added, never changed or removed, and the older reveal log became part of it.</summary>
public sealed class AuditTrailTests
{
    private static DbContextOptions<SqliteCareDbContext> Options(TempFolder folder) =>
        new DbContextOptionsBuilder<SqliteCareDbContext>().UseSqlite($"Data Source={folder.File("audit.db")}").Options;

    [Fact]
    public async Task An_audit_entry_once_written_can_be_neither_changed_nor_removed()
    {
        using var folder = new TempFolder();
        var options = Options(folder);
        var desk = new Actor("u-desk", "张敏", new HashSet<string> { Roles.ServiceDesk }, null);
        await using (var db = new SqliteCareDbContext(options))
        {
            await db.Database.MigrateAsync();
            db.Audit(desk, new DateTime(2027, 3, 10, 2, 0, 0, DateTimeKind.Utc), AuditAction.Revealed, AuditSubject.Customer, 7, PersonalData.Phone);
            await db.SaveChangesAsync();
        }

        await using (var db = new SqliteCareDbContext(options))
        {
            var entry = await db.AuditEntries.SingleAsync();
            entry.UserName = "someone else";
            Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
        }

        await using (var db = new SqliteCareDbContext(options))
        {
            db.AuditEntries.Remove(await db.AuditEntries.SingleAsync());
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        }

        await using (var db = new SqliteCareDbContext(options))
        {
            var entry = await db.AuditEntries.SingleAsync();
            Assert.Equal(("u-desk", "张敏", AuditAction.Revealed, "7", PersonalData.Phone), (entry.UserId, entry.UserName, entry.Action, entry.SubjectId, entry.Field));
        }
    }

    [Fact]
    public async Task Migrating_keeps_every_reveal_recorded_before_the_audit_trail_as_one_of_its_entries()
    {
        using var folder = new TempFolder();
        var options = Options(folder);
        await using (var db = new SqliteCareDbContext(options))
        {
            await db.GetService<IMigrator>().MigrateAsync("20261201092230_CampaignVersion");
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO PersonalDataReveals (UserId, UserName, CustomerId, Field, AtUtc) VALUES " +
                "('u-desk', '张敏', 3, 'Phone', '2027-03-10 02:00:00'), ('u-head', '李强', 4, 'Address', '2027-03-10 03:30:00')");
        }

        await using (var db = new SqliteCareDbContext(options))
        {
            await db.Database.MigrateAsync();
            var entries = await db.AuditEntries.OrderBy(e => e.Id).ToListAsync();
            Assert.Equal(
                [
                    ("u-desk", "张敏", AuditAction.Revealed, AuditSubject.Customer, "3", "Phone", new DateTime(2027, 3, 10, 2, 0, 0, DateTimeKind.Utc)),
                    ("u-head", "李强", AuditAction.Revealed, AuditSubject.Customer, "4", "Address", new DateTime(2027, 3, 10, 3, 30, 0, DateTimeKind.Utc)),
                ],
                entries.Select(e => (e.UserId, e.UserName, e.Action, e.Subject, e.SubjectId, e.Field, e.AtUtc)));
        }
    }
}
